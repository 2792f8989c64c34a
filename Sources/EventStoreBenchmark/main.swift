import EventStore
import Foundation

// The ingest and investigation code paths of `trailgate logs`, without the CLI (so a release build needs only
// EventStore, GRDB and zlib): `eventstore-benchmark ingest DB PATH...` and `eventstore-benchmark investigate DB`.
// Prints one `key=value` line per measure for bench/logs-ingest.sh.

func peakRSSMegabytes() -> Double {
    var usage = rusage()
    getrusage(RUSAGE_SELF.rawValue, &usage)
    return Double(usage.ru_maxrss) / 1024
}

/// When the last batch was committed: the rest of the ingest built the indexes and statistics.
final class LastProgress: @unchecked Sendable {
    private let lock = NSLock()
    private var value = 0.0
    func update(_ seconds: Double) { lock.withLock { value = seconds } }
    var seconds: Double { lock.withLock { value } }
}

let arguments = CommandLine.arguments.dropFirst()
guard arguments.count >= 2 else {
    FileHandle.standardError.write(Data("usage: eventstore-benchmark ingest DB PATH... | investigate DB\n".utf8))
    exit(2)
}
let mode = arguments.first!
let path = arguments.dropFirst().first!
do {
    switch mode {
    case "ingest":
        let database = try EventDatabase(path: path)
        let sources = try LocalLogTree.sources(Array(arguments.dropFirst(2)), filter: IngestFilter())
        let lastBatch = LastProgress()
        let report = try await EventIngester(database: database).ingest(sources) { lastBatch.update($0.elapsedSeconds) }
        let megabytes = Double(report.jsonBytes) / 1_000_000
        print(
            "files=\(report.filesIngested) failed=\(report.fileErrors.count) records=\(report.recordsRead) inserted=\(report.recordsInserted) duplicates=\(report.recordsDuplicate) rejected=\(report.recordsRejected)"
        )
        print(
            String(
                format: "ingest_seconds=%.2f json_mb=%.1f records_per_second=%.0f mb_per_second=%.1f peak_rss_mb=%.0f",
                report.elapsedSeconds, megabytes, Double(report.recordsRead) / report.elapsedSeconds,
                megabytes / report.elapsedSeconds, peakRSSMegabytes()))
        print(
            String(
                format: "rows_in_seconds=%.2f indexes_and_analyze_seconds=%.2f", lastBatch.seconds,
                report.elapsedSeconds - lastBatch.seconds))
    case "investigate":
        let store = try EventQueryEngine(database: EventDatabase(path: path, readOnly: true))
        for investigation in InvestigationCatalogue.all {
            let plan = InvestigationPlan(investigation: investigation, parameters: InvestigationParameters())
            let started = Date()
            let result = try store.run(plan.sqlite())
            print(
                String(
                    format: "investigation=%@ rows=%d ms=%.1f", investigation.name, result.rows.count,
                    Date().timeIntervalSince(started) * 1000))
        }
    default:
        FileHandle.standardError.write(Data("unknown mode \(mode)\n".utf8))
        exit(2)
    }
} catch {
    FileHandle.standardError.write(Data("eventstore-benchmark: \(error)\n".utf8))
    exit(1)
}
