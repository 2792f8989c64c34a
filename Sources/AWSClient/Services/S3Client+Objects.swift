import Foundation
import OrderedJSON

/// One page of a ListObjectsV2 answer.
public struct S3ObjectListing: Sendable, Equatable {
    public struct Object: Sendable, Equatable {
        public var key: String
        public var size: Int64
    }

    public var objects: [Object]
    /// With a delimiter: the common prefixes (`AWSLogs/o-…/111122223333/`), in order.
    public var commonPrefixes: [String]
    /// Set when the listing goes on.
    public var nextContinuationToken: String?
}

/// A GetObject answer: the body as stored and the user metadata (`x-amz-meta-*` headers, prefix removed, lowercase).
public struct S3GetObjectOutput: Sendable {
    public var body: Data
    public var metadata: [String: String]
}

extension S3Client {
    /// `s3api list-objects-v2`: one page of keys under `prefix` after `startAfter`, or after `continuationToken`.
    public func listObjectsV2(
        bucket: String, region: String, prefix: String, startAfter: String? = nil,
        continuationToken: String? = nil, delimiter: String? = nil
    ) async throws -> S3ObjectListing {
        var query = [("list-type", "2"), ("prefix", prefix)]
        if let startAfter { query.append(("start-after", startAfter)) }
        if let continuationToken { query.append(("continuation-token", continuationToken)) }
        if let delimiter { query.append(("delimiter", delimiter)) }
        let text = query.sorted { $0.0 < $1.0 }
            .map { "\(URIEncoding.encode($0.0.utf8))=\(URIEncoding.encode($0.1.utf8))" }.joined(separator: "&")
        let response = try await get("ListObjectsV2", bucket: bucket, region: region, query: text)
        let tree = try xml(response, "ListObjectsV2")
        let objects = tree.children("Contents").map { item in
            S3ObjectListing.Object(key: item.child("Key")?.text ?? "", size: Int64(item.child("Size")?.text ?? "") ?? 0)
        }
        let prefixes = tree.children("CommonPrefixes").compactMap { $0.child("Prefix")?.text }
        let truncated = tree.child("IsTruncated")?.text == "true"
        let token = tree.child("NextContinuationToken")?.text
        return S3ObjectListing(
            objects: objects, commonPrefixes: prefixes, nextContinuationToken: truncated ? token : nil)
    }

    /// `s3api get-object`: the whole body and the user metadata.
    public func getObject(bucket: String, key: String, region: String) async throws -> S3GetObjectOutput {
        let base = try url(bucket: bucket, region: region, query: "", operation: "GetObject")
        guard var components = URLComponents(url: base, resolvingAgainstBaseURL: false) else {
            throw AWSTransportError(service: "S3", operation: "GetObject", reason: "cannot use the endpoint \(base)")
        }
        let path = components.percentEncodedPath
        components.percentEncodedPath =
            (path.hasSuffix("/") ? path : path + "/") + URIEncoding.encode(key.utf8, keepingSlash: true)
        guard let objectURL = components.url else {
            throw AWSTransportError(service: "S3", operation: "GetObject", reason: "cannot form a URL for key \(key)")
        }
        let response = try await client.send(
            HTTPRequest(method: "GET", url: objectURL), service: .s3, region: region,
            operation: "GetObject")
        var metadata: [String: String] = [:]
        for (name, value) in response.headers where name.lowercased().hasPrefix("x-amz-meta-") {
            metadata[String(name.lowercased().dropFirst("x-amz-meta-".count))] = value
        }
        return S3GetObjectOutput(body: response.body, metadata: metadata)
    }
}
