/// Every check's metadata, in report order: what `checks list`, the JSON report, SARIF rules and ASFF findings say
/// about a check beyond its result. Mappings were checked against Prowler's compliance files (docs/checks.md).
public enum CheckCatalogue {
    /// The metadata of every registered check, in report order.
    public static var all: [CheckMetadata] { CheckRegistry.definitions.map { metadata(for: $0.id) } }

    /// The metadata of `id`; every registered check has an entry (a test holds the two lists together).
    public static func metadata(for id: CheckID) -> CheckMetadata {
        entries[id]
            ?? CheckMetadata(
                id: id, title: id.rawValue, area: .trail, severity: .medium, severityReason: "",
                requirement: "", remediation: "")
    }

    static let entries: [CheckID: CheckMetadata] = Dictionary(
        uniqueKeysWithValues: list.map { ($0.id, $0) })

    private static let list: [CheckMetadata] = [
        CheckMetadata(
            id: .logging, title: "Logging and delivery", area: .trail, severity: .critical,
            severityReason: "A trail that is not logging, or cannot deliver, gives the service no events at all.",
            requirement: "The trail is logging and delivers its log files to the S3 bucket.",
            remediation: "Start logging on the trail and fix the delivery error CloudTrail reports.",
            cis: ["3.1"], securityHub: ["CloudTrail.1", "CloudTrail.3"]),
        CheckMetadata(
            id: .multiRegion, title: "All-Region logging", area: .trail, severity: .high,
            severityReason: "Activity in the Regions the trail does not cover is invisible to the service.",
            requirement: "The trail must be a multi-Region trail: it logs events in all AWS Regions.",
            remediation: "Update the trail with --is-multi-region-trail.",
            cis: ["3.1"], securityHub: ["CloudTrail.1"]),
        CheckMetadata(
            id: .globalServiceEvents, title: "Global service events", area: .trail, severity: .high,
            severityReason: "Without global service events, IAM, STS and CloudFront activity is missing.",
            requirement: "The trail must include global service events (IAM, AWS STS, CloudFront).",
            remediation: "Update the trail with --include-global-service-events."),
        CheckMetadata(
            id: .managementEvents, title: "Management events, read and write", area: .trail, severity: .high,
            severityReason: "Missing read or write management events hide control-plane activity from the service.",
            requirement: "The trail must log all management events, both read and write.",
            remediation: "Set an event selector that logs all management events, read and write.",
            cis: ["3.1"], securityHub: ["CloudTrail.1"]),
        CheckMetadata(
            id: .kmsEvents, title: "KMS events in the management-event selectors", area: .trail, severity: .medium,
            severityReason: "Excluded AWS KMS events hide key use, a narrow but security-relevant gap.",
            requirement: "Management events of AWS KMS must not be excluded from the trail.",
            remediation: "Remove kms.amazonaws.com from the excluded management event sources.",
            securityHub: ["CloudTrail.1"]),
        CheckMetadata(
            id: .rdsDataEvents, title: "RDS Data API events in the management-event selectors", area: .trail,
            severity: .medium,
            severityReason: "Excluded RDS Data API events hide database access through the Data API.",
            requirement: "Management events of the Amazon RDS Data API must not be excluded from the trail.",
            remediation: "Remove rdsdata.amazonaws.com from the excluded management event sources.",
            securityHub: ["CloudTrail.1"]),
        CheckMetadata(
            id: .logFileValidation, title: "Log file integrity validation", area: .trail, severity: .medium,
            severityReason: "Without digest files nobody can prove the logs were not changed after delivery.",
            requirement: "Log file integrity validation must be enabled on the trail.",
            remediation: "Update the trail with --enable-log-file-validation.",
            cis: ["3.2"], securityHub: ["CloudTrail.4"]),
        CheckMetadata(
            id: .bucketEncryption, title: "Bucket encryption (SSE-S3 or SSE-KMS)", area: .bucket,
            severity: .medium,
            severityReason: "Logs at rest without server-side encryption fall short of the service's baseline.",
            requirement: "The S3 bucket must encrypt objects with SSE-S3 or SSE-KMS.",
            remediation: "Set default encryption on the bucket to SSE-S3 or SSE-KMS."),
        CheckMetadata(
            id: .accessLogging, title: "Server access logging", area: .bucket, severity: .medium,
            severityReason: "Without access logs, reads and deletions of the trail's logs leave no record.",
            requirement: "Server access logging must be enabled on the S3 bucket.",
            remediation: "Enable server access logging on the bucket, to a different bucket.",
            cis: ["3.4"], securityHub: ["CloudTrail.7", "S3.9"]),
        CheckMetadata(
            id: .lifecycleRetention, title: "Lifecycle retention (18 months)", area: .bucket, severity: .medium,
            severityReason: "Logs deleted too early leave investigations without their history.",
            requirement: "The bucket's lifecycle must keep the trail's log files for at least 18 months.",
            remediation: "Change the lifecycle rules so no rule expires the trail's objects before 18 months.",
            securityHub: ["S3.13"]),
        CheckMetadata(
            id: .objectOwnership, title: "Object Ownership (BucketOwnerEnforced)", area: .bucket, severity: .medium,
            severityReason: "With ACLs enabled, objects may belong to another account and stay unreadable.",
            requirement: "The bucket's Object Ownership must be set to BucketOwnerEnforced.",
            remediation: "Set the bucket's ownership controls to BucketOwnerEnforced.",
            securityHub: ["S3.12"]),
        CheckMetadata(
            id: .bucketPolicyAccess, title: "Bucket policy access through Athena", area: .bucket,
            severity: .critical,
            severityReason: "If the bucket policy does not let the service's roles read through Athena, the service "
                + "cannot use the trail at all.",
            requirement: "The bucket policy must allow the service's ams-access-* roles to read the logs through "
                + "Athena.",
            remediation: "Add the statements `trailgate policy render --kind bucket` prints to the bucket policy."),
        CheckMetadata(
            id: .outsideAccess, title: "Bucket policy access from outside the organization", area: .bucket,
            severity: .high,
            severityReason: "A bucket policy that opens the logs beyond the organization exposes every event.",
            requirement: "A centralized bucket's policy grants access only within the AWS Organization.",
            remediation: "Restrict the statements with aws:PrincipalOrgID or remove the outside principals.",
            securityHub: ["S3.6"]),
        CheckMetadata(
            id: .keyPolicyAccess, title: "Key policy access for decrypting the logs", area: .kms,
            severity: .critical,
            severityReason: "If the key policy refuses kms:Decrypt to the service's roles, the logs stay unreadable.",
            requirement: "The KMS key policy must allow the service's roles kms:Decrypt and kms:DescribeKey through "
                + "Athena.",
            remediation: "Add the statements `trailgate policy render --kind key` prints to the key policy."),
        CheckMetadata(
            id: .organization, title: "AWS Organization of the centralized bucket", area: .organization,
            severity: .high,
            severityReason: "A centralized bucket outside an AWS Organization is not supported by the service.",
            requirement: "A centralized bucket can be used only within an AWS Organization.",
            remediation: "Move the accounts into one AWS Organization or deliver to a bucket in the trail's account."),
        CheckMetadata(
            id: .accountServiceAccess, title: "Athena access of the account's roles", area: .organization,
            severity: .critical,
            severityReason: "An account whose roles cannot read the logs through Athena cannot be onboarded.",
            requirement: "In every member account, the service's ams-access-* roles can read the logs through Athena.",
            remediation: "Change the SCP, RCP, role policy, bucket policy or key policy the report names."),
        CheckMetadata(
            id: .accountRolesPresent, title: "Roles for each principal pattern", area: .organization,
            severity: .high,
            severityReason: "Without the service's roles in an account, nothing can read the logs from it.",
            requirement: "Every member account has the service's ams-access-* roles.",
            remediation: "Onboard the account so the service deploys its roles, or fix the principal pattern."),
        CheckMetadata(
            id: .accountTrailVisible, title: "Organization trail in the account", area: .organization,
            severity: .high,
            severityReason: "An account the organization trail does not cover sends no events to the bucket.",
            requirement: "The organization trail logs every member account.",
            remediation: "Make the trail an organization trail, or check the account is in the organization."),
    ]
}
