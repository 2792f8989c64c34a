import Foundation
import GRDB
import TrailObjects

/// Ingests CloudTrail files into an ``EventDatabase`` on two threads: one reads, inflates and maps records to rows,
/// the other inserts them. Memory stays bounded (a few batches in flight, one file inflated at a time); each batch
/// commits with the list of files it completes, so an interrupted ingest resumes after the last committed file.
public struct EventIngester: Sendable {
    public var database: EventDatabase
    public var reader: any LogObjectReader
    public var inflater: any GzipInflater
    public var filter: IngestFilter
    /// A batch is handed to the writer once its rows hold this many bytes of text.
    public var batchBytes = 32 << 20
    /// Sources read ahead of the mapper (useful for S3; local reads are immediate).
    public var readAhead = 8

    public init(database: EventDatabase, reader: any LogObjectReader = StandardLogReader(),
                inflater: any GzipInflater = GzipInflaters.named() ?? GzipInflaters.zlib, filter: IngestFilter = IngestFilter()) {
        self.database = database
        self.reader = reader
        self.inflater = inflater
        self.filter = filter
    }

    /// A file's rows inside a batch, and what parsing it found.
    struct FileRows: Sendable {
        var source: IngestSource
        var rows: Range<Int>
        var records: Int
        var filteredOut: Int
        var rejected: [RecordError]
        var jsonBytes: Int
    }

    struct Work: Sendable {
        var batch = RowBatch()
        var files: [FileRows] = []
        var failures: [LogFileError] = []

        /// Empty, keeping its buffers' capacity.
        mutating func clear() {
            batch.removeAll()
            files.removeAll(keepingCapacity: true)
            failures.removeAll(keepingCapacity: true)
        }
    }

    /// Ingests `sources` in order; `progress` is called from the writer thread after each commit.
    public func ingest(_ sources: [IngestSource], progress: (@Sendable (IngestProgress) -> Void)? = nil) async throws -> IngestReport {
        let started = Date()
        let done = try database.ingestedObjects()
        var report = IngestReport()
        let pending = sources.filter { source in
            if let size = done[source.name], size == source.size {
                report.filesAlreadyIngested += 1
                return false
            }
            return true
        }
        let queue = BoundedQueue<Work>(capacity: 3)
        // Written batches come back empty to be filled again: their buffers are allocated (and paged in) once.
        let spare = BoundedQueue<Work>(capacity: 2)
        let writer = WriterThread(database: database, queue: queue, spare: spare, total: pending.count, started: started,
                                  progress: progress)
        writer.start()
        var work = Work()
        var mapper = RecordMapper()
        do {
            try await withThrowingTaskGroup(of: (Int, Result<Data, LogFileError>).self) { group in
                var next = 0
                var ready: [Int: Result<Data, LogFileError>] = [:]
                func launch() {
                    guard next < pending.count else { return }
                    let index = next
                    let source = pending[index]
                    let reader = self.reader
                    group.addTask {
                        do {
                            return (index, .success(try await reader.read(source)))
                        } catch let error as LogFileError {
                            return (index, .failure(error))
                        } catch {
                            return (index, .failure(LogFileError(source: source.name, reason: "cannot read: \(error)")))
                        }
                    }
                    next += 1
                }
                for _ in 0..<max(1, readAhead) { launch() }
                var current = 0
                while current < pending.count {
                    while ready[current] == nil, let (index, result) = try await group.next() { ready[index] = result }
                    guard let result = ready.removeValue(forKey: current) else { break }
                    launch()
                    let source = pending[current]
                    current += 1
                    switch result {
                    case .failure(let error): work.failures.append(error)
                    case .success(let data):
                        do {
                            try add(source, data, to: &work, mapper: &mapper)
                        } catch let error as LogFileError {
                            work.failures.append(error)
                        }
                    }
                    if work.batch.byteCount >= batchBytes || work.files.count + work.failures.count >= 512 {
                        queue.put(work)
                        work = spare.poll() ?? Work()
                    }
                    if writer.failure != nil { break }
                }
            }
        } catch {
            queue.close()
            writer.join()
            throw error
        }
        queue.put(work)
        queue.close()
        writer.join()
        if let failure = writer.failure { throw failure }
        report.merge(writer.report)
        report.elapsedSeconds = Date().timeIntervalSince(started)
        return report
    }

    /// Inflates (when gzip) and maps one source's records into the batch.
    private func add(_ source: IngestSource, _ data: Data, to work: inout Work, mapper: inout RecordMapper) throws {
        let layout = source.layout
        if layout?.kind == .digest { throw LogFileError(source: source.name, reason: "a CloudTrail digest file, not log records") }
        let context = ObjectContext(sourceKey: source.name, account: layout?.account, region: layout?.region, date: layout?.date,
                                    filter: filter)
        let firstRow = work.batch.rowCount
        var json = data
        if data.count >= 2, data[data.startIndex] == 0x1F, data[data.startIndex + 1] == 0x8B {
            var inflated = Data()
            let result: GzipMemberResult
            do {
                result = try inflater.inflateFirstMember(data) { inflated.append(contentsOf: $0) }
            } catch let error as GzipError {
                throw LogFileError(source: source.name, reason: error.description)
            }
            guard result.isComplete else { throw LogFileError(source: source.name, reason: "truncated gzip stream") }
            guard result.trailingBytes == 0 else {
                throw LogFileError(source: source.name, reason: "\(result.trailingBytes) bytes after the first gzip member")
            }
            json = inflated
        }
        let parsed = try json.withUnsafeBytes { raw throws(LogFileError) -> ParsedFile in
            let bytes = raw.bindMemory(to: UInt8.self)
            return try LogFileParser.parse(bytes, context: context, mapper: &mapper, into: &work.batch)
        }
        work.files.append(FileRows(source: source, rows: firstRow..<work.batch.rowCount, records: parsed.records,
                                   filteredOut: parsed.filteredOut, rejected: parsed.rejected, jsonBytes: json.count))
    }
}

extension IngestReport {
    mutating func merge(_ other: IngestReport) {
        filesIngested += other.filesIngested
        filesAlreadyIngested += other.filesAlreadyIngested
        fileErrors += other.fileErrors
        recordsRead += other.recordsRead
        recordsInserted += other.recordsInserted
        recordsDuplicate += other.recordsDuplicate
        recordsFilteredOut += other.recordsFilteredOut
        recordsRejected += other.recordsRejected
        recordErrors += other.recordErrors.prefix(Self.maximumRecordErrors - recordErrors.count)
        jsonBytes += other.jsonBytes
    }
}

/// The thread that inserts batches, each in one transaction with its files' manifest rows.
final class WriterThread: @unchecked Sendable {
    private let database: EventDatabase
    private let queue: BoundedQueue<EventIngester.Work>
    private let spare: BoundedQueue<EventIngester.Work>
    private let total: Int
    private let started: Date
    private let progress: (@Sendable (IngestProgress) -> Void)?
    private let finished = DispatchSemaphore(value: 0)
    private let lock = NSLock()
    private var _report = IngestReport()
    private var _failure: (any Error)?

    init(database: EventDatabase, queue: BoundedQueue<EventIngester.Work>, spare: BoundedQueue<EventIngester.Work>, total: Int,
         started: Date, progress: (@Sendable (IngestProgress) -> Void)?) {
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
            finished.signal()
        }
        thread.stackSize = 1 << 20
        thread.start()
    }

    func join() { finished.wait() }

    private func run() {
        do {
            try database.queue.writeWithoutTransaction { db in
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
                // Into an empty table, rows go in without the indexes, the unique eventid one included, which are then
                // built once, sorted: several times faster than updating them row by row (UniqueEvents then removes
                // repeated events). An interrupted ingest leaves them to the next open of the database for writing,
                // which builds any that are missing; until then readers refuse the store.
                let deferIndexes = try Int.fetchOne(db, sql: "SELECT count(*) FROM (SELECT 1 FROM events LIMIT 1)") == 0
                if deferIndexes {
                    for index in EventSchema.indexes { try db.execute(sql: "DROP INDEX IF EXISTS \(index.name)") }
                    if try UniqueEvents.isDroppable(db) { try db.execute(sql: "DROP INDEX \(EventSchema.eventIDIndex.name)") }
                }
                let writer = try RowWriter(db)
                let manifest = try db.makeStatement(sql: """
                    INSERT OR REPLACE INTO ingested_objects (sourcekey, size, records, inserted, rejected, ingestedat)
                    VALUES (?, ?, ?, ?, ?, ?)
                    """)
                // Summary tables of investigations take each transaction's new rows, counted as they are inserted; an
                // empty one next to events (a store from before it existed) is first built from the events.
                if !deferIndexes {
                    for investigation in InvestigationCatalogue.all {
                        guard let rollup = investigation.rollup,
                              try Int.fetchOne(db, sql: "SELECT count(*) FROM (SELECT 1 FROM \(rollup.table) LIMIT 1)") == 0 else { continue }
                        try db.inTransaction {
                            try db.execute(sql: rollup.fillSQL(investigation))
                            return .commit
                        }
                    }
                }
                var summaries = try InvestigationCatalogue.all.compactMap { try SummaryAccumulator($0, db: db) }
                var filesDone = 0
                while var work = queue.take() {
                    var report = IngestReport()
                    report.fileErrors = work.failures
                    try db.inTransaction {
                        let now = ISO8601DateFormatter().string(from: Date())
                        for file in work.files {
                            let inserted = try writer.insert(work.batch, rows: file.rows, summaries: &summaries)
                            report.filesIngested += 1
                            report.recordsRead += file.records
                            report.recordsInserted += inserted
                            report.recordsDuplicate += file.rows.count - inserted
                            report.recordsFilteredOut += file.filteredOut
                            report.recordsRejected += file.rejected.count
                            report.recordErrors += file.rejected.prefix(IngestReport.maximumRecordErrors - report.recordErrors.count)
                            report.jsonBytes += file.jsonBytes
                            try manifest.execute(arguments: [file.source.name, file.source.size, file.records, inserted,
                                                             file.rejected.count, now])
                        }
                        for index in summaries.indices { try summaries[index].flush(db) }
                        return .commit
                    }
                    filesDone += work.files.count + work.failures.count
                    work.clear()
                    spare.offer(work)
                    let snapshot: IngestReport = lock.withLock {
                        _report.merge(report)
                        return _report
                    }
                    progress?(IngestProgress(filesDone: filesDone, filesTotal: total, recordsInserted: snapshot.recordsInserted,
                                             jsonBytes: snapshot.jsonBytes, elapsedSeconds: Date().timeIntervalSince(started)))
                }
                if deferIndexes {
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
                // Statistics for the query planner, sampled so it takes a moment whatever the size.
                try db.execute(sql: "PRAGMA analysis_limit = 2000")
                try db.execute(sql: "ANALYZE")
            }
        } catch {
            lock.withLock { _failure = error }
            queue.drain()
        }
    }
}

/// A blocking first-in first-out queue of at most `capacity` items, for handing work between two threads.
final class BoundedQueue<Item: Sendable>: @unchecked Sendable {
    private let condition = NSCondition()
    private var items: [Item] = []
    private var closed = false
    private var draining = false
    private let capacity: Int

    init(capacity: Int) { self.capacity = capacity }

    /// Waits for room, then appends; dropped when the consumer has stopped.
    func put(_ item: Item) {
        condition.lock()
        defer { condition.unlock() }
        while items.count >= capacity, !draining { condition.wait() }
        if draining { return }
        items.append(item)
        condition.broadcast()
    }

    /// Appends when there is room, else drops the item; never waits.
    func offer(_ item: Item) {
        condition.lock()
        defer { condition.unlock() }
        guard items.count < capacity, !draining else { return }
        items.append(item)
        condition.broadcast()
    }

    /// The next item when one is waiting; never waits.
    func poll() -> Item? {
        condition.lock()
        defer { condition.unlock() }
        guard !items.isEmpty else { return nil }
        let item = items.removeFirst()
        condition.broadcast()
        return item
    }

    /// The next item, or nil once closed and empty.
    func take() -> Item? {
        condition.lock()
        defer { condition.unlock() }
        while items.isEmpty, !closed { condition.wait() }
        if items.isEmpty { return nil }
        let item = items.removeFirst()
        condition.broadcast()
        return item
    }

    func close() {
        condition.lock()
        closed = true
        condition.broadcast()
        condition.unlock()
    }

    /// The consumer stopped: drop everything and never block a producer again.
    func drain() {
        condition.lock()
        draining = true
        items.removeAll()
        condition.broadcast()
        condition.unlock()
    }
}
