import GRDBSQLite

/// `json_extract(json, path)` as the store computes it, by SQLite's own JSON functions on an in-memory connection,
/// so a scanned member has exactly the value and type the SQLite query would see (strings unescaped, `true` as 1,
/// objects as SQLite renders them). One per worker: a connection is not shared between threads.
final class JSONPathReader {
    private var connection: OpaquePointer?
    private var statement: OpaquePointer?

    init() {
        sqlite3_open_v2(":memory:", &connection, SQLITE_OPEN_READWRITE | SQLITE_OPEN_NOMUTEX, nil)
        sqlite3_prepare_v2(connection, "SELECT json_extract(?1, ?2)", -1, &statement, nil)
    }

    deinit {
        sqlite3_finalize(statement)
        sqlite3_close(connection)
    }

    /// The member at `path` of the JSON text `json`; NULL when it is missing, null, or the text is not JSON.
    func value(_ json: UnsafeBufferPointer<UInt8>, path: String) -> ScanValue {
        guard let statement else { return .null }
        defer {
            sqlite3_reset(statement)
            sqlite3_clear_bindings(statement)
        }
        let base = UnsafeRawPointer(json.baseAddress ?? UnsafePointer(bitPattern: 1)!).assumingMemoryBound(
            to: CChar.self)
        sqlite3_bind_text(statement, 1, base, Int32(json.count), nil)
        sqlite3_bind_text(statement, 2, path, -1, SQLITE_TRANSIENT_VALUE)
        let status = sqlite3_step(statement)
        guard status == SQLITE_ROW else { return .null }
        switch sqlite3_column_type(statement, 0) {
        case SQLITE_INTEGER: return .integer(sqlite3_column_int64(statement, 0))
        case SQLITE_FLOAT: return .real(sqlite3_column_double(statement, 0))
        case SQLITE_TEXT, SQLITE_BLOB:
            let count = Int(sqlite3_column_bytes(statement, 0))
            guard count > 0, let bytes = sqlite3_column_blob(statement, 0) else { return .text([]) }
            return .text(Array(UnsafeRawBufferPointer(start: bytes, count: count)))
        default: return .null
        }
    }
}

/// SQLite's `SQLITE_TRANSIENT` (copy the bound text), which Swift cannot import as a macro.
private let SQLITE_TRANSIENT_VALUE = unsafeBitCast(-1, to: sqlite3_destructor_type.self)
