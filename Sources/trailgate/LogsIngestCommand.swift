import ArgumentParser
import EventStore
import Foundation
import TrailGateBasics
import TrailGateLive
import TrailObjects

/// `trailgate logs ingest`: load CloudTrail files into the local store.
struct LogsIngestCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "ingest",
        abstract: "Load CloudTrail log files (local or s3://) into the event store.",
        discussion: """
            SOURCE is a directory tree in the S3 layout
            ([prefix/]AWSLogs/[o-…/]<account>/CloudTrail/ <region>/YYYY/MM/DD/*.json.gz),
            a single .json/.json.gz file, newline-delimited JSON records, or
            s3://bucket/prefix. Digests are skipped; CloudTrail-Insight/ is read as
            Insights events. From S3 only the date prefixes in the window are listed,
            never the whole bucket: accounts and Regions come from --log-account and
            --log-region, or from listing the folders under AWSLogs/; an organization
            trail's o-… folder from --org-id, or from listing.

            eventid is unique, so re-ingesting adds nothing; files already ingested (same
            name and size) are skipped, which also resumes an interrupted ingest. A file
            that cannot be read, or a gzip file that inflates to more than 256 MiB, is
            reported with its reason and the others go on; records without eventID or
            eventTime are counted and reported. One ingest at a time per store. Progress
            is shown on a terminal.

            Examples:
              trailgate logs ingest ./mirror --db events.db --since 2024-03-01 \\
                --until 2024-03-07
              trailgate logs ingest s3://acme-org-trail/cloudtrail --db events.db \\
                --org-id o-a1b2c3d4e5 --since 2024-03-01 --profile audit
              trailgate logs ingest s3://acme-org-trail/cloudtrail --db events.db \\
                --since 24h --log-account 111122223333 --log-region eu-west-1

            Exit codes: 0 everything ingested, 1 some files or records could not be
            ingested (each reported), 2 invalid input or usage, 3 unexpected failure, S3
            could not be reached, or another ingest is writing to the store.
            """
    )

    @Argument(help: "Directories, files, or s3://bucket/prefix.")
    var sources: [String]

    @Option(help: "The event database (SQLite); created if missing.")
    var db: String

    @OptionGroup var window: TimeWindowOptions

    @Option(
        name: .customLong("log-account"),
        help: ArgumentHelp("Only logs of this account (repeatable).", valueName: "account"))
    var logAccount: [String] = []

    @Option(
        name: .customLong("log-region"),
        help: ArgumentHelp("Only logs of this Region (repeatable).", valueName: "region"))
    var logRegion: [String] = []

    @OptionGroup var organization: OrganizationOptions

    @OptionGroup var output: FormatOptions<SummaryFormat>

    @OptionGroup var outputFile: OutputFileOptions

    @OptionGroup var config: ConfigOptions

    @OptionGroup var aws: AWSOptions

    enum SummaryFormat: String, OutputFormat {
        case text, json
        static let standard = SummaryFormat.text
    }

    func run() async throws {
        let configuration = try config.load()
        let orgId = try organization.given()
        let (since, until) = try window.window()
        let filter = IngestFilter(since: since, until: until, accounts: Set(logAccount), regions: Set(logRegion))
        let database = try EventDatabase.open(db, readOnly: false)
        let report = try await LogSources(locations: sources).withSources(
            filter: filter, organizationId: orgId, aws: aws
        ) { planned, reader in
            try await ingest(planned, into: database, reader: reader, filter: filter)
        }
        LogSources.warnSkipped(
            files: report.fileErrors, records: report.recordErrors, rejected: report.recordsRejected)
        let format = output.format(configuration)
        try outputFile.write(
            (format == .json ? report.document.serialized(pretty: true) : report.summary) + "\n",
            inputs: [db] + sources)
        if !report.fileErrors.isEmpty || report.recordsRejected > 0 { throw ExitCode(ExitStatus.notReady.rawValue) }
    }

    private func ingest(
        _ sources: [IngestSource], into database: EventDatabase, reader: any LogObjectReader,
        filter: IngestFilter
    ) async throws -> IngestReport {
        guard let inflater = GzipInflaters.named() else {
            throw CLIFailure.invalidInput("TRAILGATE_INFLATER: expected auto, zlib or libdeflate")
        }
        let ingester = EventIngester(database: database, reader: reader, inflater: inflater, filter: filter)
        let showProgress = isatty(STDERR_FILENO) == 1
        do {
            let report = try await ingester.ingest(sources) { progress in
                guard showProgress else { return }
                let line = String(
                    format: "\rfiles %d/%d, %d records, %.1f MB/s", progress.filesDone, progress.filesTotal,
                    progress.recordsInserted, progress.megabytesPerSecond)
                StandardError.print(line, newline: false)
            }
            if showProgress { StandardError.print("") }
            return report
        } catch let error as EventDatabaseError {
            throw CLIFailure(message: "\(db): \(error.reason)", exitCode: ExitStatus.unexpected.code)
        }
    }
}
