import Foundation
import TrailObjects

/// Runs an investigation straight over log files, with no store: each file is read (S3 objects fetched ahead of the
/// scan), inflated, tested with the investigation's byte prefilter, and only the records that may match are mapped
/// (by the same mapper as `logs ingest`) and evaluated; workers on every core aggregate in the stream and their
/// results are merged. The rows are those `logs investigate --db` returns over the same files ingested.
public struct InvestigationScanner: Sendable {
    public var reader: any LogObjectReader
    public var inflater: any GzipInflater
    /// Files read ahead of the workers (useful for S3; local files are mapped, not read).
    public var readAhead = 8
    /// Files scanned at once: the cores.
    public var workers = ProcessInfo.processInfo.activeProcessorCount
    /// The most a gzip file may inflate to, as for ingest.
    public var inflatedSizeLimit = 256 << 20

    public init(
        reader: any LogObjectReader = StandardLogReader(),
        inflater: any GzipInflater = GzipInflaters.named() ?? GzipInflaters.zlib
    ) {
        self.reader = reader
        self.inflater = inflater
    }

    /// Scans `sources` for `plan`'s rows; `progress` is called as files complete, at most ten times a second and
    /// always for the last file. Throws ``ScanPlanError`` for an investigation the scan cannot evaluate; unreadable
    /// files and records are reported in the result.
    public func scan(
        _ plan: InvestigationPlan, sources: [IngestSource], progress: (@Sendable (ScanProgress) -> Void)? = nil
    ) async throws -> ScanReport {
        let started = Date()
        let query = try ScanQuery(plan)
        let filter = plan.filter
        let ids = EventIDSet()
        let pool = WorkerPool(columns: query.columns)
        var report = ScanReport()
        report.columns = plan.columnNames
        report.filesTotal = sources.count
        var matches = ScanMatches()
        // Twice the workers for local files, so a worker finishing a file finds the next one already waiting; S3
        // objects are fetched `readAhead` at a time ahead of them.
        let inFlight = max(1, 2 * workers, Self.allLocal(sources) ? 0 : readAhead)
        try await withThrowingTaskGroup(of: FileOutcome.self) { group in
            var next = 0
            func launch() {
                guard next < sources.count else { return }
                let source = sources[next]
                next += 1
                group.addTask {
                    await scanOne(source, query: query, filter: filter, ids: ids, pool: pool)
                }
            }
            for _ in 0..<inFlight { launch() }
            var done = 0
            var lastProgress = Date.distantPast
            while let outcome = try await group.next() {
                launch()
                done += 1
                report.storedBytes += outcome.storedBytes
                report.jsonBytes += outcome.jsonBytes
                switch outcome.result {
                case .failure(let error): report.fileErrors.append(error)
                case .success(let file):
                    if file.parsed { report.filesParsed += 1 }
                    report.recordsRead += file.records
                    report.recordsMapped += file.mapped
                    report.duplicates += file.duplicates
                    report.recordsRejected += file.rejected.count
                    report.recordErrors += file.rejected.prefix(
                        IngestReport.maximumRecordErrors - report.recordErrors.count)
                    query.merge(file.matches, into: &matches)
                }
                let now = Date()
                guard let progress, done == sources.count || now.timeIntervalSince(lastProgress) >= 0.1 else {
                    continue
                }
                lastProgress = now
                progress(
                    ScanProgress(
                        filesDone: done, filesTotal: sources.count, storedBytes: report.storedBytes,
                        jsonBytes: report.jsonBytes, matches: matches.count,
                        elapsedSeconds: now.timeIntervalSince(started)))
            }
        }
        report.fileErrors.sort { $0.source < $1.source }
        report.recordErrors.sort { ($0.source, $0.record) < ($1.source, $1.record) }
        report.matches = matches.count
        report.rows = query.rows(matches)
        report.elapsedSeconds = Date().timeIntervalSince(started)
        return report
    }

    private struct FileOutcome: Sendable {
        var storedBytes = 0
        var jsonBytes = 0
        var result: Result<FileScan, LogFileError> = .success(FileScan())
    }

    private func scanOne(
        _ source: IngestSource, query: ScanQuery, filter: IngestFilter, ids: EventIDSet, pool: WorkerPool
    )
        async -> FileOutcome
    {
        let data: Data
        do {
            data = try await reader.read(source)
        } catch let error as LogFileError {
            return FileOutcome(result: .failure(error))
        } catch {
            return FileOutcome(result: .failure(LogFileError(source: source.name, reason: "cannot read: \(error)")))
        }
        var outcome = FileOutcome(storedBytes: data.count)
        let worker = pool.take()
        defer { pool.give(worker) }
        outcome.result = Result { () throws(LogFileError) in
            let context = try ObjectContext(source: source, filter: filter)
            return try LogFileBytes.withJSON(
                source, data, inflater: inflater, limit: inflatedSizeLimit, buffer: &worker.inflated
            ) { bytes throws(LogFileError) -> FileScan in
                outcome.jsonBytes = bytes.count
                return try worker.scan(bytes, context: context, query: query, ids: ids)
            }
        }
        return outcome
    }

    private static func allLocal(_ sources: [IngestSource]) -> Bool {
        sources.allSatisfy { if case .file = $0.location { true } else { false } }
    }
}

/// Idle workers, handed to one file at a time.
private final class WorkerPool: @unchecked Sendable {
    private let lock = NSLock()
    private var idle: [ScanWorker] = []
    private let columns: Set<Int>

    init(columns: Set<Int>) { self.columns = columns }

    func take() -> ScanWorker { lock.withLock { idle.popLast() } ?? ScanWorker(columns: columns) }
    func give(_ worker: ScanWorker) { lock.withLock { idle.append(worker) } }
}
