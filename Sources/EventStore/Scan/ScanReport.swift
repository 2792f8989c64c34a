import Foundation

/// What a scan answered and what it read.
public struct ScanReport: Sendable {
    /// The investigation's output columns and its rows, as `logs investigate --db` returns them.
    public var columns: [String] = []
    public var rows: [[ResultValue]] = []
    public var filesTotal = 0
    /// Files whose records were parsed; the others' bytes could not hold a match.
    public var filesParsed = 0
    /// Bytes read (compressed, as stored) and their JSON text (inflated).
    public var storedBytes = 0
    public var jsonBytes = 0
    /// Records in the parsed files.
    public var recordsRead = 0
    /// Records mapped and evaluated (the prefilter let them through).
    public var recordsMapped = 0
    /// Events that matched, each event id counted once.
    public var matches = 0
    /// Matching records whose event id an earlier matching record had.
    public var duplicates = 0
    /// Files that could not be read, inflated or parsed, each with its reason.
    public var fileErrors: [LogFileError] = []
    /// Records that could not be mapped (the first ``IngestReport/maximumRecordErrors``), and how many in all.
    public var recordErrors: [RecordError] = []
    public var recordsRejected = 0
    public var elapsedSeconds = 0.0

    /// Whether some input was skipped: a file or a record could not be read.
    public var skippedInput: Bool { !fileErrors.isEmpty || recordsRejected > 0 }
}

/// How far a scan has got, for a progress line.
public struct ScanProgress: Sendable {
    public var filesDone: Int
    public var filesTotal: Int
    public var storedBytes: Int
    public var jsonBytes: Int
    public var matches: Int
    public var elapsedSeconds: Double

    /// Megabytes of stored (compressed) input per second.
    public var megabytesPerSecond: Double { elapsedSeconds > 0 ? Double(storedBytes) / 1e6 / elapsedSeconds : 0 }
}
