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
            Without --snapshot it reads the account live first, like `trailgate snapshot`;
            with --organization, every account of the organization (docs/check.md).

            Examples:
              trailgate check --snapshot examples/needs-work.json
              trailgate check --snapshot snapshot.json --trail org-trail --output json
              trailgate check --snapshot snapshot.json --format sarif -o trailgate.sarif
              trailgate check --snapshot snapshot.json --waivers examples/waivers.yml \\
                --fail-on any-trail --fail-on-severity high
              trailgate check --snapshot snapshot.json --org-id o-a1b2c3d4e5 --strict
              trailgate check --profile audit --region us-east-1 \\
                --save-snapshot taken.json -o report.txt
              trailgate check --config team.yml --snapshot snapshot.json --quiet
              trailgate check --organization --profile management \\
                --principal-arn-pattern 'arn:aws:iam::*:role/acme-query-*'

            Defaults for --org-id, --retention-days, --format and --waivers can be kept
            in ./.trailgate.yml or --config FILE (docs/configuration.md).

            Exit codes: 0 ready, 1 not ready, 2 invalid input or usage,
            3 unexpected failure. --fail-on and --fail-on-severity decide what
            counts as ready, --soft-fail always exits 0 after the report, and an
            expired or malformed waiver exits 2 (docs/check.md, "CI gates").
            """
    )

    @OptionGroup var input: SnapshotFileOptions

    @OptionGroup var trailOption: TrailOptions

    @OptionGroup var aws: AWSOptions

    @Option(
        name: .customLong("save-snapshot"),
        help: ArgumentHelp("When reading live, also write what was read to this file.", valueName: "file"))
    var saveSnapshot: String?

    @OptionGroup var organization: OrganizationOptions

    @OptionGroup var scan: OrganizationScanOptions

    @OptionGroup var retention: RetentionOptions

    @Flag(
        name: .customLong("require-trail"),
        help: "Exit 1 when the account has no trail (by default 0: the service deploys its own managed trail).")
    var requireTrail = false

    @Flag(name: [.short, .long], help: "Show only the checks that do not pass, and the verdict (text format).")
    var quiet = false

    @Flag(help: "Fail a bucket that has no lifecycle configuration at all.")
    var strict = false

    @OptionGroup var output: FormatOptions<ReportFormat>

    @OptionGroup var gate: CheckGateOptions

    @OptionGroup var outputFile: OutputFileOptions

    @OptionGroup var config: ConfigOptions

    @Flag(help: "Show evidence and notes for passing checks too; when reading live, log each AWS request (redacted).")
    var verbose = false

    func validate() throws {
        if quiet && verbose { throw ValidationError("--quiet and --verbose cannot be combined") }
        if input.snapshot != nil && saveSnapshot != nil {
            throw ValidationError("--save-snapshot is for live reading; it cannot be used with --snapshot")
        }
        if input.snapshot != nil && scan.organization {
            throw ValidationError("--organization reads live; it cannot be used with --snapshot")
        }
    }

    func run() async throws {
        let configuration = try config.load()
        let snapshot = input.snapshot
        let trail = trailOption.trail
        let source = snapshot.map { $0 == "-" ? "standard input" : $0 } ?? "live snapshot"
        let parsed: Snapshot
        do {
            if let snapshot {
                parsed = try Snapshot.parse(try InputFile.read(snapshot, what: "snapshot"))
            } else {
                let json =
                    scan.organization
                    ? try await aws.collectOrganization(
                        trail: trail, request: try scan.request(configuration), verbose: verbose)
                    : try await aws.collect(trail: trail, verbose: verbose)
                if let saveSnapshot { try save(json, to: saveSnapshot) }
                parsed = try Snapshot.decode(json)
            }
        } catch let error as SnapshotError {
            throw CLIFailure.invalidInput("\(source): \(error.description)")
        }
        let options = CheckOptions(
            expectedOrganizationId: try organization.organizationId(configuration),
            retentionDays: try retention.days(configuration), strict: strict)
        var report: ReadinessReport
        do {
            report = try ReadinessChecker(options: options).run(parsed, trail: trail)
        } catch {
            throw CLIFailure.invalidInput("\(source): \(error.description)")
        }
        let today = CivilDate(days: Int((Date().timeIntervalSince1970 / 86_400).rounded(.down)))
        if let waivers = try gate.waiverList(configuration, today: today) {
            report = waivers.apply(to: report)
            for waiver in report.unmatchedWaivers {
                let line =
                    "trailgate: warning: waiver entry \(waiver.entry) (\(waiver.check) on \(waiver.resource)) "
                    + "matched no finding that does not pass"
                StandardError.print(line.escapingControlCharacters())
            }
        }
        let context = ReportContext(
            source: snapshot, outputFile: outputFile.outputFile, securityHubRegion: securityHubRegion,
            colour: outputFile.outputFile == nil && Terminal.supportsColour, verbose: verbose, quiet: quiet)
        let rendered = output.format(configuration).renderer(context).render(report)
        try outputFile.write(rendered, inputs: snapshot.map { [$0] } ?? [])
        let decision = gate.gate(requireTrail: requireTrail).decide(report)
        guard !decision.passes else { throw ExitStatus.ready.code }
        let defaultGate = gate.failOn == .ready && gate.failOnSeverity == nil
        if !defaultGate || gate.softFail {
            for reason in decision.reasons {
                StandardError.print("trailgate: gate: \(reason)".escapingControlCharacters())
            }
        }
        if gate.softFail {
            StandardError.print("trailgate: --soft-fail: exiting 0 although the gate fails")
            throw ExitStatus.ready.code
        }
        throw ExitStatus.notReady.code
    }

    /// The Region of Security Hub findings (ASFF): --region, else AWS_REGION, else AWS_DEFAULT_REGION; nil leaves
    /// each finding in its trail's home Region.
    private var securityHubRegion: String? {
        let environment = ProcessInfo.processInfo.environment
        return [aws.region, environment["AWS_REGION"], environment["AWS_DEFAULT_REGION"]]
            .compactMap { $0 }.first { !$0.isEmpty }
    }

    private func save(_ json: JSONValue, to path: String) throws {
        try ResultOutput.write(json.serialized(pretty: true) + "\n", toFile: path)
    }
}
