import ArgumentParser
import EventStore
import Foundation

/// `trailgate logs`: the local event store.
struct LogsCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "logs",
        abstract: "Ingest CloudTrail logs into a local SQLite event store and investigate them.",
        discussion: """
            The store has one events table whose columns are named as in AWS's Athena
            CloudTrail table, so the same SQL runs in both places (docs/logs.md).

            Examples:
              trailgate logs ingest ./trail-mirror --db events.db
              trailgate logs investigate root-activity --db events.db --since 2024-03-01
              trailgate logs query --db events.db \\
                --sql "SELECT eventsource, count(*) FROM events GROUP BY 1"
            """,
        subcommands: [LogsIngestCommand.self, LogsQueryCommand.self, LogsInvestigateCommand.self]
    )
}

/// `--format table|json|csv`.
extension ResultFormat: ExpressibleByArgument {}

/// Options shared by the commands that read the time window.
struct TimeWindowOptions: ParsableArguments {
    @Option(help: "Only events at or after this UTC time: 2024-03-01T10:00:00Z, or a day 2024-03-01.")
    var since: String?

    @Option(help: "Only events at or before this UTC time (a day means its end).")
    var until: String?

    /// The window in Unix seconds; a value that is not a time is a usage error naming the option.
    func window() throws -> (since: Int?, until: Int?) {
        func parse(_ text: String?, _ option: String, endOfDay: Bool) throws -> Int? {
            guard let text else { return nil }
            guard let seconds = TimeArgument.parse(text, endOfDay: endOfDay) else {
                throw CLIFailure.invalidInput(
                    "\(option) \"\(text)\": expected a UTC time like 2024-03-01T10:00:00Z or a day like 2024-03-01")
            }
            return seconds
        }
        let since = try parse(since, "--since", endOfDay: false)
        let until = try parse(until, "--until", endOfDay: true)
        if let since, let until, since > until { throw CLIFailure.invalidInput("--since is after --until") }
        return (since, until)
    }
}

extension EventDatabase {
    /// Opens the database for a command: a failure is one line, exit 2.
    static func open(_ path: String, readOnly: Bool) throws -> EventDatabase {
        do {
            return try EventDatabase(path: path, readOnly: readOnly)
        } catch let error as EventDatabaseError {
            throw CLIFailure.invalidInput(error.description)
        } catch let error as EventDatabaseBusyError {
            throw CLIFailure(message: error.description, exitCode: ExitStatus.unexpected.code)
        }
    }
}

/// Prints results to standard output in the chosen format.
func printResults(columns: [String], rows: [[String?]], format: ResultFormat) throws(CLIFailure) {
    try StandardOutput.write(ResultFormatter.render(columns: columns, rows: rows, as: format))
}

extension EventQueryEngine {
    /// Runs `sql` and prints its rows as they are read; a reader that closed the pipe stops the query at once.
    func printRows(_ sql: String, format: ResultFormat) throws {
        var formatter: ResultFormatter?
        try forEachRow(
            sql, columns: { formatter = ResultFormatter(columns: $0, format: format) },
            row: { row in
                if let chunk = formatter?.add(row) { try StandardOutput.write(chunk) }
            })
        if let rest = formatter?.finish() { try StandardOutput.write(rest) }
    }
}
