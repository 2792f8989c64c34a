import Foundation

extension S3Client {
    /// `s3api delete-object`: removes one object (S3 answers success for a key that is not there).
    public func deleteObject(bucket: String, key: String, region: String) async throws {
        let base = try url(bucket: bucket, region: region, query: "", operation: "DeleteObject")
        guard var components = URLComponents(url: base, resolvingAgainstBaseURL: false) else {
            throw AWSTransportError(service: "S3", operation: "DeleteObject", reason: "cannot use the endpoint \(base)")
        }
        let path = components.percentEncodedPath
        components.percentEncodedPath =
            (path.hasSuffix("/") ? path : path + "/") + URIEncoding.encode(key.utf8, keepingSlash: true)
        guard let objectURL = components.url else {
            throw AWSTransportError(
                service: "S3", operation: "DeleteObject", reason: "cannot form a URL for key \(key)")
        }
        _ = try await client.send(
            HTTPRequest(method: "DELETE", url: objectURL), service: .s3, region: region, operation: "DeleteObject")
    }
}
