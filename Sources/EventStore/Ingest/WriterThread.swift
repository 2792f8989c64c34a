import Foundation
import GRDB

/// The thread that inserts batches, each in one transaction with its files' manifest rows. Its blocking waits (for
/// batches, for SQLite) stay on it: async code hands it batches through ``BoundedQueue/put(_:)`` and awaits its end
/// with ``join()``, so no thread of Swift concurrency's pool is held.
final class WriterThread: @unchecked Sendable {
    private let database: EventDatabase
    private let queue: BoundedQueue<EventIngester.Work>
    private let spare: BoundedQueue<EventIngester.Work>
    private let total: Int
    private let started: Date
    private let progress: (@Sendable (IngestProgress) -> Void)?
    private let lock = NSLock()
    private var _report = IngestReport()
    private var _failure: (any Error)?
    private var finished = false
    /// The task suspended in ``join()`` before the thread finished, resumed by the thread as its last act.
    private var joiner: CheckedContinuation<Void, Never>?

    init(
        database: EventDatabase, queue: BoundedQueue<EventIngester.Work>, spare: BoundedQueue<EventIngester.Work>,
        total: Int, started: Date, progress: (@Sendable (IngestProgress) -> Void)?
    ) {
        self.database = database
        self.queue = queue
        self.spare = spare
        self.total = total
        self.started = started
        self.progress = progress
    }

    var report: IngestReport { lock.withLock { _report } }
    var failure: (any Error)? { lock.withLock { _failure } }

    func start() {
        let thread = Thread { [self] in
            run()
            let waiting = lock.withLock {
                finished = true
                defer { joiner = nil }
                return joiner
            }
            waiting?.resume()
        }
        thread.stackSize = 1 << 20
        thread.start()
    }

    /// Suspends until the thread has finished (at once if it has); one caller at a time.
    func join() async {
        await withCheckedContinuation { continuation in
            let done = lock.withLock {
                precondition(joiner == nil, "WriterThread.join() awaited twice at once")
                if !finished { joiner = continuation }
                return finished
            }
            if done { continuation.resume() }
        }
    }

    /// Sets the connection up, writes each batch the queue hands over in a transaction of its own, then finishes a
    /// first load's indexes; a failure is kept for the ingest to throw, and drains the queue so its producer stops.
    private func run() {
        do {
            try database.queue.writeWithoutTransaction { db in
                try configureForIngest(db)
                let firstLoad = try dropIndexesIfFirstLoad(db)
                if !firstLoad { try fillEmptySummaryTables(db) }
                var batchWriter = try BatchWriter(db)
                var filesDone = 0
                while let work = queue.take() {
                    let report = try batchWriter.commit(work, db: db)
                    filesDone += work.files.count + work.failures.count
                    recycle(consume work)
                    reportProgress(adding: report, filesDone: filesDone)
                }
                if firstLoad { try removeRepeatedEventsAndBuildIndexes(db) }
                try updatePlannerStatistics(db)
            }
        } catch {
            lock.withLock { _failure = error }
            queue.drain()
        }
    }

    /// Sets the connection up for bulk inserts.
    private func configureForIngest(_ db: Database) throws {
        // Inserting into the secondary indexes and the unique eventid index touches pages all over the file: a large
        // page cache keeps them in memory (it is a bound, so memory stays flat as the data grows).
        try db.execute(sql: "PRAGMA cache_size = -262144")
        // No fsync per batch: the database is a copy of the logs, and a stopped or killed ingest still leaves
        // it consistent (the operating system keeps the writes); only a power loss or an operating-system
        // crash during an ingest can damage it, and then the store is rebuilt from the logs (docs/logs.md).
        try db.execute(sql: "PRAGMA synchronous = OFF")
        try db.execute(sql: "PRAGMA temp_store = MEMORY")
        // Index builds whose sort outgrows the cache sort its parts on a helper thread.
        try db.execute(sql: "PRAGMA threads = 2")
    }

    /// Into an empty table, rows go in without the indexes, the unique eventid one included, which are then built
    /// once, sorted: several times faster than updating them row by row (UniqueEvents then removes repeated events).
    /// An interrupted ingest leaves them to the next open of the database for writing, which builds any that are
    /// missing; until then readers refuse the store. Returns whether `events` was empty, so its indexes were dropped.
    private func dropIndexesIfFirstLoad(_ db: Database) throws -> Bool {
        let isEmpty = try Int.fetchOne(db, sql: "SELECT count(*) FROM (SELECT 1 FROM events LIMIT 1)") == 0
        guard isEmpty else { return false }
        for index in EventSchema.indexes { try db.execute(sql: "DROP INDEX IF EXISTS \(index.name)") }
        if try UniqueEvents.isDroppable(db) { try db.execute(sql: "DROP INDEX \(EventSchema.eventIDIndex.name)") }
        return true
    }

    /// Summary tables of investigations take each transaction's new rows, counted as they are inserted; an empty one
    /// next to events (a store from before it existed) is first built from the events.
    private func fillEmptySummaryTables(_ db: Database) throws {
        for investigation in InvestigationCatalogue.all {
            guard let rollup = investigation.rollup,
                try Int.fetchOne(db, sql: "SELECT count(*) FROM (SELECT 1 FROM \(rollup.table) LIMIT 1)") == 0
            else { continue }
            try db.inTransaction {
                try db.execute(sql: rollup.fillSQL(investigation))
                return .commit
            }
        }
    }

    /// Empties a written batch and hands it back to be filled again, its buffers kept: taken whole, so that no
    /// reference left here makes the mapper's next append copy them.
    private func recycle(_ work: consuming EventIngester.Work) {
        work.clear()
        spare.offer(work)
    }

    /// Adds a committed batch to the report and tells `progress` where the ingest stands.
    private func reportProgress(adding report: IngestReport, filesDone: Int) {
        let snapshot: IngestReport = lock.withLock {
            _report.merge(report)
            return _report
        }
        progress?(
            IngestProgress(
                filesDone: filesDone, filesTotal: total, recordsInserted: snapshot.recordsInserted,
                jsonBytes: snapshot.jsonBytes, elapsedSeconds: Date().timeIntervalSince(started)))
    }

    /// After a first load: removes repeated events (correcting the report's counts), then builds the indexes.
    private func removeRepeatedEventsAndBuildIndexes(_ db: Database) throws {
        var removed = 0
        try db.inTransaction {
            removed = try UniqueEvents.enforce(db)
            return .commit
        }
        lock.withLock {
            _report.recordsInserted -= removed
            _report.recordsDuplicate += removed
        }
        for index in EventSchema.indexes { try db.execute(sql: index.createStatement) }
    }

    /// Statistics for the query planner, sampled so it takes a moment whatever the size.
    private func updatePlannerStatistics(_ db: Database) throws {
        try db.execute(sql: "PRAGMA analysis_limit = 2000")
        try db.execute(sql: "ANALYZE")
    }
}

/// Writes batches on the writer's connection: each in one transaction with its files' manifest rows and the
/// summary tables' new counts.
private struct BatchWriter {
    let rows: RowWriter
    let manifest: Statement
    var summaries: [SummaryAccumulator]

    init(_ db: Database) throws {
        rows = try RowWriter(db)
        manifest = try db.makeStatement(
            sql: """
                INSERT OR REPLACE INTO ingested_objects (sourcekey, size, records, inserted, rejected, ingestedat)
                VALUES (?, ?, ?, ?, ?, ?)
                """)
        summaries = try InvestigationCatalogue.all.compactMap { try SummaryAccumulator($0, db: db) }
    }

    /// Writes `work` in one transaction and returns what it added.
    mutating func commit(_ work: EventIngester.Work, db: Database) throws -> IngestReport {
        var inserted: [Int] = []
        try db.inTransaction {
            inserted = try insertRows(of: work)
            try recordFiles(work.files, inserted: inserted)
            try flushSummaries(db)
            return .commit
        }
        return IngestReport(committed: work, inserted: inserted)
    }

    /// Inserts each file's rows, counting the new ones in the summaries; returns how many were new, file by file.
    private mutating func insertRows(of work: EventIngester.Work) throws -> [Int] {
        try work.files.map { file in try rows.insert(work.batch, rows: file.rows, summaries: &summaries) }
    }

    /// Adds the files to the manifest of ingested objects, so a later ingest skips them.
    private func recordFiles(_ files: [EventIngester.FileRows], inserted: [Int]) throws {
        let now = ISO8601DateFormatter().string(from: Date())
        for (file, inserted) in zip(files, inserted) {
            try manifest.execute(arguments: [
                file.source.name, file.source.size, file.records, inserted,
                file.rejected.count, now,
            ])
        }
    }

    /// Writes the summary counts gathered since the last flush.
    private mutating func flushSummaries(_ db: Database) throws {
        for index in summaries.indices { try summaries[index].flush(db) }
    }
}

extension IngestReport {
    /// What a committed batch added: its failed files, and its files' records with `inserted` new rows each.
    fileprivate init(committed work: EventIngester.Work, inserted: [Int]) {
        self.init()
        fileErrors = work.failures
        for (file, inserted) in zip(work.files, inserted) {
            filesIngested += 1
            recordsRead += file.records
            recordsInserted += inserted
            recordsDuplicate += file.rows.count - inserted
            recordsFilteredOut += file.filteredOut
            recordsRejected += file.rejected.count
            recordErrors += file.rejected.prefix(Self.maximumRecordErrors - recordErrors.count)
            jsonBytes += file.jsonBytes
        }
    }
}
