import TrailGateBasics

/// One line the AWS CLI would print for a chain, in its order.
public enum ChainEntry: Sendable, Hashable {
    /// A valid digest or log file (printed with `--verbose`, to standard output).
    case valid(String)
    /// An invalid or missing digest or log file (standard error).
    case invalid(String)
    /// `No log files were delivered by CloudTrail between …` (standard error, not counted).
    case gap(String)
}

/// The result for one chain: the AWS CLI's lines and counters, plus TrailGate's findings.
public struct ChainReport: Sendable {
    public var chain: ChainID
    public var bucket: String
    /// `s3://bucket/[P/]AWSLogs/[O/]A/CloudTrail-Digest/R/`, where chain-wide findings point.
    public var digestFolder: String
    public var entries: [ChainEntry] = []
    public var validDigests = 0
    public var invalidDigests = 0
    public var validBackfillDigests = 0
    public var invalidBackfillDigests = 0
    public var validLogs = 0
    public var invalidLogs = 0
    /// The AWS CLI's "Results found for X to Y": `max(T1, earliest valid start)`, `min(T2, latest valid end)`.
    public var foundStart: Timestamp?
    public var foundEnd: Timestamp?
    /// Every finding: one per invalid object, then the strict ones.
    public var findings: [Finding] = []
    /// Set when the AWS CLI would stop with an error for this chain (no public keys in range, a digest folder it may
    /// not list); nothing was counted.
    public var abortMessage: String?

    public init(chain: ChainID, bucket: String, digestFolder: String) {
        self.chain = chain
        self.bucket = bucket
        self.digestFolder = digestFolder
    }

    /// Standard and backfill digests together.
    public var digestsValid: Int { validDigests + validBackfillDigests }
    public var digestsInvalid: Int { invalidDigests + invalidBackfillDigests }

    /// The AWS CLI's verdict: no invalid digest or log, and no abort.
    public var isCompatValid: Bool { digestsInvalid == 0 && invalidLogs == 0 && abortMessage == nil }

    /// The findings the AWS CLI does not make.
    public var strictFindings: [Finding] { findings.filter { $0.kind.isStrict } }

    /// Valid in strict mode: compatible-valid and no strict finding.
    public var isStrictValid: Bool { isCompatValid && strictFindings.isEmpty }
}

/// The result of one run over every chain in scope.
public struct ValidationReport: Sendable {
    public var trail: TrailARN
    public var start: Timestamp
    public var end: Timestamp
    public var chains: [ChainReport]
    /// The inflater used, for `--verbose`.
    public var inflater: String

    public init(trail: TrailARN, start: Timestamp, end: Timestamp, chains: [ChainReport], inflater: String) {
        self.trail = trail
        self.start = start
        self.end = end
        self.chains = chains
        self.inflater = inflater
    }

    /// True when every chain is valid: compatible mode counts only what the AWS CLI counts.
    public func isValid(compat: Bool) -> Bool {
        !chains.isEmpty && chains.allSatisfy { compat ? $0.isCompatValid : $0.isStrictValid }
    }
}
