import AWSClient
import ArgumentParser
import EventStore
import Foundation
import TrailGateBasics

/// `trailgate athena run`: an investigation or SQL through the Athena API.
struct AthenaRunCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "run",
        abstract: "Run a canned investigation or SQL on Athena and print the results.",
        discussion: """
            Calls StartQueryExecution, polls GetQueryExecution with backoff until the
            query ends, and reads every page of GetQueryResults. An investigation is
            rendered from the same definition as `logs investigate`, with partition
            predicates on account, region and the delivery day (one day of padding after
            --until), so --since is required with it. Numbers in the results (Athena's
            integer, real and decimal columns) are JSON numbers with --format json.

            Examples:
              trailgate athena run --investigation cloudtrail-changes \\
                --since 2024-03-01 --until 2024-03-07 --workgroup primary \\
                --database trailgate --table cloudtrail \\
                --output-location s3://acme-athena-results/
              trailgate athena run --investigation root-activity --since 7d \\
                --log-account 111122223333 --log-region us-east-1 --wide
              trailgate athena run --workgroup primary \\
                --sql "SELECT eventname, count(*) AS n FROM trailgate.cloudtrail"

            Exit codes: 0 printed, 1 the query failed or was cancelled on Athena, 2
            invalid input or usage, 3 unexpected failure or Athena could not be reached.
            """
    )

    @Option(help: "A canned investigation (trailgate logs investigate --list).")
    var investigation: String?

    @Option(help: "SQL to run as it is (Athena's Trino dialect).")
    var sql: String?

    @OptionGroup var athena: AthenaWorkgroupOptions

    @Option(help: "The Glue database.")
    var database = "trailgate"

    @Option(help: "The CloudTrail table (trailgate athena ddl).")
    var table = "cloudtrail"

    @OptionGroup var window: TimeWindowOptions

    @Option(help: "A principal ARN or access key id (for principal-activity).")
    var principal: String?

    @Option(
        name: .customLong("log-account"),
        help: ArgumentHelp("Only this account's partition (repeatable).", valueName: "account"))
    var logAccount: [String] = []

    @Option(
        name: .customLong("log-region"),
        help: ArgumentHelp("Only this Region's partition (repeatable).", valueName: "region"))
    var logRegion: [String] = []

    @Option(
        name: .customLong("allowed-region"),
        help: "For unusual-regions: a Region where activity is expected (repeatable).")
    var allowedRegion: [String] = []

    @Option(help: "At most this many rows (0 for all).")
    var limit = 1000

    @Option(name: .customLong("wait"), help: "Seconds to wait for the query to finish.")
    var waitSeconds = 600

    @OptionGroup var output: FormatOptions<ResultFormat>

    @OptionGroup var outputFile: OutputFileOptions

    @OptionGroup var config: ConfigOptions

    @OptionGroup var width: TableWidthOptions

    @Flag(name: .customLong("show-sql"), help: "Print the Athena SQL instead of running it.")
    var showSQL = false

    @Flag(help: "Log each AWS request (credentials redacted) to standard error.")
    var verbose = false

    @OptionGroup var aws: AWSOptions

    func run() async throws {
        let query = try statement()
        let format = output.format(try config.load())
        let sink = try outputFile.sink()
        defer { sink.close() }
        if showSQL {
            try sink.write(query + "\n")
            return
        }
        guard waitSeconds > 0 else { throw CLIFailure.invalidInput("--wait must be a positive number of seconds") }
        if let outputLocation = athena.outputLocation, S3Location(outputLocation) == nil {
            throw CLIFailure.invalidInput("--output-location \"\(outputLocation)\": expected s3://bucket/prefix/")
        }
        let (id, results) = try await aws.withSession(verbose: verbose) { session in
            do {
                return try await session.clients.athena.run(
                    query, database: database, workGroup: athena.workgroup, outputLocation: athena.outputLocation,
                    region: session.region,
                    timeout: .seconds(waitSeconds))
            } catch let error as AthenaQueryError {
                throw CLIFailure(message: error.description, exitCode: ExitStatus.notReady.code)
            }
        }
        if verbose { StandardError.note("query execution \(id)") }
        let rows = results.rows.map { row in
            row.enumerated().map { index, value in
                ResultValue(athena: value, type: index < results.types.count ? results.types[index] : nil)
            }
        }
        try printResults(columns: results.columns, rows: rows, format: format, width: width, to: sink)
    }

    /// The SQL to send: the investigation rendered for Athena, or `--sql`.
    func statement() throws -> String {
        switch (investigation, sql) {
        case (nil, nil), (.some, .some): throw CLIFailure.invalidInput("give exactly one of --investigation and --sql")
        case (nil, .some(let sql)): return sql
        case (.some(let name), nil):
            guard window.since != nil else {
                throw CLIFailure.invalidInput(
                    "--since is required with --investigation: only partition bounds limit what Athena scans")
            }
            let plan = try LogsInvestigateCommand.plan(
                name: name, window: window, principal: principal, accounts: logAccount,
                regions: logRegion, allowedRegions: allowedRegion, limit: limit)
            return plan.athena(table: "\(database).\(table)")
        }
    }
}
