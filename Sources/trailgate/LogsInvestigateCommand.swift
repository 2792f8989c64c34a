import ArgumentParser
import EventStore
import Foundation

/// `trailgate logs investigate`: the canned investigations over the local store.
struct LogsInvestigateCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "investigate",
        abstract: "Run a canned security investigation over the local store (--list shows them).",
        discussion: """
            Each investigation is one definition rendered to SQLite here and to Athena by
            `trailgate athena run --investigation`; --show-sql prints the SQL instead of
            running it.

            Examples:
              trailgate logs investigate --list
              trailgate logs investigate access-denied-by-principal --db events.db \\
                --format json
              trailgate logs investigate principal-activity --db events.db \\
                --principal AKIAIOSFODNN7EXAMPLE --since 2024-03-01
              trailgate logs investigate unusual-regions --db events.db --since 7d \\
                --log-account 111122223333 --allowed-region us-east-1 --wide

            On a terminal the table cuts values over 80 characters in the middle,
            keeping their end; --wide, a pipe or a file shows them whole.

            Exit codes: 0 printed, 2 invalid input (unknown investigation, no database, a
            bad time).
            """
    )

    @Argument(help: "The investigation's name.")
    var name: String?

    @Flag(help: "List the investigations and exit.")
    var list = false

    @Option(help: "The event database (SQLite).")
    var db: String?

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

    func run() throws {
        let format = output.format(try config.load())
        let sink = try outputFile.sink(inputs: [db].compactMap { $0 })
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
        guard let db else { throw CLIFailure.invalidInput("--db is required to run an investigation") }
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
}
