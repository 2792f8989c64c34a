import OrderedJSON
import TrailGateBasics

/// Renders a report for people: grouped by trail, then area; one line per check; details under each problem.
public struct TextReportRenderer: Sendable {
    /// Use ANSI colours (only on a terminal, and never with `NO_COLOR`).
    public var colour: Bool
    /// Show evidence and notes for passing checks too.
    public var verbose: Bool
    /// Show only the checks that do not pass (fail, warn, unknown), and the verdict.
    public var quiet: Bool

    public init(colour: Bool = false, verbose: Bool = false, quiet: Bool = false) {
        self.colour = colour
        self.verbose = verbose
        self.quiet = quiet
    }

    public func render(_ report: ReadinessReport) -> String {
        var lines: [String] = []
        let account = report.callerAccountId.map { " of account \($0)" } ?? ""
        lines.append("TrailGate readiness check: snapshot\(account) collected \(report.collectedAt.iso8601)")
        for trail in report.trails {
            lines.append("")
            lines += render(trail, withVerdict: report.trails.count > 1)
        }
        if let guidance = report.noTrail {
            lines += ["", guidance.summary, "", guidance.detail]
            lines += guidance.commands.map { "  $ " + safe($0) }
        }
        if let organization = report.organization { lines += render(organization) }
        lines.append("")
        let tint: Tint = report.verdict == .notReady ? .red : report.verdict == .ready ? .green : .yellow
        lines.append(paint(verdict(report), tint, bold: true))
        return lines.joined(separator: "\n") + "\n"
    }

    /// The closing line: `READY`, or `NOT READY: 4 checks fail, 1 unknown`, with the waived results counted apart
    /// (`(2 waived)`): a waived result is not among the failures.
    public func verdict(_ report: ReadinessReport) -> String {
        if report.verdict == .noTrail { return "NO TRAIL: nothing to prepare for the service's own managed trail" }
        let waived = report.waivedCount
        if report.ready {
            var line = "READY"
            if let organization = report.organization {
                line += ": the trail and all \(organization.accounts.count) managed accounts"
            } else if report.trails.count > 1 {
                line += ": \(report.trails.filter(\.ready).count) of \(report.trails.count) trails ready"
            }
            let warnings = report.trails.filter(\.ready).reduce(0) { $0 + $1.unwaivedCount(.warn) }
            var notes: [String] = []
            if warnings > 0 { notes.append("\(warnings) warning\(warnings == 1 ? "" : "s")") }
            if waived > 0 { notes.append("\(waived) waived") }
            if !notes.isEmpty { line += " (\(notes.joined(separator: ", ")))" }
            return line
        }
        var line =
            "NOT READY: "
            + blockingCounts(fail: report.unwaivedCount(.fail), unknown: report.unwaivedCount(.unknown))
        if waived > 0 { line += " (\(waived) waived)" }
        if let organization = report.organization {
            let blocked = organization.accounts.filter { !$0.ready }.count
            line += " (\(blocked) of \(organization.accounts.count) managed accounts not ready)"
        }
        return line
    }

    private func blockingCounts(fail: Int, unknown: Int) -> String {
        var parts: [String] = []
        if fail > 0 { parts.append("\(fail) check\(fail == 1 ? "" : "s") fail\(fail == 1 ? "s" : "")") }
        if unknown > 0 { parts.append("\(unknown) unknown") }
        return parts.joined(separator: ", ")
    }

    /// The trail's header and checks; its own verdict line only when the report has several trails (with one, the
    /// closing verdict says the same).
    private func render(_ trail: TrailReport, withVerdict: Bool) -> [String] {
        var facts: [String] = []
        if let region = trail.trail.region { facts.append("home region \(safe(region))") }
        facts.append(trail.trail.isOrganizationTrail == true ? "organization trail" : "single-account trail")
        if let bucket = trail.trail.s3BucketName {
            facts.append("bucket \(safe(bucket))" + (trail.trail.s3KeyPrefix.map { " (prefix \(safe($0)))" } ?? ""))
        }
        var lines = [
            paint("Trail \(safe(trail.trail.name))", nil, bold: true) + "  \(safe(trail.trail.trailARN))",
            facts.joined(separator: " · "),
        ]
        let shown = trail.results.filter { entry in
            !quiet || (entry.result.status != .pass && entry.result.status != .notApplicable)
        }
        let causes = Self.sharedCauses(shown.map(\.result))
        if !causes.isEmpty {
            lines.append("")
            lines.append("  Could not read:")
            for (number, cause) in causes.enumerated() { lines.append("    (\(number + 1)) " + safe(cause)) }
        }
        var fixes: [[String]: CheckID] = [:]
        for area in CheckArea.allCases {
            let results = shown.filter { $0.area == area }.map(\.result)
            guard !results.isEmpty else { continue }
            lines.append("")
            lines.append("  \(area.rawValue)")
            for result in results { lines += render(result, causes: causes, fixes: &fixes) }
        }
        guard withVerdict else { return lines }
        lines.append("")
        let warnings = trail.unwaivedCount(.warn)
        let state =
            trail.ready
            ? "ready" + (warnings > 0 ? " (\(warnings) warning\(warnings == 1 ? "" : "s"))" : "")
            : "not ready: " + blockingCounts(fail: trail.unwaivedCount(.fail), unknown: trail.unwaivedCount(.unknown))
        lines.append("  → \(safe(trail.trail.name)): \(state)")
        return lines
    }

    /// The organization part: one section per managed account (its checks as a trail's are shown; with `quiet`,
    /// only the accounts that are not ready), then the account counts.
    private func render(_ organization: OrganizationReport) -> [String] {
        var lines: [String] = []
        for account in organization.accounts where !quiet || !account.ready {
            lines.append("")
            let name = account.name.map { " " + safe($0) } ?? ""
            lines.append(paint("Account \(account.accountId)", nil, bold: true) + name)
            let state: String
            switch account.verdict {
            case .ready: state = "ready"
            case .notReady, .unknown:
                state =
                    "not ready: "
                    + blockingCounts(fail: account.unwaivedCount(.fail), unknown: account.unwaivedCount(.unknown))
            }
            lines.append(safe(account.ouPath ?? "place in the organization unknown") + " · " + state)
            let shown = account.results.filter { !quiet || ($0.status != .pass && $0.status != .notApplicable) }
            let causes = Self.sharedCauses(shown)
            if !causes.isEmpty {
                lines.append("")
                lines.append("  Could not read:")
                for (number, cause) in causes.enumerated() {
                    lines += Self.wrap(safe("(\(number + 1)) " + cause), indent: "    ", continuation: "        ")
                }
            }
            var fixes: [[String]: CheckID] = [:]
            if !shown.isEmpty { lines.append("") }
            for result in shown { lines += render(result, causes: causes, fixes: &fixes) }
        }
        lines.append("")
        lines.append(
            "Accounts: \(organization.accountsChecked) checked (\(organization.accounts.filter(\.ready).count) ready), "
                + "\(organization.accountsUnknown) unknown, \(organization.accountsSkipped) skipped"
                + (organization.organizationId.map { " in organization \(safe($0))" } ?? ""))
        return lines
    }

    private static let idWidth = 28
    private static let detailIndent = String(repeating: " ", count: 15)

    /// One check: its status line and, unless it passes, why, the evidence, the notes and the fix. A summary
    /// that starts with a shared cause points at it; requests are grouped by reason; a fix already printed for
    /// another check of the trail is named, not repeated.
    private func render(_ result: CheckResult, causes: [String], fixes: inout [[String]: CheckID]) -> [String] {
        let (symbol, tint) = Self.style(result.status)
        let status = paint("\(symbol) \(result.status.label.padding(toLength: 8, withPad: " ", startingAt: 0))", tint)
        let id = result.id.rawValue.padding(toLength: Self.idWidth, withPad: " ", startingAt: 0)
        let passing = result.status == .pass || result.status == .notApplicable
        let severity = passing ? "" : " [\(CheckCatalogue.metadata(for: result.id).severity.rawValue)]"
        var lines = ["    \(status) \(id) \(result.title)\(severity)"]
        let detailed = verbose || (result.status != .pass)
        guard detailed else { return lines }
        let pad = Self.detailIndent
        lines.append(pad + safe(Self.summary(of: result, causes: causes)))
        if let waiver = result.waiver {
            let line = "waived: \(waiver.reason) (accepted by \(waiver.acceptedBy) until \(waiver.expires))"
            lines.append(pad + paint(safe(line), .yellow))
        }
        let grouped = !verbose && result.requests.contains { !$0.granted }
        if result.status != .notApplicable || verbose {
            let hidden = grouped ? Set(result.requests.map(\.description)) : []
            for evidence in result.evidence where !hidden.contains(evidence.label) {
                lines.append(pad + paint("· \(safe(evidence.label)): ", .dim) + safe(evidence.valueText))
            }
            if grouped { lines += requestGroups(result.requests) }
            for note in result.notes { lines.append(pad + "note: " + safe(note)) }
        }
        if let remediation = result.remediation, result.status != .pass {
            if let first = fixes[remediation.commands], !remediation.commands.isEmpty {
                lines.append(pad + paint("fix: ", .cyan, bold: true) + "same as \(first)")
            } else {
                if !remediation.commands.isEmpty { fixes[remediation.commands] = result.id }
                lines.append(pad + paint("fix: ", .cyan, bold: true) + safe(remediation.summary))
                for command in remediation.commands { lines.append(pad + "  $ " + safe(command)) }
            }
        }
        return lines
    }

    /// The requests not granted, one block per distinct reason: the reason, the statement, and the actions ×
    /// accounts it covers as a table; the resource too when the requests go to several (keys).
    private func requestGroups(_ requests: [RequestOutcome]) -> [String] {
        let pad = Self.detailIndent
        var lines: [String] = []
        let groups = RequestOutcomeGroup.groups(requests)
        let severalScopes = Set(groups.compactMap(\.scope)).count > 1
        for group in groups {
            let scope = severalScopes ? group.scope.map { " on \($0)" } ?? "" : ""
            let head = "· \(group.count) \(group.outcome)\(scope): \(group.reason)"
            lines += Self.wrap(safe(head), indent: pad, continuation: pad + "  ")
            if let statement = group.statement {
                lines += Self.wrap(safe(statement), indent: pad + "  ", continuation: pad + "  ")
            }
            lines += group.table.map { pad + "    " + safe($0) }
        }
        return lines
    }

    /// The summary, with a leading cause that other checks share replaced by its number in the "Could not read"
    /// block.
    private static func summary(of result: CheckResult, causes: [String]) -> String {
        guard result.status == .unknown,
            let (number, cause) = causes.enumerated().filter({ result.summary.hasPrefix($0.element) })
                .max(by: { $0.element.count < $1.element.count })
        else { return result.summary }
        let rest = result.summary.dropFirst(cause.count).drop { $0 == " " }
        return "Could not read (\(number + 1))." + (rest.isEmpty ? "" : " " + rest)
    }

    /// The causes several unknown checks share, in first-seen order: for each unknown summary, the run of leading
    /// sentences that the most other unknown summaries start with too (the longest such run on a tie).
    static func sharedCauses(_ results: [CheckResult]) -> [String] {
        let summaries = results.filter { $0.status == .unknown }.map { sentences($0.summary) }
        var causes: [String] = []
        for (index, sentences) in summaries.enumerated() {
            let others = summaries.enumerated().filter { $0.offset != index }.map(\.element)
            let sharing = (1...max(sentences.count, 1)).map { length in
                (length, others.filter { Array($0.prefix(length)) == Array(sentences.prefix(length)) }.count)
            }
            guard let best = sharing.filter({ $0.1 > 0 }).max(by: { ($0.1, $0.0) < ($1.1, $1.0) }) else { continue }
            let cause = sentences.prefix(best.0).joined(separator: " ")
            if !causes.contains(cause) { causes.append(cause) }
        }
        return causes
    }

    /// `text` cut after each `. ` into sentences, each keeping its period.
    private static func sentences(_ text: String) -> [String] {
        let parts = text.components(separatedBy: ". ")
        return parts.enumerated().map { index, part in index == parts.count - 1 ? part : part + "." }
    }

    /// `text` wrapped at word boundaries to fit 100 columns, the first line after `indent`, the rest after
    /// `continuation`.
    static func wrap(_ text: String, indent: String, continuation: String) -> [String] {
        var lines: [String] = []
        var line = indent
        var empty = true
        for word in text.split(separator: " ", omittingEmptySubsequences: false) {
            if !empty && line.count + 1 + word.count > 100 {
                lines.append(line)
                line = continuation + word
            } else {
                line += (empty ? "" : " ") + word
            }
            empty = false
        }
        lines.append(line)
        return lines
    }

    private static func style(_ status: CheckStatus) -> (symbol: String, tint: Tint) {
        switch status {
        case .pass: return ("✔", .green)
        case .fail: return ("✘", .red)
        case .warn: return ("!", .yellow)
        case .unknown: return ("?", .magenta)
        case .notApplicable: return ("–", .dim)
        }
    }

    /// Text from the snapshot, shown without its control characters (terminal injection).
    private func safe(_ text: String) -> String { text.escapingControlCharacters() }

    private func paint(_ text: String, _ tint: Tint?, bold: Bool = false) -> String {
        Tint.paint(text, tint, bold: bold, colour: colour)
    }
}
