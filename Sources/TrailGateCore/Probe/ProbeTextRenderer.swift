import TrailGateBasics

/// Renders a probe report for people, as `check` renders its checks: one line per step (status, id, summary,
/// elapsed time), under it the details, the failed requests with AWS's error and the `why:` explanation, then what
/// the probe created, and the verdict last. Lines wrap at 100 columns; text from AWS is shown without its control
/// characters.
public struct ProbeTextRenderer: Sendable {
    /// Use ANSI colours (only on a terminal, and never with `NO_COLOR`).
    public var colour: Bool
    /// List every request of every step, not only the failed ones.
    public var verbose: Bool

    public init(colour: Bool = false, verbose: Bool = false) {
        self.colour = colour
        self.verbose = verbose
    }

    private static let idWidth = 20
    /// Details start under the step id.
    private static let detailIndent = String(repeating: " ", count: 13)

    public func render(_ report: ProbeReport) -> String {
        var lines = [paint("TrailGate probe: role \(safe(report.roleArn))", nil, bold: true)]
        if let trail = report.trailArn { lines.append("trail \(safe(trail))") }
        lines.append("bucket \(safe(report.bucket))" + (report.prefix.map { " (prefix \(safe($0)))" } ?? ""))
        lines.append("")
        for step in report.steps { lines += render(step) }
        if !report.created.isEmpty {
            lines.append("")
            lines.append("Created by the probe:")
            lines += report.created.map { "  " + safe($0) }
        }
        lines.append("")
        lines.append(paint(verdict(report), report.passed ? .green : .red, bold: true))
        return lines.joined(separator: "\n") + "\n"
    }

    /// The closing line: `PASS: …`, or `FAIL:` and the steps that decide the verdict and did not pass, by outcome.
    public func verdict(_ report: ProbeReport) -> String {
        if report.passed { return "PASS: the role can query the trail's logs through Athena" }
        var outcomes: [(word: String, ids: [String])] = []
        for id in ProbeStepID.allCases where id.decidesVerdict {
            let status = report.steps.first { $0.id == id }?.status
            guard status != .pass else { continue }
            let word = status.map { $0 == .fail ? "failed" : $0.rawValue } ?? "not run"
            if let index = outcomes.firstIndex(where: { $0.word == word }) {
                outcomes[index].ids.append(id.rawValue)
            } else {
                outcomes.append((word, [id.rawValue]))
            }
        }
        return "FAIL: " + outcomes.map { "\($0.ids.joined(separator: ", ")) \($0.word)" }.joined(separator: "; ")
    }

    private func render(_ step: ProbeStep) -> [String] {
        let (symbol, tint) = Self.style(step.status)
        let word = step.status.rawValue.uppercased().padding(toLength: 8, withPad: " ", startingAt: 0)
        let id = step.id.rawValue.padding(toLength: Self.idWidth, withPad: " ", startingAt: 0)
        let pad = Self.detailIndent
        // The elapsed time stays on one line: its space is a NUL (never in escaped text) until wrapped.
        let head = TextReportRenderer.wrap(
            "\(id) \(safe(step.summary)) (\(step.elapsedMilliseconds)\u{0}ms)", indent: pad, continuation: pad
        ).map { String($0.map { $0 == "\u{0}" ? " " : $0 }) }
        var lines = ["  \(paint("\(symbol) \(word)", tint)) " + head[0].dropFirst(pad.count)] + head.dropFirst()
        for detail in step.details {
            lines += TextReportRenderer.wrap(safe(detail), indent: pad, continuation: pad + "  ")
        }
        for request in step.requests where verbose || request.errorCode != nil {
            var line = "· \(request.operation) \(request.resource) (\(request.region))"
            if let code = request.errorCode { line += ": \(code)" + (request.errorMessage.map { ": \($0)" } ?? "") }
            lines += TextReportRenderer.wrap(safe(line), indent: pad, continuation: pad + "  ")
        }
        if let explanation = step.explanation {
            let why = TextReportRenderer.wrap("why: " + safe(explanation), indent: pad, continuation: pad + "     ")
            lines += [pad + paint("why:", .cyan, bold: true) + why[0].dropFirst(pad.count + 4)] + why.dropFirst()
        }
        return lines
    }

    private static func style(_ status: ProbeStatus) -> (String, Tint) {
        switch status {
        case .pass, .allowed: ("✔", .green)
        case .fail: ("✘", .red)
        case .refused: ("–", .yellow)
        case .skipped: ("·", .dim)
        }
    }

    /// Text from AWS or the report, shown without its control characters (terminal injection).
    private func safe(_ text: String) -> String { text.escapingControlCharacters() }

    private func paint(_ text: String, _ tint: Tint?, bold: Bool = false) -> String {
        Tint.paint(text, tint, bold: bold, colour: colour)
    }
}
