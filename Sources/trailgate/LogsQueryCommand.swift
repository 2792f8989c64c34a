import ArgumentParser
import EventStore
import Foundation

/// `trailgate logs query`: ad-hoc read-only SQL over the store.
struct LogsQueryCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "query",
        abstract: "Run read-only SQL over the events table.",
        discussion: """
            The database is opened read-only; statements that write are refused. Free-form
            members (requestparameters, responseelements, additionaleventdata,
            useridentity, resources, …) are JSON text: read them with
            json_extract(requestparameters, '$.bucketName').

            Examples:
              trailgate logs query --db events.db \\
                --sql "SELECT eventsource, count(*) AS n FROM events GROUP BY 1 ORDER BY n DESC"
              trailgate logs query --db events.db --format csv \\
                --sql "SELECT eventtime, actor, eventname FROM events WHERE errorcode = 'AccessDenied'"

            --sql is one statement. Rows are printed as they are read, so a result of any
            size streams (the table sizes its columns from the first 1000 rows).

            Exit codes: 0 printed, 2 invalid input (no database, SQL that fails, writes
            or holds more than one statement).
            """
    )

    @Option(help: "The event database (SQLite).")
    var db: String

    @Option(help: "The SQL to run (SQLite dialect).")
    var sql: String

    @Option(help: "table, json or csv.")
    var format: ResultFormat = .table

    func run() throws {
        let engine = EventQueryEngine(database: try EventDatabase.open(db, readOnly: true))
        do {
            try engine.printRows(sql, format: format)
        } catch let error as QueryError {
            throw CLIFailure.invalidInput("--sql: \(error.message)")
        }
    }
}
