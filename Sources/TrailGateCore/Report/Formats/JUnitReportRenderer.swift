import TrailGateBasics

/// Renders a report as JUnit XML for CI test reports: a test suite per trail and per managed account, a test case
/// per check (docs/formats.md, "JUnit XML").
public struct JUnitReportRenderer: ReportRenderer {
    public var context: ReportContext

    public init(context: ReportContext) {
        self.context = context
    }

    /// What a check becomes in JUnit.
    enum Outcome: Equatable {
        /// Passed; a warning passes too, with its note as `system-out`.
        case passed
        case failure
        case error
        /// Not applicable, or waived whatever its status.
        case skipped
    }

    /// `skipped` for a waived result that does not pass and for not_applicable; `failure` for fail; `error` for
    /// unknown; `passed` for pass and warn.
    static func outcome(of result: CheckResult) -> Outcome {
        if result.waiver != nil && result.status != .pass { return .skipped }
        switch result.status {
        case .pass, .warn: return .passed
        case .fail: return .failure
        case .unknown: return .error
        case .notApplicable: return .skipped
        }
    }

    public func render(_ report: ReadinessReport) -> String {
        let findings = report.findings
        let scopes =
            report.trails.map { FindingScope.trail(name: $0.trail.name, arn: $0.trail.trailARN) }
            + (report.organization?.accounts ?? []).map { FindingScope.account(id: $0.accountId, name: $0.name) }
        var lines = [
            #"<?xml version="1.0" encoding="UTF-8"?>"#,
            "<testsuites name=\"trailgate check\"\(Self.counts(findings)) time=\"0\">",
        ]
        for scope in scopes {
            lines += suite(scope, findings.filter { $0.scope == scope }, timestamp: report.collectedAt.iso8601)
        }
        lines.append("</testsuites>")
        return lines.joined(separator: "\n") + "\n"
    }

    /// ` tests="…" failures="…" errors="…" skipped="…"` for the findings.
    private static func counts(_ findings: [Finding]) -> String {
        let outcomes = findings.map { outcome(of: $0.result) }
        let failures = outcomes.filter { $0 == .failure }.count
        let errors = outcomes.filter { $0 == .error }.count
        let skipped = outcomes.filter { $0 == .skipped }.count
        return " tests=\"\(findings.count)\" failures=\"\(failures)\" errors=\"\(errors)\" skipped=\"\(skipped)\""
    }

    private func suite(_ scope: FindingScope, _ findings: [Finding], timestamp: String) -> [String] {
        var lines = [
            "  <testsuite name=\"\(scope.label.xmlEscaped(attribute: true))\"\(Self.counts(findings)) time=\"0\" "
                + "timestamp=\"\(timestamp)\">"
        ]
        var properties: [(String, String)] = []
        switch scope {
        case .trail(_, let arn): properties.append(("trailArn", arn))
        case .account(let id, _): properties.append(("accountId", id))
        }
        if case .trail = scope, let account = findings.first?.accountId { properties.append(("accountId", account)) }
        if let region = findings.first?.region { properties.append(("region", region)) }
        properties.append(("ready", findings.contains { $0.result.blocksReadiness } ? "false" : "true"))
        lines.append("    <properties>")
        for (name, value) in properties {
            lines.append("      <property name=\"\(name)\" value=\"\(value.xmlEscaped(attribute: true))\"/>")
        }
        lines.append("    </properties>")
        for finding in findings { lines += testCase(finding) }
        lines.append("  </testsuite>")
        return lines
    }

    private func testCase(_ finding: Finding) -> [String] {
        let result = finding.result
        let name = "\(result.id.rawValue): \(result.title)".xmlEscaped(attribute: true)
        let start =
            "    <testcase classname=\"trailgate.\(finding.metadata.area.identifier)\" name=\"\(name)\" time=\"0\""
        let message = result.summary.xmlEscaped(attribute: true)
        let severity = finding.metadata.severity.rawValue
        switch Self.outcome(of: result) {
        case .passed where result.status == .warn:
            return [
                start + ">",
                "      <system-out>" + ("warning: " + Self.details(result)).xmlEscaped() + "</system-out>",
                "    </testcase>",
            ]
        case .passed:
            return [start + "/>"]
        case .failure:
            return [
                start + ">",
                "      <failure message=\"\(message)\" type=\"\(severity)\">" + Self.details(result).xmlEscaped()
                    + "</failure>",
                "    </testcase>",
            ]
        case .error:
            return [
                start + ">",
                "      <error message=\"\(message)\" type=\"unknown\">" + Self.details(result).xmlEscaped()
                    + "</error>",
                "    </testcase>",
            ]
        case .skipped:
            let reason =
                result.waiver.map { "waived: \($0.reason) (accepted by \($0.acceptedBy) until \($0.expires))" }
                ?? "not applicable: \(result.summary)"
            return [
                start + ">", "      <skipped message=\"\(reason.xmlEscaped(attribute: true))\"/>", "    </testcase>",
            ]
        }
    }

    /// The summary, then the evidence, the notes and the fix with its commands, one item per line.
    static func details(_ result: CheckResult) -> String {
        var lines = [result.summary]
        if !result.evidence.isEmpty {
            lines.append("evidence:")
            lines += result.evidence.map { "  " + $0.text }
        }
        lines += result.notes.map { "note: " + $0 }
        if let remediation = result.remediation {
            lines.append("fix: " + remediation.summary)
            lines += remediation.commands.map { "  $ " + $0 }
        }
        return lines.joined(separator: "\n")
    }
}
