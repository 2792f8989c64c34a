/// Renders a report as a compact Markdown summary for a pull-request comment or `$GITHUB_STEP_SUMMARY`: the
/// verdict and counts, a table of the checks that do not pass (blocking ones first, then by severity), each one's
/// fix in a collapsed `<details>`, and the waived results with their reasons.
///
/// The summary stays within ``limit`` UTF-8 bytes (GitHub's comment limit is 65,536 characters): when it would
/// not, fixes are left out from the end first, then waived entries, then table rows, and a closing line says how
/// many were left out.
public struct MarkdownReportRenderer: ReportRenderer {
    /// GitHub's limit on a comment's length.
    public static let commentLimit = 65_536

    public var context: ReportContext
    /// The most UTF-8 bytes the summary may take.
    public var limit: Int

    public init(context: ReportContext, limit: Int = MarkdownReportRenderer.commentLimit) {
        self.context = context
        self.limit = limit
    }

    public func render(_ report: ReadinessReport) -> String {
        let findings = report.findings
        let open = Self.ordered(findings.filter { $0.result.waiver == nil && Self.isOpen($0.result.status) })
        let waived = findings.filter { $0.result.waiver != nil }
        let head = header(report, findings: findings)
        let rows = open.map(row)
        let details = open.map(detail)
        let waivedLines = waived.map(waivedLine)

        var keptDetails = details.count
        var keptWaived = waivedLines.count
        var keptRows = rows.count
        // Each dropped piece takes its line break with it; the reserve holds the closing note.
        let reserve = 200
        var total = compose(
            head: head, rows: rows[...], details: details[...], waived: waivedLines[...], omitted: (0, 0)
        )
        .utf8.count
        if total > limit {
            let sizes = (
                rows: rows.map { $0.utf8.count + 1 }, details: details.map { $0.utf8.count + 1 },
                waived: waivedLines.map { $0.utf8.count + 1 }
            )
            while total + reserve > limit && keptDetails > 0 {
                keptDetails -= 1
                total -= sizes.details[keptDetails]
            }
            while total + reserve > limit && keptWaived > 0 {
                keptWaived -= 1
                total -= sizes.waived[keptWaived]
            }
            while total + reserve > limit && keptRows > 0 {
                keptRows -= 1
                total -= sizes.rows[keptRows]
            }
        }
        let omitted = (
            findings: (rows.count - keptRows) + (waivedLines.count - keptWaived),
            fixes: min(keptRows, details.count) - min(keptDetails, keptRows)
        )
        return compose(
            head: head, rows: rows.prefix(keptRows), details: details.prefix(min(keptDetails, keptRows)),
            waived: waivedLines.prefix(keptWaived), omitted: omitted)
    }

    /// Fail, warn and unknown results: what someone has to look at.
    static func isOpen(_ status: CheckStatus) -> Bool {
        status == .fail || status == .warn || status == .unknown
    }

    /// Blocking results (fail, unknown) before warnings, each group by severity, highest first; report order
    /// otherwise.
    static func ordered(_ findings: [Finding]) -> [Finding] {
        findings.enumerated().sorted { left, right in
            let l = (left.element.result.status.blocksReadiness ? 0 : 1, -left.element.metadata.severity.rank)
            let r = (right.element.result.status.blocksReadiness ? 0 : 1, -right.element.metadata.severity.rank)
            return l != r ? l < r : left.offset < right.offset
        }.map(\.element)
    }

    private func compose(
        head: [String], rows: ArraySlice<String>, details: ArraySlice<String>, waived: ArraySlice<String>,
        omitted: (findings: Int, fixes: Int)
    ) -> String {
        var lines = head
        if !rows.isEmpty {
            lines += ["", "| Trail / account | Check | Severity | Status | Summary |", "|---|---|---|---|---|"]
            lines += rows
        }
        if !details.isEmpty {
            lines += ["", "### Fixes", ""]
            lines += details
        }
        if !waived.isEmpty {
            lines += ["", "### Waived", ""]
            lines += waived
        }
        if omitted.findings > 0 || omitted.fixes > 0 {
            lines.append("")
            if omitted.findings > 0 {
                lines.append(
                    "_\(omitted.findings) more finding\(omitted.findings == 1 ? "" : "s") not shown "
                        + "(see the full report)._")
            }
            if omitted.fixes > 0 {
                lines.append(
                    "_The fixes of \(omitted.fixes) finding\(omitted.fixes == 1 ? "" : "s") in the table are not "
                        + "shown (see the full report)._")
            }
        }
        return lines.joined(separator: "\n") + "\n"
    }

    private func header(_ report: ReadinessReport, findings: [Finding]) -> [String] {
        let mark: String
        switch report.verdict {
        case .ready: mark = "✅"
        case .notReady: mark = "❌"
        case .noTrail: mark = "➖"
        }
        var lines = ["## \(mark) TrailGate: \(MarkdownText.inline(TextReportRenderer().verdict(report)))", ""]
        var about = "Snapshot"
        if let account = report.callerAccountId { about += " of account \(MarkdownText.inline(account))" }
        about += " collected \(report.collectedAt.iso8601)"
        if let source = context.source { about += " from \(MarkdownText.code(source))" }
        lines.append(about + ".")
        var counts = [(CheckStatus.pass, "pass"), (.fail, "fail"), (.warn, "warn"), (.unknown, "unknown")]
            .map { status, word in "\(report.count(status)) \(word)" }
        counts.append("\(report.count(.notApplicable)) not applicable")
        let waived = findings.filter { $0.result.waiver != nil }.count
        if waived > 0 { counts.append("\(waived) waived") }
        lines += ["", "**Checks:** " + counts.joined(separator: " · ")]
        if let guidance = report.noTrail {
            lines += ["", MarkdownText.inline(guidance.summary), "", MarkdownText.inline(guidance.detail), ""]
            lines += MarkdownText.fenced(guidance.commands, language: "sh")
        }
        return lines
    }

    private func row(_ finding: Finding) -> String {
        let result = finding.result
        let cells = [
            MarkdownText.cell(finding.scope.label),
            MarkdownText.code(result.id.rawValue) + " " + MarkdownText.cell(result.title),
            finding.metadata.severity.rawValue,
            Self.status(result.status),
            MarkdownText.cell(result.summary),
        ]
        return "| " + cells.joined(separator: " | ") + " |"
    }

    /// The fix of one finding, collapsed: the remediation summary (or the catalogue's) and its commands.
    private func detail(_ finding: Finding) -> String {
        let result = finding.result
        let summary =
            "<summary>\(MarkdownText.inline(result.id.rawValue)) on \(MarkdownText.inline(finding.scope.label))"
            + "</summary>"
        var lines = ["<details>", summary, ""]
        lines.append(MarkdownText.inline(result.remediation?.summary ?? finding.metadata.remediation))
        if let commands = result.remediation?.commands, !commands.isEmpty {
            lines.append("")
            lines += MarkdownText.fenced(commands, language: "sh")
        }
        lines += ["", "</details>"]
        return lines.joined(separator: "\n")
    }

    private func waivedLine(_ finding: Finding) -> String {
        guard let waiver = finding.result.waiver else { return "" }
        return "- \(MarkdownText.code(finding.result.id.rawValue)) on \(MarkdownText.inline(finding.scope.label)) "
            + "(\(finding.result.status.rawValue)): \(MarkdownText.inline(waiver.reason)) — accepted by "
            + "\(MarkdownText.inline(waiver.acceptedBy)) until \(MarkdownText.inline(waiver.expires))"
    }

    private static func status(_ status: CheckStatus) -> String {
        switch status {
        case .fail: "❌ fail"
        case .warn: "⚠️ warn"
        case .unknown: "❔ unknown"
        case .pass: "✅ pass"
        case .notApplicable: "➖ n/a"
        }
    }
}
