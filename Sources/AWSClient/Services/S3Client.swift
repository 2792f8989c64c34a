import Foundation
import OrderedJSON

/// The S3 read calls, answered in the AWS CLI's JSON shapes. Virtual-hosted addressing by default, path style with a
/// custom endpoint.
public struct S3Client: Sendable {
    public let client: AWSServiceClient
    public let pathStyle: Bool

    public init(client: AWSServiceClient, pathStyle: Bool) {
        self.client = client
        self.pathStyle = pathStyle
    }

    /// The request URL; a bucket name that cannot form one (AWS never returns such a name) is an error, not a crash.
    func url(bucket: String?, region: String, query: String, operation: String) throws -> URL {
        let base = client.endpoint(.s3, region)
        guard var components = URLComponents(url: base, resolvingAgainstBaseURL: false) else {
            throw AWSTransportError(service: "S3", operation: operation, reason: "cannot use the endpoint \(base)")
        }
        if let bucket {
            if pathStyle {
                components.percentEncodedPath =
                    (components.percentEncodedPath.hasSuffix("/")
                        ? components.percentEncodedPath : components.percentEncodedPath + "/") + bucket
            } else {
                components.host = "\(bucket).\(components.host ?? "")"
                components.percentEncodedPath = "/"
            }
        } else if components.percentEncodedPath.isEmpty {
            components.percentEncodedPath = "/"
        }
        components.percentEncodedQuery = query.isEmpty ? nil : query
        guard let url = components.url else {
            throw AWSTransportError(
                service: "S3", operation: operation, reason: "cannot form a URL for bucket \(bucket ?? "")")
        }
        return url
    }

    func get(_ operation: String, bucket: String?, region: String, query: String) async throws -> HTTPResponse {
        try await client.send(
            HTTPRequest(
                method: "GET", url: try url(bucket: bucket, region: region, query: query, operation: operation)),
            service: .s3, region: region, operation: operation)
    }

    func xml(_ response: HTTPResponse, _ operation: String) throws -> XMLDocumentTree {
        do {
            return try XMLDocumentTree.parse(response.body)
        } catch {
            throw AWSTransportError(service: "S3", operation: operation, reason: "\(error)")
        }
    }

    /// `s3api list-buckets`.
    public func listBuckets(region: String) async throws -> JSONValue {
        let response = try await get("ListBuckets", bucket: nil, region: region, query: "")
        return S3Shapes.listBuckets.json(from: try xml(response, "ListBuckets"))
    }

    /// `s3api get-bucket-location`, asked in us-east-1, which answers for every bucket.
    public func getBucketLocation(_ bucket: String) async throws -> JSONValue {
        let response = try await get("GetBucketLocation", bucket: bucket, region: "us-east-1", query: "location")
        let text = try xml(response, "GetBucketLocation").text
        return ["LocationConstraint": text.isEmpty ? .null : .string(text)]
    }

    /// The Region of a `get-bucket-location` answer: null means us-east-1, `EU` means eu-west-1.
    public static func region(ofLocation location: JSONValue) -> String {
        switch location["LocationConstraint"]?.stringValue {
        case nil, "": return "us-east-1"
        case "EU": return "eu-west-1"
        case let region?: return region
        }
    }

    /// `s3api get-bucket-encryption`.
    public func getBucketEncryption(_ bucket: String, region: String) async throws -> JSONValue {
        let response = try await get("GetBucketEncryption", bucket: bucket, region: region, query: "encryption")
        return [
            "ServerSideEncryptionConfiguration": S3Shapes.encryption.json(
                from: try xml(response, "GetBucketEncryption"))
        ]
    }

    /// `s3api get-bucket-logging` (`{}` when logging is off).
    public func getBucketLogging(_ bucket: String, region: String) async throws -> JSONValue {
        let response = try await get("GetBucketLogging", bucket: bucket, region: region, query: "logging")
        return S3Shapes.logging.json(from: try xml(response, "GetBucketLogging"))
    }

    /// `s3api get-bucket-lifecycle-configuration`.
    public func getBucketLifecycleConfiguration(_ bucket: String, region: String) async throws -> JSONValue {
        let response = try await get(
            "GetBucketLifecycleConfiguration", bucket: bucket, region: region, query: "lifecycle")
        var json = S3Shapes.lifecycle.json(from: try xml(response, "GetBucketLifecycleConfiguration"))
        if let size = response.header("x-amz-transition-default-minimum-object-size") {
            json["TransitionDefaultMinimumObjectSize"] = .string(size)
        }
        return json
    }

    /// `s3api get-bucket-ownership-controls`.
    public func getBucketOwnershipControls(_ bucket: String, region: String) async throws -> JSONValue {
        let response = try await get(
            "GetBucketOwnershipControls", bucket: bucket, region: region, query: "ownershipControls")
        return [
            "OwnershipControls": S3Shapes.ownershipControls.json(from: try xml(response, "GetBucketOwnershipControls"))
        ]
    }

    /// `s3api get-bucket-policy`: the policy document as text.
    public func getBucketPolicy(_ bucket: String, region: String) async throws -> JSONValue {
        let response = try await get("GetBucketPolicy", bucket: bucket, region: region, query: "policy")
        return ["Policy": .string(String(decoding: response.body, as: UTF8.self))]
    }

    /// `s3api get-object-lock-configuration`; S3 answers `ObjectLockConfigurationNotFoundError` when the bucket has
    /// none.
    public func getObjectLockConfiguration(_ bucket: String, region: String) async throws -> JSONValue {
        let response = try await get("GetObjectLockConfiguration", bucket: bucket, region: region, query: "object-lock")
        return [
            "ObjectLockConfiguration": S3Shapes.objectLock.json(from: try xml(response, "GetObjectLockConfiguration"))
        ]
    }

    /// `s3api get-public-access-block`.
    public func getPublicAccessBlock(_ bucket: String, region: String) async throws -> JSONValue {
        let response = try await get("GetPublicAccessBlock", bucket: bucket, region: region, query: "publicAccessBlock")
        return [
            "PublicAccessBlockConfiguration": S3Shapes.publicAccessBlock.json(
                from: try xml(response, "GetPublicAccessBlock"))
        ]
    }
}
