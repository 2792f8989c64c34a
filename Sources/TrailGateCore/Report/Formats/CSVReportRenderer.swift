/// Renders a report as RFC 4180 CSV: a header row, then one row per check result on a trail or managed account, in
/// report order (docs/formats.md, "CSV").
public struct CSVReportRenderer: ReportRenderer {
    /// The columns, in their stable order.
    public static let columns = [
        "scope", "scope_name", "trail_arn", "account_id", "region", "check_id", "title", "area", "severity", "status",
        "waived", "waiver_reason", "waiver_accepted_by", "waiver_expires", "summary", "resource_type", "resource",
        "evidence", "remediation", "cis", "aws_fsbp", "fingerprint",
    ]

    public init() {}

    public func render(_ report: ReadinessReport) -> String {
        ([Self.columns] + report.findings.map(Self.row)).map(Self.line).joined()
    }

    /// One finding's fields, in the order of `columns`.
    static func row(_ finding: Finding) -> [String] {
        let result = finding.result
        let scope: (kind: String, name: String, trailARN: String)
        switch finding.scope {
        case .trail(let name, let arn): scope = ("trail", name, arn)
        case .account(_, let name): scope = ("account", name ?? "", "")
        }
        return [
            scope.kind, scope.name, scope.trailARN, finding.accountId ?? "", finding.region ?? "",
            result.id.rawValue, result.title, finding.metadata.area.identifier, finding.metadata.severity.rawValue,
            result.status.rawValue, result.waiver == nil ? "false" : "true", result.waiver?.reason ?? "",
            result.waiver?.acceptedBy ?? "", result.waiver?.expires ?? "", result.summary,
            finding.resource.kind.rawValue, finding.resource.identifier, result.evidenceText, result.remediationText,
            finding.metadata.cis.joined(separator: ";"), finding.metadata.securityHub.joined(separator: ";"),
            finding.fingerprint,
        ]
    }

    /// The fields as one record ending in CRLF.
    static func line(_ fields: [String]) -> String {
        fields.map(field).joined(separator: ",") + "\r\n"
    }

    /// The field as it is, or in double quotes with its quotes doubled when it holds a comma, a quote, CR or LF.
    static func field(_ value: String) -> String {
        guard value.unicodeScalars.contains(where: { $0 == "," || $0 == "\"" || $0 == "\r" || $0 == "\n" }) else {
            return value
        }
        var quoted = "\""
        for scalar in value.unicodeScalars {
            quoted.unicodeScalars.append(scalar)
            if scalar == "\"" { quoted.unicodeScalars.append(scalar) }
        }
        return quoted + "\""
    }
}
