/// Progress of a running ingest, reported after each committed batch.
public struct IngestProgress: Sendable, Equatable {
    public var filesDone: Int
    public var filesTotal: Int
    public var recordsInserted: Int
    /// Bytes of JSON read (after inflating).
    public var jsonBytes: Int
    public var elapsedSeconds: Double

    public var megabytesPerSecond: Double { elapsedSeconds > 0 ? Double(jsonBytes) / 1_000_000 / elapsedSeconds : 0 }
}

/// What an ingest did: nothing is lost silently, so every record is counted as inserted, a duplicate, filtered
/// out or rejected, and every file as ingested, already ingested or failed.
public struct IngestReport: Sendable, Equatable {
    public var filesIngested = 0
    /// Files skipped because an earlier ingest (same key, same size) already committed them.
    public var filesAlreadyIngested = 0
    public var fileErrors: [LogFileError] = []
    public var recordsRead = 0
    public var recordsInserted = 0
    /// Records whose `eventid` was already in the database.
    public var recordsDuplicate = 0
    /// Records outside `--since`/`--until` or the accounts and Regions asked for.
    public var recordsFilteredOut = 0
    /// Records that could not be stored (no eventID, no eventTime, not an object); the first
    /// ``maximumRecordErrors`` are kept.
    public var recordsRejected = 0
    public var recordErrors: [RecordError] = []
    public var jsonBytes = 0
    public var elapsedSeconds = 0.0

    public static let maximumRecordErrors = 1000

    public init() {}
}
