import OrderedJSON

/// What to tell an account with no trail: the service deploys its own managed trail, so nothing needs preparing;
/// to integrate a trail of one's own instead, the commands that create a compliant one.
public struct NoTrailGuidance: Sendable {
    /// The sentence the report leads with.
    public var summary: String
    /// Why the commands are there, and what to replace in them.
    public var detail: String
    /// AWS CLI commands, in order, that create a bucket and a trail every check passes.
    public var commands: [String]

    /// The name the commands give the trail.
    static let trailName = "organization-trail"

    /// The guidance for the snapshot's account; with its organization known the commands create an organization
    /// trail whose bucket policy already grants the service's roles, otherwise an account trail.
    public init(_ snapshot: Snapshot, retentionDays: Int = CheckOptions.eighteenMonthsDays) {
        let account = snapshot.callerIdentity.value?.account ?? "<account-id>"
        let organizationId = snapshot.organization.value?.organization.id
        let bucket = "aws-cloudtrail-logs-\(account)-trailgate"
        let organizationTrail = organizationId != nil
        summary =
            "No CloudTrail trail: the account has no trail, and no organization trail is visible from it. "
            + "Nothing needs preparing for the service's own managed trail: onboarding deploys it."
        detail =
            "To integrate a trail of your own instead, create a compliant "
            + (organizationTrail
                ? "organization trail (run these from the management account; the bucket may live in a log-archive account)"
                : "account trail (from the management account, add --is-organization-trail to make it an organization trail)")
            + ". Replace \(bucket) and <access-log-bucket> (an existing bucket in the same account and Region; merge "
            + "the logging statement into its policy if it has one) as you need (outside us-east-1, create-bucket also needs "
            + "--create-bucket-configuration LocationConstraint=<region>); `trailgate check` judges the result."
        let bucketPolicy: JSONValue = [
            "Version": "2012-10-17",
            "Statement": .array(
                Self.cloudTrailStatements(bucket: bucket, account: account, organizationId: organizationId)
                    + Self.serviceStatements(bucket: bucket, organizationId: organizationId)),
        ]
        let lifecycle: JSONValue = [
            "Rules": [
                [
                    "ID": "keep-trail-logs", "Filter": ["Prefix": "AWSLogs/"], "Status": "Enabled",
                    "Expiration": ["Days": .int(retentionDays)],
                ]
            ]
        ]
        let ownership: JSONValue = ["Rules": [["ObjectOwnership": "BucketOwnerEnforced"]]]
        let encryption: JSONValue = ["Rules": [["ApplyServerSideEncryptionByDefault": ["SSEAlgorithm": "AES256"]]]]
        let logging: JSONValue = [
            "LoggingEnabled": ["TargetBucket": "<access-log-bucket>", "TargetPrefix": .string("\(bucket)/")]
        ]
        let delivery = AccessLogDelivery(
            source: bucket, sourceAccount: account, sourceRegion: "", target: "<access-log-bucket>",
            prefix: "\(bucket)/")
        let loggingTargetPolicy: JSONValue = ["Version": "2012-10-17", "Statement": [delivery.statement]]
        let quotedBucket = shellWord(bucket)
        commands = [
            "aws s3api create-bucket --bucket \(quotedBucket)",
            "aws s3api put-bucket-ownership-controls --bucket \(quotedBucket) --ownership-controls \(shellQuoted(ownership.serialized()))",
            "aws s3api put-bucket-encryption --bucket \(quotedBucket) --server-side-encryption-configuration \(shellQuoted(encryption.serialized()))",
            "aws s3api put-bucket-lifecycle-configuration --bucket \(quotedBucket) --lifecycle-configuration \(shellQuoted(lifecycle.serialized()))",
            "aws s3api put-bucket-policy --bucket '<access-log-bucket>' --policy \(shellQuoted(loggingTargetPolicy.serialized()))",
            "aws s3api put-bucket-logging --bucket \(quotedBucket) --bucket-logging-status \(shellQuoted(logging.serialized()))",
            "aws s3api put-bucket-policy --bucket \(quotedBucket) --policy \(shellQuoted(bucketPolicy.serialized()))",
            "aws cloudtrail create-trail --name \(Self.trailName) --s3-bucket-name \(quotedBucket) --is-multi-region-trail "
                + "--include-global-service-events --enable-log-file-validation"
                + (organizationTrail ? " --is-organization-trail" : ""),
            "aws cloudtrail put-event-selectors --trail-name \(Self.trailName) --advanced-event-selectors "
                + shellQuoted(JSONValue.array([ManagementSelectorsRemediation.fullManagementSelector]).serialized()),
            "aws cloudtrail start-logging --name \(Self.trailName)",
        ]
    }

    /// CloudTrail's own statements: it checks the bucket ACL and writes under `AWSLogs/<account>/` (and, for an
    /// organization trail, `AWSLogs/<organization id>/`), only for the trail named in the commands.
    private static func cloudTrailStatements(bucket: String, account: String, organizationId: String?) -> [JSONValue] {
        let source: JSONValue = .string("arn:aws:cloudtrail:*:\(account):trail/\(trailName)")
        let principal: JSONValue = ["Service": "cloudtrail.amazonaws.com"]
        let writeFolders = [account] + (organizationId.map { [$0] } ?? [])
        return [
            [
                "Sid": "AWSCloudTrailAclCheck", "Effect": "Allow", "Principal": principal, "Action": "s3:GetBucketAcl",
                "Resource": .string("arn:aws:s3:::\(bucket)"), "Condition": ["ArnLike": ["aws:SourceArn": source]],
            ],
            [
                "Sid": "AWSCloudTrailWrite", "Effect": "Allow", "Principal": principal, "Action": "s3:PutObject",
                "Resource": .array(writeFolders.map { .string("arn:aws:s3:::\(bucket)/AWSLogs/\($0)/*") }),
                "Condition": [
                    "StringEquals": ["s3:x-amz-acl": "bucket-owner-full-control"],
                    "ArnLike": ["aws:SourceArn": source],
                ],
            ],
        ]
    }

    /// The service's required statements; an account trail's bucket lives in the trail's account, where the
    /// account's own IAM policies grant the service's roles, so it needs none.
    private static func serviceStatements(bucket: String, organizationId: String?) -> [JSONValue] {
        guard let organizationId, let inputs = try? PolicyInputs(bucket: bucket, organizationId: organizationId)
        else { return [] }
        return RequiredStatements(inputs).statements(for: .bucket)
    }
}
