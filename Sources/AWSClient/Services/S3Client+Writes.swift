import Crypto
import Foundation
import OrderedJSON

/// The S3 calls `fix` makes: reading a bucket's ACL, and putting or deleting the bucket settings it changes.
///
/// Every put replaces a whole document with a given one, so sending it twice leaves the bucket as sending it once
/// does: the calls are idempotent and retried like reads.
extension S3Client {
    /// `s3api get-bucket-acl`. The grantee `Type`, an XML attribute, is told by which identifier the grantee has.
    public func getBucketAcl(_ bucket: String, region: String) async throws -> JSONValue {
        let response = try await get("GetBucketAcl", bucket: bucket, region: region, query: "acl")
        var json = S3Shapes.accessControlPolicy.json(from: try xml(response, "GetBucketAcl"))
        if let grants = json["Grants"]?.arrayValue {
            json["Grants"] = .array(
                grants.map { grant in
                    var grant = grant
                    if var grantee = grant["Grantee"], grantee["Type"] == nil {
                        grantee["Type"] =
                            grantee["URI"] != nil
                            ? "Group" : grantee["EmailAddress"] != nil ? "AmazonCustomerByEmail" : "CanonicalUser"
                        grant["Grantee"] = grantee
                    }
                    return grant
                })
        }
        return json
    }

    /// `s3api put-bucket-policy --policy TEXT`: the text is sent as given.
    public func putBucketPolicy(_ bucket: String, policy: String, region: String) async throws {
        try await send(
            "PutBucketPolicy", method: "PUT", bucket: bucket, region: region, query: "policy", body: Data(policy.utf8),
            contentType: "application/json")
    }

    /// `s3api delete-bucket-policy`.
    public func deleteBucketPolicy(_ bucket: String, region: String) async throws {
        try await send("DeleteBucketPolicy", method: "DELETE", bucket: bucket, region: region, query: "policy")
    }

    /// `s3api put-bucket-lifecycle-configuration --lifecycle-configuration JSON` (`{"Rules": [...]}`); a
    /// `TransitionDefaultMinimumObjectSize` member, as the get call reports it, is sent as its header.
    public func putBucketLifecycleConfiguration(_ bucket: String, configuration: JSONValue, region: String) async throws
    {
        try await sendXML(
            "PutBucketLifecycleConfiguration", bucket: bucket, region: region, query: "lifecycle",
            S3Shapes.lifecycle.xml(from: configuration, root: "LifecycleConfiguration"),
            headers: configuration["TransitionDefaultMinimumObjectSize"]?.stringValue.map {
                [("x-amz-transition-default-minimum-object-size", $0)]
            } ?? [])
    }

    /// `s3api delete-bucket-lifecycle`.
    public func deleteBucketLifecycle(_ bucket: String, region: String) async throws {
        try await send("DeleteBucketLifecycle", method: "DELETE", bucket: bucket, region: region, query: "lifecycle")
    }

    /// `s3api put-bucket-ownership-controls --ownership-controls JSON` (`{"Rules": [...]}`).
    public func putBucketOwnershipControls(_ bucket: String, controls: JSONValue, region: String) async throws {
        try await sendXML(
            "PutBucketOwnershipControls", bucket: bucket, region: region, query: "ownershipControls",
            S3Shapes.ownershipControls.xml(from: controls, root: "OwnershipControls"))
    }

    /// `s3api delete-bucket-ownership-controls`.
    public func deleteBucketOwnershipControls(_ bucket: String, region: String) async throws {
        try await send(
            "DeleteBucketOwnershipControls", method: "DELETE", bucket: bucket, region: region,
            query: "ownershipControls")
    }

    /// `s3api put-bucket-logging --bucket-logging-status JSON` (`{}` turns access logging off).
    public func putBucketLogging(_ bucket: String, status: JSONValue, region: String) async throws {
        try await sendXML(
            "PutBucketLogging", bucket: bucket, region: region, query: "logging",
            S3Shapes.logging.xml(from: status, root: "BucketLoggingStatus"))
    }

    /// `s3api put-bucket-encryption --server-side-encryption-configuration JSON` (`{"Rules": [...]}`).
    public func putBucketEncryption(_ bucket: String, configuration: JSONValue, region: String) async throws {
        try await sendXML(
            "PutBucketEncryption", bucket: bucket, region: region, query: "encryption",
            S3Shapes.encryption.xml(from: configuration, root: "ServerSideEncryptionConfiguration"))
    }

    /// `s3api delete-bucket-encryption`.
    public func deleteBucketEncryption(_ bucket: String, region: String) async throws {
        try await send("DeleteBucketEncryption", method: "DELETE", bucket: bucket, region: region, query: "encryption")
    }

    /// Sends an XML body with the `Content-MD5` S3 requires of these calls.
    private func sendXML(
        _ operation: String, bucket: String, region: String, query: String, _ xml: String,
        headers: [(String, String)] = []
    ) async throws {
        try await send(
            operation, method: "PUT", bucket: bucket, region: region, query: query, body: Data(xml.utf8),
            contentType: "application/xml", headers: headers)
    }

    private func send(
        _ operation: String, method: String, bucket: String, region: String, query: String,
        body: Data = Data(), contentType: String? = nil, headers: [(String, String)] = []
    ) async throws {
        var request = HTTPRequest(
            method: method, url: try url(bucket: bucket, region: region, query: query, operation: operation),
            body: body)
        for (name, value) in headers { request.setHeader(name, value) }
        if let contentType {
            request.setHeader("Content-Type", contentType)
            request.setHeader("Content-MD5", Data(Insecure.MD5.hash(data: body)).base64EncodedString())
        }
        _ = try await client.send(request, service: .s3, region: region, operation: operation)
    }
}
