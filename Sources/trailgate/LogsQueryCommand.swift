import ArgumentParser
import EventStore
import Foundation

/// `trailgate logs query`: ad-hoc read-only SQL over the store.
struct LogsQueryCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "query",
        abstract: "Run read-only SQL over the events table.",
        usage: "trailgate logs query --db <db> --sql <sql> [<options>]",
        discussion: """
            The database is opened read-only; statements that write are refused. Free-form
            members (requestparameters, responseelements, additionaleventdata,
            useridentity, resources, …) are JSON text: read them with
            json_extract(requestparameters, '$.bucketName').

            Examples:
              trailgate logs query --db events.db --format json \\
                --sql "SELECT eventsource, count(*) AS n FROM events GROUP BY 1"
              trailgate logs query --db events.db --format csv --sql \\
                "SELECT eventtime, actor FROM events WHERE errorcode = 'AccessDenied'"

            With --format json, integers and reals are JSON numbers, NULL is null and
            text is a string. On a terminal the table cuts values over 80 characters in
            the middle, keeping their end; --wide, a pipe or a file shows them whole.

            --sql is one statement. Rows are printed as they are read, so a result of any
            size streams (the table sizes its columns from the first 1000 rows).

            Arbitrary SQL needs the store: there is no --source here. Load the files
            with `logs ingest` first; the canned investigations also run straight over
            files with `logs investigate NAME --source PATH`.

            Exit codes: 0 printed, 2 invalid input (no database, SQL that fails, writes
            or holds more than one statement).
            """
    )

    @Option(help: "The event database (SQLite).")
    var db: String

    @Option(help: "The SQL to run (SQLite dialect).")
    var sql: String

    @OptionGroup var output: FormatOptions<ResultFormat>

    @OptionGroup var outputFile: OutputFileOptions

    @OptionGroup var config: ConfigOptions

    @OptionGroup var width: TableWidthOptions

    func run() throws {
        let format = output.format(try config.load())
        let engine = EventQueryEngine(database: try EventDatabase.open(db, readOnly: true))
        let sink = try outputFile.sink(inputs: [db])
        defer { sink.close() }
        do {
            try engine.printRows(sql, format: format, width: width, to: sink)
        } catch let error as QueryError {
            throw CLIFailure.invalidInput("--sql: \(error.message)")
        }
    }
}
