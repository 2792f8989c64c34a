import TrailGateBasics

/// What `aws cloudtrail validate-logs` would print for one chain, byte for byte (AWS CloudTrail User Guide,
/// "Validating CloudTrail log file integrity with the AWS CLI"; docs/validate-logs.md, "Compatible results"): standard
/// output and standard error, and both merged in the order they are written.
public struct AWSCLITranscript: Sendable {
    /// The lines with the stream each goes to, in write order.
    public private(set) var text = StreamedText()
    /// What the AWS CLI writes to standard output: the valid lines and the summary.
    public var stdout: String { text.standardOutput }
    /// What the AWS CLI writes to standard error: the INVALID, missing and gap lines, and an error that stops it.
    public var stderr: String { text.standardError }
    /// Both streams in write order, as a terminal shows them.
    public var merged: String { text.merged }

    public init(
        chain: ChainReport, trail: TrailARN, start: Timestamp, end: Timestamp, verbose: Bool, header: Bool = true
    ) {
        if header { write("Validating log files for trail \(trail) between \(start) and \(end)\n\n", error: false) }
        var lastWasDoubleSpace = true
        for entry in chain.entries {
            switch entry {
            case .valid(let line):
                guard verbose else { continue }
                lastWasDoubleSpace = false
                write("\(line)\n", error: false)
            case .invalid(let line), .gap(let line):
                write(lastWasDoubleSpace ? "\(line)\n\n" : "\n\(line)\n\n", error: true)
                lastWasDoubleSpace = true
            }
        }
        if let abort = chain.abortMessage {
            write("\n\(abort)\n", error: true)
            return
        }
        if !lastWasDoubleSpace { write("\n", error: false) }
        write("Results requested for \(start) to \(end)\n", error: false)
        guard chain.digestsValid + chain.digestsInvalid > 0 else {
            write("No digests found\n", error: false)
            return
        }
        if let found = chain.foundStart, let foundEnd = chain.foundEnd {
            write("Results found for \(found) to \(foundEnd):\n", error: false)
        } else {
            write("No valid digests found in range\n", error: false)
        }
        ratio(chain.validDigests, chain.invalidDigests, "digest")
        ratio(chain.validBackfillDigests, chain.invalidBackfillDigests, "backfill digest")
        ratio(chain.validLogs, chain.invalidLogs, "log")
        write("\n", error: false)
    }

    /// The AWS CLI's exit code for the chain: 0 all valid, 1 any invalid, 255 when it stops with an error.
    public static func exitCode(_ chain: ChainReport) -> Int {
        chain.abortMessage != nil ? 255 : chain.isCompatValid ? 0 : 1
    }

    private mutating func ratio(_ valid: Int, _ invalid: Int, _ name: String) {
        let total = valid + invalid
        guard total > 0 else { return }
        write("\n\(valid)/\(total) \(name) files valid", error: false)
        if invalid > 0 { write(", \(invalid)/\(total) \(name) files INVALID", error: false) }
    }

    private mutating func write(_ line: String, error: Bool) {
        text.write(line, to: error ? .standardError : .standardOutput)
    }
}
