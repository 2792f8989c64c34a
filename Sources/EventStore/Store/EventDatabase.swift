import Foundation
import GRDB

/// Why the event database could not be opened or used; `path` names the database file.
public struct EventDatabaseError: Error, Sendable, CustomStringConvertible {
    public var path: String
    public var reason: String
    public var description: String { "\(path): \(reason)" }
}

/// Another process has the database open for writing (another `trailgate logs ingest`): one writer at a time.
public struct EventDatabaseBusyError: Error, Sendable, CustomStringConvertible {
    public var path: String
    public var description: String {
        "\(path): another `trailgate logs ingest` is writing to this store; wait for it to finish, or use another --db"
    }
}

/// The SQLite database that holds the `events` table (GRDB). Opened read-write for ingest, read-only for queries.
/// One process at a time opens it read-write: it holds an exclusive `flock` on the file until it is closed (SQLite's
/// own locks are `fcntl` locks, which `flock` leaves alone), so a second ingest is refused at once instead of
/// failing on SQLite's lock partway.
public final class EventDatabase: Sendable {
    public let path: String
    let queue: DatabaseQueue
    /// The descriptor holding the writer's lock, or -1 when read-only.
    private let writerLock: Int32

    /// Opens (creating it and its schema when `readOnly` is false) the database at `path`. Throws
    /// ``EventDatabaseBusyError`` when opening for writing while another process writes to it, else
    /// ``EventDatabaseError``.
    public init(path: String, readOnly: Bool = false) throws {
        self.path = path
        var configuration = Configuration()
        configuration.readonly = readOnly
        configuration.label = "events"
        configuration.busyMode = .timeout(10)
        if readOnly, !FileManager.default.fileExists(atPath: path) {
            throw EventDatabaseError(path: path, reason: "no such database (create it with `trailgate logs ingest`)")
        }
        do {
            queue = try DatabaseQueue(path: path, configuration: configuration)
            writerLock = try readOnly ? -1 : Self.lockForWriting(path)
            if readOnly {
                let (hasEvents, isComplete) = try queue.read { db in
                    let hasEvents = try db.tableExists("events")
                    return (hasEvents, try hasEvents && UniqueEvents.isEnforced(db))
                }
                guard hasEvents else {
                    throw EventDatabaseError(path: path, reason: "not an event database: it has no events table")
                }
                guard isComplete else {
                    throw EventDatabaseError(
                        path: path,
                        reason: """
                            incomplete: a first ingest into it is running or stopped before it finished; when it has stopped, \
                            run `trailgate logs ingest` again to complete the store
                            """)
                }
            } else {
                try queue.writeWithoutTransaction { db in
                    // Rows are about 1.5 KB: 16 KB pages keep most of them out of overflow pages (only for a new file).
                    try db.execute(sql: "PRAGMA page_size = 16384")
                    // A rollback journal holds only the pages a batch changes; appended pages are not written twice,
                    // as a write-ahead log would.
                    try db.execute(sql: "PRAGMA journal_mode = DELETE")
                    try db.execute(sql: "PRAGMA synchronous = NORMAL")
                    try db.inTransaction {
                        for statement in EventSchema.createStatements { try db.execute(sql: statement) }
                        _ = try UniqueEvents.enforce(db)
                        return .commit
                    }
                }
            }
        } catch let error as EventDatabaseError {
            throw error
        } catch let error as EventDatabaseBusyError {
            throw error
        } catch let error as DatabaseError {
            throw EventDatabaseError(path: path, reason: error.message ?? error.description)
        }
    }

    deinit {
        if writerLock >= 0 { close(writerLock) }
    }

    /// Takes the exclusive writer's lock on the file at `path`; the descriptor that holds it.
    private static func lockForWriting(_ path: String) throws -> Int32 {
        let descriptor = open(path, O_RDONLY | O_CLOEXEC)
        guard descriptor >= 0 else {
            throw EventDatabaseError(path: path, reason: String(cString: strerror(errno)))
        }
        guard flock(descriptor, LOCK_EX | LOCK_NB) == 0 else {
            let code = errno
            close(descriptor)
            if code == EWOULDBLOCK { throw EventDatabaseBusyError(path: path) }
            throw EventDatabaseError(path: path, reason: String(cString: strerror(code)))
        }
        return descriptor
    }

    /// Objects already ingested: source key → size in bytes.
    func ingestedObjects() throws -> [String: Int64] {
        try queue.read { db in
            var result: [String: Int64] = [:]
            let rows = try Row.fetchCursor(db, sql: "SELECT sourcekey, size FROM ingested_objects")
            while let row = try rows.next() { result[row[0]] = row[1] }
            return result
        }
    }

    /// The number of rows in `events`.
    public func eventCount() throws -> Int {
        try queue.read { try Int.fetchOne($0, sql: "SELECT count(*) FROM events") ?? 0 }
    }
}
