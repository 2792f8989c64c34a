import OrderedJSON

/// Renders the check catalogue (`trailgate checks list`): every check's id, title, area, severity and why,
/// requirement, remediation and compliance mappings.
public struct CheckCatalogueRenderer: Sendable {
    /// The schema of the JSON format.
    public static let schema = "trailgate.checks/v1"

    public init() {}

    /// One block per check, for people.
    public func text(_ checks: [CheckMetadata]) -> String {
        var lines: [String] = []
        for check in checks {
            if !lines.isEmpty { lines.append("") }
            lines.append("\(check.id.rawValue)  \(check.title)")
            lines.append("  area: \(check.area.rawValue) · severity: \(check.severity.rawValue)")
            lines.append("  why \(check.severity.rawValue): \(check.severityReason)")
            lines.append("  requirement: \(check.requirement)")
            lines.append("  fix: \(check.remediation)")
            lines.append(
                "  CIS AWS Foundations v3.0.0: \(Self.list(check.cis)) · AWS FSBP: \(Self.list(check.securityHub))")
        }
        return lines.joined(separator: "\n") + "\n"
    }

    /// The `trailgate.checks/v1` document: `{schema, checks: [{id, title, area, severity, severityReason,
    /// requirement, remediation, compliance: {cis, awsFsbp}}]}`.
    public func json(_ checks: [CheckMetadata]) -> String {
        let document: JSONValue = [
            "schema": .string(Self.schema),
            "checks": .array(
                checks.map { check in
                    [
                        "id": .string(check.id.rawValue),
                        "title": .string(check.title),
                        "area": .string(check.area.identifier),
                        "severity": .string(check.severity.rawValue),
                        "severityReason": .string(check.severityReason),
                        "requirement": .string(check.requirement),
                        "remediation": .string(check.remediation),
                        "compliance": [
                            "cis": .array(check.cis.map(JSONValue.string)),
                            "awsFsbp": .array(check.securityHub.map(JSONValue.string)),
                        ],
                    ]
                }),
        ]
        return document.serialized(pretty: true) + "\n"
    }

    /// A GitHub-flavoured Markdown table, one row per check (docs/checks.md holds the same table).
    public func markdown(_ checks: [CheckMetadata]) -> String {
        var lines = [
            "| id | title | area | severity | why this severity | requirement | remediation | CIS v3.0.0 | AWS FSBP |",
            "|---|---|---|---|---|---|---|---|---|",
        ]
        for check in checks {
            let cells = [
                "`\(check.id.rawValue)`", check.title, check.area.rawValue, check.severity.rawValue,
                check.severityReason, check.requirement, check.remediation, Self.list(check.cis),
                Self.list(check.securityHub),
            ]
            lines.append("| " + cells.map(Self.cell).joined(separator: " | ") + " |")
        }
        return lines.joined(separator: "\n") + "\n"
    }

    /// `3.1, 3.2`, or `–` when empty.
    private static func list(_ ids: [String]) -> String {
        ids.isEmpty ? "–" : ids.joined(separator: ", ")
    }

    /// `text` safe inside a table cell: `|` escaped.
    private static func cell(_ text: String) -> String {
        text.split(separator: "|", omittingEmptySubsequences: false).joined(separator: "\\|")
    }
}
