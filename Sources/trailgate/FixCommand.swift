import ArgumentParser
import Foundation
import TrailGateBasics
import TrailGateCore
import TrailGateLive

/// `trailgate fix`: plan the configuration changes that make failing checks pass, and apply them safely.
struct FixCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "fix",
        abstract: "Plan the changes that make failing checks pass; apply them with backups and rollback.",
        discussion: """
            Prints a plan: for each failing check that configuration can fix, the AWS
            call, its full request, the equivalent AWS CLI command and a before/after
            diff; then the manual steps. Nothing changes without --apply.
            --format markdown prints the plan for a pull request (not with --apply).

            With --apply, every replaced document is first written to --backup-dir; the
            calls run policies first and the trail last; a failed call rolls back what
            was changed; afterwards the account is read again and the new report
            printed. With --access-log-bucket, the plan also adds a statement for the
            S3 logging service to that bucket's policy when it lacks one; a target S3
            would refuse (another Region or account, default Object Lock retention, …)
            is a manual step that stops --apply before any change.

            Examples:
              trailgate fix --snapshot examples/needs-work.json
              trailgate fix --profile admin --region us-east-1 --trail org-trail \\
                --access-log-bucket acme-access-logs
              trailgate fix --profile admin --region us-east-1 --apply --yes \\
                --backup-dir backups/
              trailgate fix --profile admin --region us-east-1 \\
                --restore backups/20261128T101500Z

            Exit codes: 0 nothing to change (plan), or ready after --apply, or --restore
            done; 1 changes or manual steps remain (or a precondition stopped --apply
            before any change); 2 invalid input or usage; 3 a call failed (what was
            changed is rolled back) or AWS unreachable.
            """
    )

    enum Format: String, OutputFormat {
        case text, json, markdown
        static let standard = Format.text
    }

    @OptionGroup var input: SnapshotFileOptions

    @OptionGroup var aws: AWSOptions

    @OptionGroup var trailOption: TrailOptions

    @OptionGroup var organization: OrganizationOptions

    @Option(
        name: .customLong("only"), help: "Plan only for this check id (repeatable), e.g. bucket.lifecycle-retention.")
    var only: [String] = []

    @OptionGroup var retention: RetentionOptions

    @Option(
        name: .customLong("access-log-bucket"),
        help: ArgumentHelp("The bucket that receives the trail bucket's server access logs.", valueName: "bucket"))
    var accessLogBucket: String?

    @Flag(help: "Make the changes (after confirmation).")
    var apply = false

    @Flag(help: "Do not ask for confirmation (for automation).")
    var yes = false

    @Option(
        name: .customLong("backup-dir"), help: "Where --apply writes backups (default: trailgate-backups/<UTC time>).")
    var backupDir: String?

    @Option(help: "Put back every document of this backup directory, newest first.")
    var restore: String?

    @OptionGroup var output: FormatOptions<Format>

    @OptionGroup var outputFile: OutputFileOptions

    @OptionGroup var config: ConfigOptions

    @Flag(help: "Log each AWS request (redacted).")
    var verbose = false

    var snapshot: String? { input.snapshot }
    var trail: String? { trailOption.trail }

    func validate() throws {
        if let unknown = only.first(where: { CheckRegistry.id(named: $0) == nil }) {
            let known = CheckRegistry.ids.map(\.rawValue).sorted().joined(separator: ", ")
            throw ValidationError("--only \(unknown) is not a check id (ids: \(known))")
        }
        if apply && output.choice.given && output.choice.format == .markdown {
            throw ValidationError(
                "--format markdown writes the plan only; it cannot be used with --apply (use text or json)")
        }
        if apply && snapshot != nil {
            throw ValidationError("--apply reads the account live; it cannot be used with --snapshot")
        }
        if restore != nil && (apply || snapshot != nil) {
            throw ValidationError("--restore cannot be combined with --apply or --snapshot")
        }
        if outputFile.outputFile != nil && (apply || restore != nil) {
            throw ValidationError("-o/--output-file writes the plan; it cannot be used with --apply or --restore")
        }
    }

    func run() async throws {
        if let restore { return try await restoreBackups(from: restore) }
        let configuration = try config.load()
        let format = output.format(configuration)
        let checkOptions = CheckOptions(
            expectedOrganizationId: try organization.organizationId(configuration),
            retentionDays: try retention.days(configuration))
        let planner = FixPlanner(
            options: FixOptions(
                onlyChecks: Set(only.compactMap(CheckRegistry.id(named:))),
                accessLogBucket: accessLogBucket ?? configuration.accessLogBucket))
        guard apply else {
            let plans: [FixPlan]
            if let snapshot {
                plans = try plan(planner, snapshot: try readSnapshot(snapshot), checkOptions: checkOptions)
            } else {
                plans = try await aws.withSession(verbose: verbose) { session in
                    try await liveStep {
                        try await LiveFix(session: session, planner: planner, checkOptions: checkOptions, trail: trail)
                            .plan()
                    }
                }
            }
            let rendered: String
            switch format {
            case .text: rendered = planText(plans)
            case .json: rendered = FixPlanRenderer().document(plans).serialized(pretty: true) + "\n"
            case .markdown: rendered = FixPlanMarkdownRenderer().render(plans)
            }
            try outputFile.write(rendered, inputs: snapshot.map { [$0] } ?? [])
            throw (plans.allSatisfy(\.isEmpty) ? ExitStatus.ready : ExitStatus.notReady).code
        }
        if format == .markdown {
            throw CLIFailure.invalidInput(
                "format markdown (from the configuration) writes the plan only; it cannot be used with --apply")
        }
        try await aws.withSession(verbose: verbose) { session in
            try await applyPlan(planner, session: session, checkOptions: checkOptions, format: format)
        }
    }

    private func readSnapshot(_ path: String) throws -> Snapshot {
        do {
            return try Snapshot.parse(try InputFile.read(path, what: "snapshot"))
        } catch let error as SnapshotError {
            throw CLIFailure.invalidInput("\(path): \(error.description)")
        }
    }

    private func plan(_ planner: FixPlanner, snapshot: Snapshot, checkOptions: CheckOptions) throws -> [FixPlan] {
        do {
            return try planner.plans(for: snapshot, checkOptions: checkOptions, trail: trail)
        } catch {
            throw CLIFailure.invalidInput("\(self.snapshot ?? "live snapshot"): \(error.description)")
        }
    }

    private func planText(_ plans: [FixPlan]) -> String {
        let text = FixPlanRenderer().text(plans)
        guard plans.contains(where: { !$0.changes.isEmpty }) else { return text }
        return text + "Nothing has changed. To make these changes, run again with --apply.\n"
    }

    private func print(_ text: String) throws(CLIFailure) {
        try StandardOutput.write(text)
    }

    private func applyPlan(
        _ planner: FixPlanner, session: LiveSession, checkOptions: CheckOptions, format: Format
    ) async throws {
        let fix = LiveFix(session: session, planner: planner, checkOptions: checkOptions, trail: trail)
        let plans = try await liveStep { try await fix.plan() }
        let changes = plans.flatMap(\.changes)
        if format == .text { try print(FixPlanRenderer().text(plans)) }
        do {
            try LiveFix.checkApplicable(plans)
        } catch {
            throw CLIFailure(message: error.description, exitCode: ExitStatus.notReady.code)
        }
        guard !changes.isEmpty else {
            if format == .json {
                try print(FixApplyDocument(plans: plans, applied: [], report: nil).json.serialized(pretty: true) + "\n")
            }
            StandardError.print("Nothing to change: every fixable check already passes.")
            throw (plans.allSatisfy(\.isEmpty) ? ExitStatus.ready : ExitStatus.notReady).code
        }
        try confirm("Apply \(changes.count) \(changes.count == 1 ? "change" : "changes") to AWS?")
        let directory = BackupDirectory(
            url: URL(fileURLWithPath: backupDir ?? "trailgate-backups/\(Timestamp(Date()).keyFormat)"))
        let applied: [AppliedChange]
        do {
            applied = try await fix.apply(plans, backups: directory) { line in StandardError.print(line) }
        } catch {
            switch error {
            case .precondition: throw CLIFailure(message: error.description, exitCode: ExitStatus.notReady.code)
            case .stopped: throw CLIFailure(message: error.description, exitCode: ExitStatus.unexpected.code)
            }
        }
        StandardError.print(
            "Applied \(applied.count) \(applied.count == 1 ? "change" : "changes"); backups in "
                + "\(directory.url.path). Undo with: trailgate fix \(aws.retyped(region: session.region)) --restore "
                + shellWord(directory.url.path))
        let report = try await liveStep { try await fix.report() }
        if format == .json {
            try print(
                FixApplyDocument(plans: plans, applied: applied, report: report).json.serialized(pretty: true) + "\n")
        } else {
            try print("\nAfter the changes:\n" + TextReportRenderer(colour: Terminal.supportsColour).render(report))
        }
        throw (report.ready ? ExitStatus.ready : ExitStatus.notReady).code
    }

    /// A step on the live account; what was read and cannot be judged is named as the live snapshot.
    private func liveStep<T>(_ step: () async throws -> T) async throws -> T {
        do {
            return try await step()
        } catch let error as SnapshotError {
            throw CLIFailure.invalidInput("live snapshot: \(error.description)")
        }
    }

    private func restoreBackups(from path: String) async throws {
        let directory = BackupDirectory(url: URL(fileURLWithPath: path))
        let backups: [FixBackup]
        let paths: [String]
        do {
            backups = try directory.load()
            paths = try directory.paths()
        } catch {
            throw CLIFailure.invalidInput(error.description)
        }
        for (backup, file) in zip(backups, paths).reversed() {
            try print("restore \(backup.aspect.rawValue) of \(backup.resource) from \(file)\n")
        }
        try confirm("Restore \(backups.count) \(backups.count == 1 ? "setting" : "settings")?")
        let results = try await aws.withSession(verbose: verbose) { session in
            await LiveFix.restore(directory, loaded: backups, paths: paths, session: session)
        }
        var failed = 0
        for result in results {
            if let error = result.error {
                failed += 1
                StandardError.print(
                    "NOT restored: \(result.backup.aspect.rawValue) of \(result.backup.resource) (\(error)); backup \(result.path)"
                )
            } else {
                StandardError.print("restored \(result.backup.aspect.rawValue) of \(result.backup.resource)")
            }
        }
        if failed > 0 {
            throw CLIFailure(
                message: "\(failed) of \(results.count) settings were not restored",
                exitCode: ExitStatus.unexpected.code)
        }
    }

    /// Asks on a terminal; without one, only --yes goes ahead.
    private func confirm(_ question: String) throws {
        if yes { return }
        guard isatty(STDIN_FILENO) == 1 else {
            throw CLIFailure.invalidInput("\(question) Standard input is not a terminal: pass --yes to confirm")
        }
        StandardError.print("\(question) Type yes to continue: ", newline: false)
        guard readLine()?.trimmingCharacters(in: .whitespaces).lowercased() == "yes" else {
            throw CLIFailure(message: "not confirmed; nothing changed", exitCode: ExitStatus.notReady.code)
        }
    }
}
