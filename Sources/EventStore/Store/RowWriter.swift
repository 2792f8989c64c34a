import Foundation
import GRDB
import GRDBSQLite

/// Inserts ``RowBatch`` rows with one prepared statement, binding each cell straight from the batch's bytes.
struct RowWriter {
    static let insertSQL: String = {
        let names = EventSchema.columns.map { EventSchema.quoted($0.name) }
        return
            "INSERT OR IGNORE INTO events (\(names.joined(separator: ", "))) VALUES (\(Array(repeating: "?", count: names.count).joined(separator: ", ")))"
    }()

    let statement: Statement
    let connection: OpaquePointer

    init(_ db: Database) throws {
        statement = try db.makeStatement(sql: Self.insertSQL)
        connection = db.sqliteConnection!
    }

    /// Inserts rows `range` of `batch` and counts the new ones in `summaries`; returns how many were new (the others
    /// repeat an `eventid`).
    func insert(_ batch: RowBatch, rows range: Range<Int>, summaries: inout [SummaryAccumulator]) throws -> Int {
        let raw = statement.sqliteStatement
        let columns = RowBatch.columnCount
        let eventts = RowBatch.eventtsColumn
        var inserted = 0
        guard !range.isEmpty else { return 0 }
        try batch.bytes.withUnsafeBufferPointer { bytes in
            let base = UnsafeRawPointer(bytes.baseAddress ?? UnsafePointer(bitPattern: 1)!).assumingMemoryBound(
                to: CChar.self)
            for row in range {
                let offset = row * columns
                for column in 0..<columns {
                    let start = batch.starts[offset + column]
                    let index = Int32(column + 1)
                    if column == eventts {
                        sqlite3_bind_int64(raw, index, Int64(start))
                    } else if start < 0 {
                        sqlite3_bind_null(raw, index)
                    } else {
                        sqlite3_bind_text(raw, index, base + start, batch.lengths[offset + column], nil)
                    }
                }
                let status = sqlite3_step(raw)
                sqlite3_reset(raw)
                guard status == SQLITE_DONE else {
                    throw EventDatabaseError(path: "", reason: String(cString: sqlite3_errmsg(connection)))
                }
                if sqlite3_changes(connection) > 0 {
                    inserted += 1
                    for index in summaries.indices { summaries[index].add(batch, row: row, bytes: bytes) }
                }
            }
        }
        return inserted
    }
}
