import Foundation
import OrderedJSON

extension IngestReport {
    /// The report as the `trailgate.logs-ingest/v1` JSON document (docs/logs.md).
    public var document: JSONValue {
        [
            "schema": "trailgate.logs-ingest/v1",
            "files": [
                "ingested": .int(filesIngested), "alreadyIngested": .int(filesAlreadyIngested),
                "failed": .int(fileErrors.count),
            ],
            "records": [
                "read": .int(recordsRead), "inserted": .int(recordsInserted),
                "duplicate": .int(recordsDuplicate), "filteredOut": .int(recordsFilteredOut),
                "rejected": .int(recordsRejected),
            ],
            "jsonBytes": .int(jsonBytes),
            "seconds": .double((elapsedSeconds * 1000).rounded() / 1000),
            "fileErrors": .array(fileErrors.map { ["source": .string($0.source), "reason": .string($0.reason)] }),
            "recordErrors": .array(
                recordErrors.map {
                    ["source": .string($0.source), "record": .int($0.record), "reason": .string($0.reason)]
                }),
        ]
    }

    /// The report in three lines: files, records, and throughput.
    public var summary: String {
        let megabytes = Double(jsonBytes) / 1_000_000
        return [
            "files: \(filesIngested) ingested, \(filesAlreadyIngested) already ingested, \(fileErrors.count) failed",
            "records: \(recordsInserted) inserted, \(recordsDuplicate) duplicate, \(recordsFilteredOut) outside the "
                + "filter, \(recordsRejected) rejected (of \(recordsRead) read)",
            String(
                format: "%.1f MB of JSON in %.2f s (%.1f MB/s)", megabytes, elapsedSeconds,
                elapsedSeconds > 0 ? megabytes / elapsedSeconds : 0),
        ].joined(separator: "\n")
    }
}
