import EventStore
import Foundation
import TrailObjects

// The ingest, investigation and scan code paths of `trailgate logs`, without the CLI (so a release build needs only
// EventStore, GRDB and zlib). Prints one `key=value` line per measure for bench/logs-ingest.sh and bench/logs-scan.sh:
//   eventstore-benchmark ingest DB PATH...
//   eventstore-benchmark investigate DB [NAME [--principal P]]   every investigation, or one
//   eventstore-benchmark scan NAME PATH... [--principal P]       `logs investigate NAME --source PATH...`
//   eventstore-benchmark inflate PATH...                          the floor: inflate every file on every core

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
    FileHandle.standardError.write(
        Data(
            "usage: eventstore-benchmark ingest DB PATH... | investigate DB [NAME [--principal P]] | scan NAME PATH... [--principal P] | inflate PATH...\n"
                .utf8))
    exit(2)
}

/// The arguments after the mode and its first one, without `--principal P`; and P.
func splitPrincipal(_ rest: ArraySlice<String>) -> (paths: [String], principal: String?) {
    var paths: [String] = []
    var principal: String?
    var iterator = rest.makeIterator()
    while let argument = iterator.next() {
        if argument == "--principal" { principal = iterator.next() } else { paths.append(argument) }
    }
    return (paths, principal)
}

func plan(_ name: String, principal: String?) throws -> InvestigationPlan {
    guard let investigation = InvestigationCatalogue.named(name) else {
        throw CocoaError(.featureUnsupported, userInfo: [NSLocalizedDescriptionKey: "no investigation \(name)"])
    }
    return InvestigationPlan(investigation: investigation, parameters: InvestigationParameters(principal: principal))
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
        let (names, principal) = splitPrincipal(arguments.dropFirst(2))
        for investigation in InvestigationCatalogue.all where names.isEmpty || names.contains(investigation.name) {
            let plan = InvestigationPlan(
                investigation: investigation, parameters: InvestigationParameters(principal: principal))
            let started = Date()
            let result = try store.run(plan.sqlite())
            print(
                String(
                    format: "investigation=%@ rows=%d ms=%.1f", investigation.name, result.rows.count,
                    Date().timeIntervalSince(started) * 1000))
        }
    case "scan":
        let (paths, principal) = splitPrincipal(arguments.dropFirst(2))
        let sources = try LocalLogTree.sources(paths, filter: IngestFilter())
        let report = try await InvestigationScanner().scan(plan(path, principal: principal), sources: sources)
        print(
            String(
                format:
                    "scan_seconds=%.3f files=%d files_parsed=%d gz_bytes=%d json_bytes=%d records_mapped=%d rows=%d peak_rss_mb=%.0f",
                report.elapsedSeconds, report.filesTotal, report.filesParsed, report.storedBytes, report.jsonBytes,
                report.recordsMapped, report.rows.count, peakRSSMegabytes()))
    case "inflate":
        guard let inflater = GzipInflaters.named("libdeflate") else {
            FileHandle.standardError.write(Data("libdeflate is not installed\n".utf8))
            exit(1)
        }
        let sources = try LocalLogTree.sources(Array(arguments.dropFirst()), filter: IngestFilter())
        let started = Date()
        let workers = ProcessInfo.processInfo.activeProcessorCount
        let (stored, inflated) = try await withThrowingTaskGroup(of: (Int, Int).self) { group in
            for worker in 0..<workers {
                group.addTask {
                    var stored = 0
                    var inflated = 0
                    for source in sources.enumerated() where source.offset % workers == worker {
                        guard case .file(let file) = source.element.location else { continue }
                        let data = try Data(contentsOf: URL(fileURLWithPath: file), options: .mappedIfSafe)
                        stored += data.count
                        _ = try inflater.inflateFirstMember(data) { inflated += $0.count }
                    }
                    return (stored, inflated)
                }
            }
            var total = (0, 0)
            for try await (stored, inflated) in group { total = (total.0 + stored, total.1 + inflated) }
            return total
        }
        print(
            String(
                format: "inflate_seconds=%.3f gz_bytes=%d json_bytes=%d", Date().timeIntervalSince(started), stored,
                inflated))
    default:
        FileHandle.standardError.write(Data("unknown mode \(mode)\n".utf8))
        exit(2)
    }
} catch {
    FileHandle.standardError.write(Data("eventstore-benchmark: \(error)\n".utf8))
    exit(1)
}
