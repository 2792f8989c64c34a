import TrailGateBasics

/// A request of a probe step as IAM decides it: the action, the resource, and the policy it is judged by (the
/// trail bucket's policy or a key policy). Requests on anything else (Athena, Glue, the query result location) are
/// not judged: the caller cannot read the policies that decide them.
struct ProbeAccessRequest: Equatable {
    /// The resource policy that decides the request.
    enum Policy: Hashable {
        case bucket
        case key(arn: String)
    }

    /// The AWS operation, as the report names it.
    var operation: String
    /// The IAM action, e.g. `s3:GetLifecycleConfiguration` for GetBucketLifecycleConfiguration.
    var action: String
    /// The bucket, object or key ARN.
    var resource: String
    /// The `s3:prefix` of a listing; nil for every other request.
    var listPrefix: String?
    var policy: Policy

    /// The S3 operations on the bucket itself, by operation, with their IAM actions.
    private static let bucketActions = [
        "GetBucketLogging": "s3:GetBucketLogging",
        "GetBucketObjectLockConfiguration": "s3:GetBucketObjectLockConfiguration",
        "GetBucketLifecycleConfiguration": "s3:GetLifecycleConfiguration",
        "GetBucketEncryption": "s3:GetEncryptionConfiguration",
        "ListObjectsV2": "s3:ListBucket",
        "ListObjects": "s3:ListBucket",
    ]

    /// The request as IAM sees it when it is on `bucket` or a KMS key; nil otherwise. A listing's resource is
    /// `arn:aws:s3:::<bucket>?prefix=<prefix>` (see ``ProbeRequest/resource``).
    init?(_ request: ProbeRequest, bucket: String) {
        let bucketArn = "arn:aws:s3:::\(bucket)"
        operation = request.operation
        if let action = Self.bucketActions[request.operation] {
            let parts = request.resource.components(separatedBy: "?prefix=")
            guard parts[0] == bucketArn else { return nil }
            self.action = action
            resource = bucketArn
            listPrefix = action == "s3:ListBucket" ? parts.dropFirst().first.map { $0 } ?? "" : nil
            policy = .bucket
        } else if ["GetObject", "HeadObject"].contains(request.operation) {
            guard request.resource.hasPrefix(bucketArn + "/") else { return nil }
            action = "s3:GetObject"
            resource = request.resource
            policy = .bucket
        } else if ["Decrypt", "DescribeKey"].contains(request.operation) {
            guard request.resource.hasPrefix("arn:aws:kms:"), request.resource.contains(":key/") else { return nil }
            action = "kms:\(request.operation)"
            resource = request.resource
            policy = .key(arn: request.resource)
        } else {
            return nil
        }
    }

    /// The read of the trail bucket that Athena names in a query's failure reason ("Permission denied on S3 path:
    /// s3://bucket/key"): a listing when the path ends with `/`, else a GetObject; nil when the reason names no path
    /// in `bucket`.
    init?(athenaReason reason: String, bucket: String) {
        let scheme = "s3://\(bucket)/"
        guard let start = reason.range(of: scheme) else { return nil }
        var key = String(reason[start.upperBound...].prefix { !$0.isWhitespace && $0 != "\"" && $0 != "'" })
        if key.hasSuffix(".") { key.removeLast() }
        if key.isEmpty || key.hasSuffix("/") {
            operation = "ListObjectsV2"
            action = "s3:ListBucket"
            resource = "arn:aws:s3:::\(bucket)"
            listPrefix = key
        } else {
            operation = "GetObject"
            action = "s3:GetObject"
            resource = "arn:aws:s3:::\(bucket)/\(key)"
        }
        policy = .bucket
    }
}
