import Foundation
import TrailObjects

/// Ingests CloudTrail files into an ``EventDatabase`` in two stages: the calling task reads, inflates and maps records
/// to rows, and a thread of its own inserts them. The task never blocks its thread (one of Swift concurrency's few)
/// on that writer: it awaits room for a batch and the writer's end. Memory stays bounded (a few batches in flight, one
/// file inflated at a time); each batch commits with the list of files it completes, so an interrupted ingest resumes
/// after the last committed file.
public struct EventIngester: Sendable {
    public var database: EventDatabase
    public var reader: any LogObjectReader
    public var inflater: any GzipInflater
    public var filter: IngestFilter
    /// A batch is handed to the writer once its rows hold this many bytes of text.
    public var batchBytes = 32 << 20
    /// Sources read ahead of the mapper (useful for S3; local reads are immediate).
    public var readAhead = 8
    /// The most a gzip file may inflate to; a larger one is reported and skipped. CloudTrail delivers files of a few
    /// tens of MB inflated at most, and a file is parsed whole in memory, so 256 MiB keeps a gzip bomb (or a huge
    /// export) from taking the process's memory. An uncompressed file has no limit: it is mapped, not copied.
    public var inflatedSizeLimit = 256 << 20

    public init(
        database: EventDatabase, reader: any LogObjectReader = StandardLogReader(),
        inflater: any GzipInflater = GzipInflaters.named() ?? GzipInflaters.zlib, filter: IngestFilter = IngestFilter()
    ) {
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
    public func ingest(_ sources: [IngestSource], progress: (@Sendable (IngestProgress) -> Void)? = nil) async throws
        -> IngestReport
    {
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
        let writer = WriterThread(
            database: database, queue: queue, spare: spare, total: pending.count, started: started,
            progress: progress)
        writer.start()
        var work = Work()
        var mapper = RecordMapper()
        var inflated: [UInt8] = []
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
                            try add(source, data, to: &work, mapper: &mapper, inflated: &inflated)
                        } catch let error as LogFileError {
                            work.failures.append(error)
                        }
                    }
                    if work.batch.byteCount >= batchBytes || work.files.count + work.failures.count >= 512 {
                        await queue.put(work)
                        work = spare.poll() ?? Work()
                    }
                    if writer.failure != nil { break }
                }
            }
        } catch {
            queue.close()
            await writer.join()
            throw error
        }
        await queue.put(work)
        queue.close()
        await writer.join()
        if let failure = writer.failure { throw failure }
        report.merge(writer.report)
        report.elapsedSeconds = Date().timeIntervalSince(started)
        return report
    }

    /// Inflates (when gzip) and maps one source's records into the batch.
    private func add(
        _ source: IngestSource, _ data: Data, to work: inout Work, mapper: inout RecordMapper, inflated: inout [UInt8]
    ) throws {
        let context = try ObjectContext(source: source, filter: filter)
        let firstRow = work.batch.rowCount
        let (parsed, jsonBytes) = try LogFileBytes.withJSON(
            source, data, inflater: inflater, limit: inflatedSizeLimit, buffer: &inflated
        ) { bytes throws(LogFileError) in
            (try LogFileParser.parse(bytes, context: context, mapper: &mapper, into: &work.batch), bytes.count)
        }
        work.files.append(
            FileRows(
                source: source, rows: firstRow..<work.batch.rowCount, records: parsed.records,
                filteredOut: parsed.filteredOut, rejected: parsed.rejected, jsonBytes: jsonBytes))
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
