import GRDB

/// Rows of a query: column names and each value as text (NULL as nil).
public struct QueryResult: Sendable, Equatable {
    public var columns: [String]
    public var rows: [[String?]]
}

/// Why a query failed: SQLite's message (a syntax error, an unknown column), or a query that would write or holds
/// more than one statement.
public struct QueryError: Error, Sendable, CustomStringConvertible {
    public var message: String
    public var description: String { message }
}

/// Runs read-only SQL over an ``EventDatabase``.
public struct EventQueryEngine: Sendable {
    public let database: EventDatabase

    public init(database: EventDatabase) {
        self.database = database
    }

    /// Runs `sql` and collects every row as text (for small results; ``forEachRow(_:columns:row:)`` streams).
    public func run(_ sql: String) throws -> QueryResult {
        var result = QueryResult(columns: [], rows: [])
        try forEachRow(sql, columns: { result.columns = $0 }, row: { result.rows.append($0.map(\.text)) })
        return result
    }

    /// Runs `sql`, one read-only statement, in a read-only transaction: `columns` gets the column names, then `row`
    /// each row as it is read, so a result of any size takes no more memory than one row. An error thrown by
    /// `columns` or `row` stops the query and is rethrown as it is. Integers and reals are numbers, in the text
    /// SQLite gives them.
    public func forEachRow(
        _ sql: String, columns: ([String]) throws -> Void, row: ([ResultValue]) throws -> Void
    ) throws {
        do {
            try database.queue.read { db in
                let statements = try db.allStatements(sql: sql)
                guard let statement = try statements.next() else {
                    throw QueryError(message: "no statement to run")
                }
                guard try statements.next() == nil else {
                    throw QueryError(message: "must be one statement; run each separately")
                }
                guard statement.isReadonly else { throw QueryError(message: "only read-only statements are allowed") }
                try columns(statement.columnNames)
                let cursor = try Row.fetchCursor(statement)
                while let next = try cursor.next() {
                    try row(
                        next.databaseValues.map { value in
                            switch value.storage {
                            case .null: return .null
                            case .int64(let number): return .number(String(number))
                            case .double(let number): return ResultValue(real: number)
                            case .string(let text): return .text(text)
                            case .blob(let data): return .text(String(decoding: data, as: UTF8.self))
                            }
                        })
                }
            }
        } catch let error as DatabaseError {
            throw QueryError(message: error.message ?? error.description)
        }
    }
}
