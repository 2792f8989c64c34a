import GRDB

/// Rows of a query: column names and each value as text (NULL as nil).
public struct QueryResult: Sendable, Equatable {
    public var columns: [String]
    public var rows: [[String?]]
}

/// Why a query failed: SQLite's message, e.g. a syntax error or an attempt to write.
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

    /// Runs `sql` in a read-only transaction; statements that write are refused by SQLite.
    public func run(_ sql: String) throws -> QueryResult {
        do {
            return try database.queue.read { db in
                let statement = try db.makeStatement(sql: sql)
                guard statement.isReadonly else { throw QueryError(message: "only read-only statements are allowed") }
                var rows: [[String?]] = []
                let cursor = try Row.fetchCursor(statement)
                while let row = try cursor.next() {
                    rows.append(
                        row.databaseValues.map { value in
                            switch value.storage {
                            case .null: return nil
                            case .int64(let number): return String(number)
                            case .double(let number): return String(number)
                            case .string(let text): return text
                            case .blob(let data): return String(decoding: data, as: UTF8.self)
                            }
                        })
                }
                return QueryResult(columns: statement.columnNames, rows: rows)
            }
        } catch let error as QueryError {
            throw error
        } catch let error as DatabaseError {
            throw QueryError(message: error.message ?? error.description)
        }
    }
}
