import ArgumentParser
import EventStore
import Foundation
import TrailObjects

/// `trailgate logs investigate`: the canned investigations over the local store, or straight over log files.
struct LogsInvestigateCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "investigate",
        abstract: "Run a canned security investigation over the local store or straight over log files.",
        discussion: """
            Each investigation is one definition rendered to SQLite here and to Athena by
            `trailgate athena run --investigation`; --show-sql prints the SQL instead of
            running it. --list shows them.

            With --source instead of --db it reads the log files directly, with no store:
            the same layouts `logs ingest` reads (a tree, files, s3://bucket/prefix listed
            only under the days in --since/--until; --org-id, --log-account and
            --log-region narrow the listing as for ingest). Each file is inflated and
            tested for the bytes a match must contain before any JSON is parsed, so a
            selective question costs one pass at the speed of decompression. The rows
            and their order are those of `logs ingest` then `logs investigate --db`.
            Files the byte test rules out are not parsed, so malformed JSON in them is
            not reported; use `logs ingest` to check every record. Progress is shown on
            a terminal.

            Examples:
              trailgate logs investigate --list
              trailgate logs investigate access-denied-by-principal --db events.db \\
                --format json
              trailgate logs investigate principal-activity --db events.db \\
                --principal AKIAIOSFODNN7EXAMPLE --since 2024-03-01
              trailgate logs investigate unusual-regions --db events.db --since 7d \\
                --log-account 111122223333 --allowed-region us-east-1 --wide
              trailgate logs investigate cloudtrail-changes --source ./trail-mirror
              trailgate logs investigate principal-activity --since 24h \\
                --source s3://acme-org-trail/cloudtrail --org-id o-a1b2c3d4e5 \\
                --principal AKIAIOSFODNN7EXAMPLE --profile audit

            On a terminal the table cuts values over 80 characters in the middle,
            keeping their end; --wide, a pipe or a file shows them whole.

            Exit codes: 0 printed, 1 printed but some files or records of --source could
            not be read (each reported on standard error), 2 invalid input (unknown
            investigation, no database, a bad time), 3 unexpected failure or S3 could not
            be reached.
            """
    )

    @Argument(help: "The investigation's name.")
    var name: String?

    @Flag(help: "List the investigations and exit.")
    var list = false

    @Option(help: "The event database (SQLite).")
    var db: String?

    @Option(
        help: ArgumentHelp(
            "Read the logs here instead of a database: a directory, a file or s3://bucket/prefix (repeatable).",
            valueName: "path"))
    var source: [String] = []

    @OptionGroup var organization: OrganizationOptions

    @OptionGroup var aws: AWSOptions

    @OptionGroup var window: TimeWindowOptions

    @Option(
        help: "A principal ARN (user, role, assumed-role session, or the role behind sessions) or an access key id.")
    var principal: String?

    @Option(
        name: .customLong("log-account"),
        help: ArgumentHelp("Only events of this account (repeatable).", valueName: "account"))
    var logAccount: [String] = []

    @Option(
        name: .customLong("log-region"),
        help: ArgumentHelp("Only events in this Region (repeatable).", valueName: "region"))
    var logRegion: [String] = []

    @Option(
        name: .customLong("allowed-region"),
        help: "For unusual-regions: a Region where activity is expected (repeatable).")
    var allowedRegion: [String] = []

    @Option(help: "At most this many rows (0 for all).")
    var limit = 1000

    @OptionGroup var output: FormatOptions<ResultFormat>

    @OptionGroup var outputFile: OutputFileOptions

    @OptionGroup var config: ConfigOptions

    @OptionGroup var width: TableWidthOptions

    @Flag(name: .customLong("show-sql"), help: "Print the SQLite query instead of running it.")
    var showSQL = false

    func run() async throws {
        let format = output.format(try config.load())
        let sink = try outputFile.sink(inputs: [db].compactMap { $0 } + source)
        defer { sink.close() }
        if list {
            let rows = InvestigationCatalogue.all.map {
                [.text($0.name), .text($0.title), .text($0.summary)] as [ResultValue]
            }
            try printResults(columns: ["name", "title", "summary"], rows: rows, format: format, width: width, to: sink)
            return
        }
        let plan = try Self.plan(
            name: name, window: window, principal: principal, accounts: logAccount, regions: logRegion,
            allowedRegions: allowedRegion, limit: limit)
        if showSQL {
            try sink.write(plan.sqlite() + "\n")
            return
        }
        if !source.isEmpty {
            guard db == nil else { throw CLIFailure.invalidInput("give --db or --source, not both") }
            let report = try await scan(plan)
            try printResults(columns: report.columns, rows: report.rows, format: format, width: width, to: sink)
            if report.skippedInput { throw ExitCode(ExitStatus.notReady.rawValue) }
            return
        }
        guard let db else { throw CLIFailure.invalidInput("--db or --source is required to run an investigation") }
        let engine = EventQueryEngine(database: try EventDatabase.open(db, readOnly: true))
        do {
            try engine.printRows(plan.sqlite(), format: format, width: width, to: sink)
        } catch let error as QueryError {
            throw CLIFailure(
                message: "\(plan.investigation.name): \(error.message)", exitCode: ExitStatus.unexpected.code)
        }
    }

    /// The investigation named, with its parameters checked (shared with `athena run`).
    static func plan(
        name: String?, window: TimeWindowOptions, principal: String?, accounts: [String], regions: [String],
        allowedRegions: [String], limit: Int
    ) throws -> InvestigationPlan {
        guard let name else { throw CLIFailure.invalidInput("name an investigation, or pass --list to see them") }
        guard let investigation = InvestigationCatalogue.named(name) else {
            throw CLIFailure.invalidInput(
                "no investigation \"\(name)\"; known: \(InvestigationCatalogue.all.map(\.name).joined(separator: ", "))"
            )
        }
        if investigation.needsPrincipal, principal == nil {
            throw CLIFailure.invalidInput("\(name) needs --principal (an ARN or an access key id)")
        }
        guard limit >= 0 else { throw CLIFailure.invalidInput("--limit must be 0 or more") }
        let (since, until) = try window.window()
        return InvestigationPlan(
            investigation: investigation,
            parameters: InvestigationParameters(
                since: since, until: until, principal: principal, accounts: accounts, regions: regions,
                allowedRegions: allowedRegions,
                limit: limit == 0 ? nil : limit))
    }

    /// Runs the plan straight over the `--source` files, reporting unreadable ones on standard error.
    private func scan(_ plan: InvestigationPlan) async throws -> ScanReport {
        guard let inflater = GzipInflaters.named() else {
            throw CLIFailure.invalidInput("TRAILGATE_INFLATER: expected auto, zlib or libdeflate")
        }
        let showProgress = isatty(STDERR_FILENO) == 1
        let report: ScanReport
        do {
            report = try await LogSources(locations: source).withSources(
                filter: plan.filter, organizationId: try organization.given(), aws: aws
            ) { sources, reader in
                try await InvestigationScanner(reader: reader, inflater: inflater).scan(plan, sources: sources) {
                    progress in
                    guard showProgress else { return }
                    StandardError.print(
                        String(
                            format: "\rfiles %d/%d, %.0f MB, %.1f MB/s, %d matches", progress.filesDone,
                            progress.filesTotal, Double(progress.storedBytes) / 1e6, progress.megabytesPerSecond,
                            progress.matches),
                        newline: false)
                }
            }
        } catch let error as ScanPlanError {
            throw CLIFailure(
                message: "\(plan.investigation.name): \(error.reason)", exitCode: ExitStatus.unexpected.code)
        }
        if showProgress { StandardError.print("") }
        LogSources.warnSkipped(
            files: report.fileErrors, records: report.recordErrors, rejected: report.recordsRejected)
        return report
    }
}
