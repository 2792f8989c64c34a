/// Every check's metadata, in report order: what `checks list`, the JSON report, SARIF rules and ASFF findings say
/// about a check beyond its result. The id, title and area come from the check itself (``CheckRegistry``); the
/// catalogue adds severity, the requirement, the remediation summary and the compliance mappings, which were
/// checked against Prowler's compliance files (docs/checks.md).
public enum CheckCatalogue {
    /// The metadata of every registered check, in report order.
    public static var all: [CheckMetadata] { CheckRegistry.definitions.map(metadata(of:)) }

    /// The metadata of the registered check `id`. Every registered check has a catalogue entry (a test holds the
    /// two lists together); an id no check has gets its id as title, the trail area and `medium` severity.
    public static func metadata(for id: CheckID) -> CheckMetadata {
        if let definition = CheckRegistry.definitions.first(where: { $0.id == id }) {
            return metadata(of: definition)
        }
        return CheckMetadata(
            id: id, title: id.rawValue, area: .trail, severity: .medium, severityReason: "", requirement: "",
            remediation: "")
    }

    /// The ids the catalogue has an entry for, in no particular order.
    static var catalogued: Set<CheckID> { Set(entries.keys) }

    private static func metadata(of definition: any CheckDefinition) -> CheckMetadata {
        let entry = entries[definition.id] ?? Entry(.medium, "", requirement: "", remediation: "")
        return CheckMetadata(
            id: definition.id, title: definition.title, area: definition.area, severity: entry.severity,
            severityReason: entry.severityReason, requirement: entry.requirement, remediation: entry.remediation,
            cis: entry.cis, securityHub: entry.securityHub)
    }

    /// What the catalogue adds to a check's id, title and area.
    private struct Entry {
        var severity: Severity
        var severityReason: String
        var requirement: String
        var remediation: String
        var cis: [String]
        var securityHub: [String]

        init(
            _ severity: Severity, _ severityReason: String, requirement: String, remediation: String,
            cis: [String] = [], securityHub: [String] = []
        ) {
            self.severity = severity
            self.severityReason = severityReason
            self.requirement = requirement
            self.remediation = remediation
            self.cis = cis
            self.securityHub = securityHub
        }
    }

    private static let entries: [CheckID: Entry] = [
        .logging: Entry(
            .critical, "A trail that is not logging, or cannot deliver, gives the service no events at all.",
            requirement: "The trail is logging and delivers its log files to the S3 bucket.",
            remediation: "Start logging on the trail and fix the delivery error CloudTrail reports.",
            cis: ["3.1"], securityHub: ["CloudTrail.1"]),
        .multiRegion: Entry(
            .high, "Activity in the Regions the trail does not cover is invisible to the service.",
            requirement: "The trail must be a multi-Region trail: it logs events in all AWS Regions.",
            remediation: "Update the trail with --is-multi-region-trail.",
            cis: ["3.1"], securityHub: ["CloudTrail.1"]),
        .globalServiceEvents: Entry(
            .high, "Without global service events, IAM, STS and CloudFront activity is missing.",
            requirement: "The trail must include global service events (IAM, AWS STS, CloudFront).",
            remediation: "Update the trail with --include-global-service-events."),
        .managementEvents: Entry(
            .high, "Missing read or write management events hide control-plane activity from the service.",
            requirement: "The trail must log all management events, both read and write.",
            remediation: "Set an event selector that logs all management events, read and write.",
            cis: ["3.1"], securityHub: ["CloudTrail.1"]),
        .kmsEvents: Entry(
            .medium, "Excluded AWS KMS events hide key use, a narrow but security-relevant gap.",
            requirement: "Management events of AWS KMS must not be excluded from the trail.",
            remediation: "Remove kms.amazonaws.com from the excluded management event sources.",
            securityHub: ["CloudTrail.1"]),
        .rdsDataEvents: Entry(
            .medium, "Excluded RDS Data API events hide database access through the Data API.",
            requirement: "Management events of the Amazon RDS Data API must not be excluded from the trail.",
            remediation: "Remove rdsdata.amazonaws.com from the excluded management event sources.",
            securityHub: ["CloudTrail.1"]),
        .logFileValidation: Entry(
            .medium, "Without digest files nobody can prove the logs were not changed after delivery.",
            requirement: "Log file integrity validation must be enabled on the trail.",
            remediation: "Update the trail with --enable-log-file-validation.",
            cis: ["3.2"], securityHub: ["CloudTrail.4"]),
        .bucketEncryption: Entry(
            .medium, "Logs at rest without server-side encryption fall short of the service's baseline.",
            requirement: "The S3 bucket must encrypt objects with SSE-S3 or SSE-KMS.",
            remediation: "Set default encryption on the bucket to SSE-S3 or SSE-KMS."),
        .accessLogging: Entry(
            .medium, "Without access logs, reads and deletions of the trail's logs leave no record.",
            requirement: "Server access logging must be enabled on the S3 bucket.",
            remediation: "Enable server access logging on the bucket, to a different bucket.",
            cis: ["3.4"], securityHub: ["CloudTrail.7", "S3.9"]),
        .lifecycleRetention: Entry(
            .medium, "Logs deleted too early leave investigations without their history.",
            requirement: "The bucket's lifecycle must keep the trail's log files for at least 18 months.",
            remediation: "Change the lifecycle rules so no rule expires the trail's objects before 18 months."),
        .objectOwnership: Entry(
            .medium, "With ACLs enabled, objects may belong to another account and stay unreadable.",
            requirement: "The bucket's Object Ownership must be set to BucketOwnerEnforced.",
            remediation: "Set the bucket's ownership controls to BucketOwnerEnforced.",
            securityHub: ["S3.12"]),
        .bucketPolicyAccess: Entry(
            .critical,
            "If the bucket policy does not let the service's roles read through Athena, the service cannot use the "
                + "trail at all.",
            requirement: "The bucket policy must allow the service's ams-access-* roles to read the logs through "
                + "Athena.",
            remediation: "Add the statements `trailgate policy render --kind bucket` prints to the bucket policy."),
        .outsideAccess: Entry(
            .high, "A bucket policy that opens the logs beyond the organization exposes every event.",
            requirement: "A centralized bucket's policy grants access only within the AWS Organization.",
            remediation: "Restrict the statements with aws:PrincipalOrgID or remove the outside principals."),
        .keyPolicyAccess: Entry(
            .critical, "If the key policy refuses kms:Decrypt to the service's roles, the logs stay unreadable.",
            requirement: "The KMS key policy must allow the service's roles kms:Decrypt and kms:DescribeKey through "
                + "Athena.",
            remediation: "Add the statements `trailgate policy render --kind key` prints to the key policy."),
        .organization: Entry(
            .critical,
            "The service cannot use a centralized bucket outside an AWS Organization at all.",
            requirement: "A centralized bucket can be used only within an AWS Organization.",
            remediation: "Move the accounts into one AWS Organization or deliver to a bucket in the trail's account."),
        .accountServiceAccess: Entry(
            .critical, "An account whose roles cannot read the logs through Athena cannot be onboarded.",
            requirement: "In every member account, the service's ams-access-* roles can read the logs through Athena.",
            remediation: "Change the SCP, RCP, role policy, bucket policy or key policy the report names."),
        .accountRolesPresent: Entry(
            .high, "Without the service's roles in an account, nothing can read the logs from it.",
            requirement: "Every member account has the service's ams-access-* roles.",
            remediation: "Onboard the account so the service deploys its roles, or fix the principal pattern."),
        .accountTrailVisible: Entry(
            .high, "An account the organization trail does not cover sends no events to the bucket.",
            requirement: "The organization trail logs every member account.",
            remediation: "Make the trail an organization trail, or check the account is in the organization."),
    ]
}
