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

/// `--format table|json|csv`, table by default.
extension ResultFormat: OutputFormat {
    static var standard: ResultFormat { .table }
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

/// Prints results to standard output in the chosen format, table cells cut to `cellLimit` characters (nil: never).
func printResults(
    columns: [String], rows: [[ResultValue]], format: ResultFormat, width: TableWidthOptions, to sink: ResultSink
) throws(CLIFailure) {
    try sink.write(
        ResultFormatter.render(columns: columns, rows: rows, as: format, cellLimit: width.cellLimit(for: sink)))
}

extension EventQueryEngine {
    /// Runs `sql` and prints its rows as they are read, table cells cut to `cellLimit` characters (nil: never); a
    /// reader that closed the pipe stops the query at once.
    func printRows(_ sql: String, format: ResultFormat, width: TableWidthOptions, to sink: ResultSink) throws {
        var formatter: ResultFormatter?
        let cellLimit = width.cellLimit(for: sink)
        try forEachRow(
            sql, columns: { formatter = ResultFormatter(columns: $0, format: format, cellLimit: cellLimit) },
            row: { row in
                if let chunk = formatter?.add(row) { try sink.write(chunk) }
            })
        if let rest = formatter?.finish() { try sink.write(rest) }
    }
}
