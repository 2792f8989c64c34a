/// Renders a probe report for people: one line per step, the details and failed requests under it, the verdict
/// last.
public struct ProbeTextRenderer: Sendable {
    /// Use ANSI colours (only on a terminal, and never with `NO_COLOR`).
    public var colour: Bool
    /// List every request of every step, not only the failed ones.
    public var verbose: Bool

    public init(colour: Bool = false, verbose: Bool = false) {
        self.colour = colour
        self.verbose = verbose
    }

    public func render(_ report: ProbeReport) -> String {
        var lines = ["TrailGate probe: role \(report.roleArn)"]
        let prefix = report.prefix.map { " (prefix \($0))" } ?? ""
        lines.append((report.trailArn.map { "trail \($0) · " } ?? "") + "bucket \(report.bucket)\(prefix)")
        lines.append("")
        for step in report.steps { lines += render(step) }
        if !report.created.isEmpty {
            lines.append("")
            lines.append("Created:")
            lines += report.created.map { "  \($0)" }
        }
        lines.append("")
        let failed = report.steps.filter { $0.id.decidesVerdict && $0.status != .pass }.count
        lines.append(
            report.passed
                ? paint("PASS: the role can query the trail's logs through Athena", "32")
                : paint("FAIL: \(failed) of 4 steps that decide did not pass", "31"))
        return lines.joined(separator: "\n") + "\n"
    }

    private func render(_ step: ProbeStep) -> [String] {
        let (symbol, tint) = Self.style(step.status)
        let word = step.status.rawValue.uppercased().padding(toLength: 8, withPad: " ", startingAt: 0)
        let id = step.id.rawValue.padding(toLength: 20, withPad: " ", startingAt: 0)
        var lines = ["  \(paint("\(symbol) \(word)", tint)) \(id) \(step.summary) (\(step.elapsedMilliseconds) ms)"]
        let indent = String(repeating: " ", count: 14)
        lines += step.details.map { indent + $0 }
        for request in step.requests where verbose || request.errorCode != nil {
            var line = "\(indent)· \(request.operation) \(request.resource) (\(request.region))"
            if let code = request.errorCode {
                line += ": \(code)" + (request.errorMessage.map { " (\($0))" } ?? "")
            }
            lines.append(line)
        }
        if let explanation = step.explanation { lines.append("\(indent)why: \(explanation)") }
        return lines
    }

    private static func style(_ status: ProbeStatus) -> (String, String) {
        switch status {
        case .pass, .allowed: ("✔", "32")
        case .fail: ("✘", "31")
        case .refused: ("–", "33")
        case .skipped: ("·", "2")
        }
    }

    private func paint(_ text: String, _ code: String) -> String {
        colour ? "\u{1B}[\(code)m\(text)\u{1B}[0m" : text
    }
}
