import OrderedJSON
import TrailGateBasics

/// Renders a report as AWS Security Finding Format findings for Security Hub's `BatchImportFindings`: one finding
/// per check result, in batches of at most ``batchSize``, each batch a compact JSON array on its own line. A report
/// without findings (no trail) renders as nothing.
///
/// Findings are imported into the caller's account (`report.callerAccountId`) through its default product
/// (`arn:<partition>:securityhub:<region>:<account>:product/<account>/default`); the account a resource belongs to
/// is in `ProductFields`. A waived result is imported with `Workflow.Status` `SUPPRESSED` and the waiver's reason
/// as its note; a not-applicable one is `ARCHIVED`, so a finding imported by an earlier run stops being active.
public struct ASFFReportRenderer: ReportRenderer {
    /// `BatchImportFindings` takes at most 100 findings per request.
    public static let batchSize = 100
    /// The ASFF schema version Security Hub accepts.
    public static let schemaVersion = "2018-10-08"
    /// The finding type of every result.
    public static let bestPracticesType = "Software and Configuration Checks/AWS Security Best Practices"
    /// The finding type added when the check maps to a CIS AWS Foundations Benchmark recommendation.
    public static let cisType =
        "Software and Configuration Checks/Industry and Regulatory Standards/CIS AWS Foundations Benchmark"

    static let titleLimit = 256
    static let descriptionLimit = 1024
    static let recommendationLimit = 512
    static let noteLimit = 512

    public var context: ReportContext

    public init(context: ReportContext) {
        self.context = context
    }

    public func render(_ report: ReadinessReport) -> String {
        batches(report).map { JSONValue.array($0).serialized() + "\n" }.joined()
    }

    /// The findings in import order, cut into batches of at most ``batchSize``.
    public func batches(_ report: ReadinessReport) -> [[JSONValue]] {
        let findings = report.findings.map { finding(report, $0) }
        return stride(from: 0, to: findings.count, by: Self.batchSize).map {
            Array(findings[$0..<min($0 + Self.batchSize, findings.count)])
        }
    }

    /// One result as an ASFF finding.
    func finding(_ report: ReadinessReport, _ finding: Finding) -> JSONValue {
        let result = finding.result
        let metadata = finding.metadata
        let arn = ARN(finding.resource.identifier) ?? scopeARN(finding)
        let partition = arn?.partition ?? "aws"
        let region = context.securityHubRegion ?? finding.region ?? arn?.region ?? "us-east-1"
        let account = report.callerAccountId ?? finding.accountId ?? arn?.account ?? ""
        let time = JSONValue.string(report.collectedAt.iso8601)
        let severity = Self.severityLabel(result.status, metadata.severity)
        let types = [Self.bestPracticesType] + (metadata.cis.isEmpty ? [] : [Self.cisType])
        var document: JSONValue = [
            "SchemaVersion": .string(Self.schemaVersion),
            "Id": .string("trailgate/" + finding.fingerprint),
            "ProductArn": .string("arn:\(partition):securityhub:\(region):\(account):product/\(account)/default"),
            "GeneratorId": .string("trailgate/" + result.id.rawValue),
            "AwsAccountId": .string(account),
            "Types": .array(types.map(JSONValue.string)),
            "CreatedAt": time,
            "UpdatedAt": time,
            "Severity": ["Label": .string(severity), "Original": .string(metadata.severity.rawValue)],
            "FindingProviderFields": [
                "Severity": ["Label": .string(severity), "Original": .string(metadata.severity.rawValue)],
                "Types": .array(types.map(JSONValue.string)),
            ],
            "Title": .string(Self.cut(result.title, to: Self.titleLimit)),
            "Description": .string(Self.cut(description(finding), to: Self.descriptionLimit)),
            "Remediation": [
                "Recommendation": [
                    "Text": .string(
                        Self.cut(result.remediation?.summary ?? metadata.remediation, to: Self.recommendationLimit)
                    )
                ]
            ],
            "ProductFields": productFields(finding),
            "Resources": [resource(finding, partition: partition, region: finding.region ?? region)],
            "Compliance": compliance(finding),
            "RecordState": .string(result.status == .notApplicable ? "ARCHIVED" : "ACTIVE"),
        ]
        if let waiver = result.waiver {
            document["Workflow"] = ["Status": "SUPPRESSED"]
            document["Note"] = [
                "Text": .string(Self.cut("Waived: \(waiver.reason) (until \(waiver.expires))", to: Self.noteLimit)),
                "UpdatedBy": .string(Self.cut(waiver.acceptedBy, to: Self.titleLimit)),
                "UpdatedAt": time,
            ]
        }
        return document
    }

    /// The trail's ARN for an account finding, whose identifier is an account id.
    private func scopeARN(_ finding: Finding) -> ARN? {
        if case .trail(_, let arn) = finding.scope { return ARN(arn) }
        return nil
    }

    /// `INFORMATIONAL` for what passes or does not apply; else the check's catalogue severity.
    static func severityLabel(_ status: CheckStatus, _ severity: Severity) -> String {
        switch status {
        case .pass, .notApplicable: "INFORMATIONAL"
        case .fail, .warn, .unknown: severity.rawValue.uppercased()
        }
    }

    /// `PASSED`, `FAILED`, `WARNING`, or `NOT_AVAILABLE` (could not be decided, or does not apply).
    static func complianceStatus(_ status: CheckStatus) -> String {
        switch status {
        case .pass: "PASSED"
        case .fail: "FAILED"
        case .warn: "WARNING"
        case .unknown, .notApplicable: "NOT_AVAILABLE"
        }
    }

    private func compliance(_ finding: Finding) -> JSONValue {
        var compliance: JSONValue = ["Status": .string(Self.complianceStatus(finding.result.status))]
        let requirements = finding.metadata.complianceTags
        if !requirements.isEmpty { compliance["RelatedRequirements"] = .array(requirements.map(JSONValue.string)) }
        return compliance
    }

    /// The summary, then what the check requires, and where.
    private func description(_ finding: Finding) -> String {
        var parts = [finding.result.summary]
        if !finding.metadata.requirement.isEmpty { parts.append("Requirement: " + finding.metadata.requirement) }
        parts.append("Checked on \(finding.scope.label).")
        return parts.joined(separator: " ")
    }

    private func resource(_ finding: Finding, partition: String, region: String) -> JSONValue {
        let type: String
        var id = finding.resource.identifier
        switch finding.resource.kind {
        case .trail: type = "AwsCloudTrailTrail"
        case .bucket: type = "AwsS3Bucket"
        case .key: type = "AwsKmsKey"
        case .account:
            type = "AwsAccount"
            id = "AWS::::Account:" + id
        }
        return ["Type": .string(type), "Id": .string(id), "Partition": .string(partition), "Region": .string(region)]
    }

    /// `trailgate/…` fields: the result's status, scope, resource account, severity reason and waiver.
    private func productFields(_ finding: Finding) -> JSONValue {
        var fields: JSONValue = [
            "trailgate/CheckId": .string(finding.result.id.rawValue),
            "trailgate/Status": .string(finding.result.status.rawValue),
            "trailgate/Area": .string(finding.metadata.area.rawValue),
            "trailgate/Scope": .string(finding.scope.label),
            "trailgate/Severity": .string(finding.metadata.severity.rawValue),
            "trailgate/Version": .string(ReportContext.toolVersion),
        ]
        if case .trail(_, let arn) = finding.scope { fields["trailgate/TrailArn"] = .string(arn) }
        if let account = finding.accountId { fields["trailgate/ResourceAccountId"] = .string(account) }
        if let waiver = finding.result.waiver {
            fields["trailgate/Waiver/Reason"] = .string(Self.cut(waiver.reason, to: 2048))
            fields["trailgate/Waiver/AcceptedBy"] = .string(Self.cut(waiver.acceptedBy, to: 2048))
            fields["trailgate/Waiver/Expires"] = .string(waiver.expires)
        }
        return fields
    }

    /// `text` cut to at most `limit` characters, ending in `…` when cut.
    static func cut(_ text: String, to limit: Int) -> String {
        text.count <= limit ? text : String(text.prefix(limit - 1)) + "…"
    }
}
