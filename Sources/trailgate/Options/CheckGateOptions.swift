import ArgumentParser
import Foundation
import TrailGateBasics
import TrailGateConfig
import TrailGateCore

extension ReadinessGate.Rule: ExpressibleByArgument {}
extension Severity: ExpressibleByArgument {}

/// `check`'s CI options: the waivers it applies and when it exits 1 (docs/check.md, docs/waivers.md).
struct CheckGateOptions: ParsableArguments {
    @Option(
        help: ArgumentHelp(
            "Accept the findings this YAML or JSON file lists (docs/waivers.md); else the configuration's waivers.",
            valueName: "file"))
    var waivers: String?

    @Option(
        name: .customLong("fail-on"),
        help: ArgumentHelp(
            "Exit 1 unless some trail is ready (ready, the default) or unless every trail is (any-trail).",
            valueName: "rule"))
    var failOn: ReadinessGate.Rule = .ready

    @Option(
        name: .customLong("fail-on-severity"),
        help: ArgumentHelp(
            "Count only blocking checks of this severity or above (low, medium, high, critical) for the exit code.",
            valueName: "level"))
    var failOnSeverity: Severity?

    @Flag(
        name: .customLong("soft-fail"),
        help: "Exit 0 after writing the report even when the gate fails (invalid input still exits 2).")
    var softFail = false

    /// The gate these options describe.
    func gate(requireTrail: Bool) -> ReadinessGate {
        ReadinessGate(rule: failOn, minimumSeverity: failOnSeverity, requireTrail: requireTrail)
    }

    /// The waivers of the option, else of the configuration, checked against `today`; nil when neither names a
    /// file. A file that cannot be read, parsed or used is one line naming it, the entry and the field: exit 2.
    func waiverList(_ configuration: Configuration, today: CivilDate) throws(CLIFailure) -> WaiverList? {
        guard let path = waivers ?? configuration.waivers else { return nil }
        let text = try InputFile.readText(path, what: "waivers")
        do {
            return try WaiverList(try WaiversFile.parse(text, source: path), today: today)
        } catch let error as ConfigurationError {
            throw CLIFailure.invalidInput(error.description)
        } catch let error as WaiverError {
            throw CLIFailure.invalidInput("\(path): \(error.description)")
        } catch {
            throw CLIFailure.invalidInput("\(path): \(error)")
        }
    }
}
