import ArgumentParser
import Foundation
import OrderedJSON
import TrailGateBasics
import TrailGateCore

/// `trailgate check`: judge a snapshot, or a live account, and print the readiness report.
struct CheckCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "check",
        abstract: "Check a trail, its delivery bucket and KMS keys against every requirement.",
        discussion: """
            Judges every trail of a snapshot (docs/snapshot.md), or the one --trail names.
            Without --snapshot it reads the account live first, like `trailgate snapshot`.

            Examples:
              trailgate check --snapshot examples/needs-work.json
              trailgate check --snapshot snapshot.json --trail org-trail --format json
              trailgate check --snapshot snapshot.json --org-id o-a1b2c3d4e5 --strict
              trailgate check --profile audit --region us-east-1 --save-snapshot taken.json

            Exit codes: 0 ready, 1 not ready, 2 invalid input or usage,
            3 unexpected failure.
            """
    )

    enum Format: String, ExpressibleByArgument, CaseIterable {
        case text, json
    }

    @Option(help: "The snapshot file to judge (- reads standard input); without it, the account is read live.")
    var snapshot: String?

    @OptionGroup var aws: AWSOptions

    @Option(name: .customLong("save-snapshot"), help: "When reading live, also write what was read to this file.")
    var saveSnapshot: String?

    @Option(help: "Judge only this trail (its name or ARN).")
    var trail: String?

    @Option(name: .customLong("org-id"), help: "The AWS Organization the trail must belong to (o-…).")
    var orgId: String?

    @Option(
        name: .customLong("retention-days"),
        help: "Lifecycle retention, in days, that passes; 550 is 18 calendar months for every object.")
    var retentionDays: Int = CheckOptions.eighteenMonthsDays

    @Flag(
        name: .customLong("require-trail"),
        help: "Exit 1 when the account has no trail (by default 0: the service deploys its own managed trail).")
    var requireTrail = false

    @Flag(name: [.short, .long], help: "Show only the checks that do not pass, and the verdict (text format).")
    var quiet = false

    @Flag(help: "Fail a bucket that has no lifecycle configuration at all.")
    var strict = false

    @Option(help: "Output format: text or json.")
    var format: Format = .text

    @Option(name: [.customShort("o"), .long], help: "Write the report to this file instead of standard output.")
    var output: String?

    @Flag(help: "Show evidence and notes for passing checks too; when reading live, log each AWS request (redacted).")
    var verbose = false

    func validate() throws {
        if quiet && verbose { throw ValidationError("--quiet and --verbose cannot be combined") }
        if let orgId {
            do {
                try PolicyInputValidation.validateOrganizationId(orgId)
            } catch {
                throw ValidationError(error.description)
            }
        }
        guard retentionDays > 0 else { throw ValidationError("--retention-days must be a positive number of days") }
    }

    func run() async throws {
        let source = snapshot.map { $0 == "-" ? "standard input" : $0 } ?? "live snapshot"
        let parsed: Snapshot
        do {
            if let snapshot {
                if saveSnapshot != nil {
                    throw CLIFailure.invalidInput(
                        "--save-snapshot is for live reading; it cannot be used with --snapshot")
                }
                parsed = try Snapshot.parse(try InputFile.read(snapshot, what: "snapshot"))
            } else {
                let json = try await aws.collect(trail: trail, verbose: verbose)
                if let saveSnapshot { try save(json, to: saveSnapshot) }
                parsed = try Snapshot.decode(json)
            }
        } catch let error as SnapshotError {
            throw CLIFailure.invalidInput("\(source): \(error.description)")
        }
        let options = CheckOptions(expectedOrganizationId: orgId, retentionDays: retentionDays, strict: strict)
        let report: ReadinessReport
        do {
            report = try ReadinessChecker(options: options).run(parsed, trail: trail)
        } catch {
            throw CLIFailure.invalidInput("\(source): \(error.description)")
        }
        let rendered: String
        switch format {
        case .json:
            rendered = JSONReportRenderer().render(report)
        case .text:
            rendered = TextReportRenderer(
                colour: output == nil && Terminal.supportsColour, verbose: verbose, quiet: quiet
            ).render(
                report)
        }
        try ResultOutput.write(rendered, toFile: output, inputs: snapshot.map { [$0] } ?? [])
        switch report.verdict {
        case .ready: throw ExitStatus.ready.code
        case .notReady: throw ExitStatus.notReady.code
        case .noTrail: throw (requireTrail ? ExitStatus.notReady : ExitStatus.ready).code
        }
    }

    private func save(_ json: JSONValue, to path: String) throws {
        try ResultOutput.write(json.serialized(pretty: true) + "\n", toFile: path)
    }
}
