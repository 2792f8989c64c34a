import Foundation
import TrailGateBasics
import TrailObjects

/// Walks one chain newest to oldest exactly as `aws cloudtrail validate-logs` does (AWS CloudTrail User Guide,
/// "Validating CloudTrail log file integrity with the AWS CLI"; docs/validate-logs.md), recording its lines in order,
/// handing each valid digest's log files to `schedule`, and noting what the strict checks need.
final class ChainWalk {
    enum Event {
        case entry(ChainEntry)
        /// A log file check, answered later: the index of its slot.
        case log(Int, LogFileEntry)
    }

    let request: ValidationRequest
    let layout: DigestKeyLayout
    let source: any ObjectSource
    let keySource: any PublicKeySource
    let inflater: any GzipInflater
    var report: ChainReport
    var events: [Event] = []
    var logCount = 0
    /// `[start, end]` of every valid digest, for the coverage check.
    var covered: [(Timestamp, Timestamp)] = []
    /// Valid starting digests (no previous pointer): the chain legitimately begins at their start.
    var startingDigestStarts: [Timestamp] = []

    init(
        request: ValidationRequest, chain: ChainID, source: any ObjectSource, keySource: any PublicKeySource,
        inflater: any GzipInflater
    ) {
        self.request = request
        layout = request.layout(for: chain)
        self.source = source
        self.keySource = keySource
        self.inflater = inflater
        report = ChainReport(
            chain: chain, bucket: request.bucket, digestFolder: "s3://\(request.bucket)/\(layout.listingPrefix)/")
    }

    /// The chain's digest keys in range, standard and backfill, in listing order.
    func listDigests(bucket: String, end: Timestamp) async throws -> (standard: [String], backfill: [String]) {
        let startText = request.start.keyFormat
        let endText = end.adding(seconds: 3600).keyFormat
        var standard: [String] = []
        var backfill: [String] = []
        try await source.forEachObject(
            bucket: bucket, prefix: layout.listingPrefix,
            startAfter: layout.key(endingAt: request.start.adding(seconds: -60))
        ) { object in
            guard layout.matches(object.key), let stamp = DigestKeyLayout.timestampText(of: object.key) else {
                return true
            }
            if stamp > endText { return false }
            if stamp < startText { return true }
            if DigestKeyLayout.isBackfill(object.key) {
                backfill.append(object.key)
            } else {
                standard.append(object.key)
            }
            return true
        }
        return (standard, backfill)
    }

    /// Pops the newest key (or the newest older than `before`'s name time) off `digests`.
    static func popLast(_ digests: inout [String], before: String?) -> (String, Timestamp)? {
        guard let before else {
            guard let key = digests.popLast(), let time = DigestKeyLayout.timestamp(of: key) else { return nil }
            return (key, time)
        }
        guard let limit = DigestKeyLayout.timestamp(of: before) else { return nil }
        while let key = digests.popLast() {
            if let time = DigestKeyLayout.timestamp(of: key), time < limit { return (key, time) }
        }
        return nil
    }

    /// Runs the standard walk and then the backfill walk; `schedule` is called for each log file of a valid digest.
    /// A digest folder that cannot be listed stops only this chain, with an `access-denied` finding: its digests are
    /// unknown, never taken for none.
    func run(schedule: (LogFileEntry) -> Void) async throws {
        let standard: [String]
        let backfill: [String]
        do {
            (standard, backfill) = try await listDigests(bucket: request.bucket, end: request.end)
        } catch let error as ObjectSourceError {
            guard case .accessDenied(_, _, let reason) = error else { throw error }
            let message = "access denied listing \(report.digestFolder): \(reason ?? error.code)"
            report.abortMessage = message
            report.findings.append(Finding(kind: .accessDenied, s3Uri: report.digestFolder, detail: message))
            return
        }
        let keyEnd = request.end.adding(seconds: 2 * 3600)
        let keys = try await keySource.publicKeys(region: layout.chain.region, from: request.start, to: keyEnd)
        guard !keys.isEmpty else {
            let message = "No public keys found between \(request.start) and \(keyEnd)"
            report.abortMessage = message
            report.findings.append(Finding(kind: .publicKeyNotFound, s3Uri: report.digestFolder, detail: message))
            return
        }
        try await walk(digests: standard, keys: KeyRing(keys), backfill: false, schedule: schedule)
        try await walk(digests: backfill, keys: KeyRing([]), backfill: true, schedule: schedule)
    }

    private func walk(
        digests initial: [String], keys initialKeys: KeyRing, backfill: Bool,
        schedule: (LogFileEntry) -> Void
    ) async throws {
        var digests = initial
        var keys = initialKeys
        var bucket = request.bucket
        let prefetch = DigestPrefetch(source: source, bucket: bucket)
        defer { prefetch.cancel() }
        let label = backfill ? "(backfill) " : ""
        guard let newest = Self.popLast(&digests, before: nil) else { return }
        var key: String? = newest.0
        var lastStart = newest.1
        /// The link values the newer digest claims for the one being fetched.
        var expectedLink: (key: String, bucket: String, signature: String?, hash: String?, from: String)?
        while let current = key, request.start <= lastStart {
            let uri = "s3://\(bucket)/\(current)"
            do {
                let object: StoredObject
                do {
                    object = try await prefetch.fetch(bucket: bucket, key: current, listing: digests)
                } catch ObjectSourceError.notFound {
                    throw DigestFailure(kind: .digestMissing, message: "not found")
                } catch let error as ObjectSourceError {
                    switch error {
                    case .accessDenied:
                        throw DigestFailure(kind: .accessDenied, message: "access denied", detail: error.description)
                    case .invalidMetadata:
                        // The metadata holds only the signature: unreadable metadata is an unverifiable signature.
                        throw DigestFailure(
                            kind: .digestSignatureInvalid, message: "signature verification failed",
                            detail: error.description)
                    default: throw error
                    }
                }
                let region = layout.chain.region
                let keySource = self.keySource
                let digest = try await DigestVerifier.verify(
                    bucket: bucket, key: current, object: object, keys: &keys, homeRegion: request.trail.homeRegion,
                    inflater: inflater,
                    loadBackfillKeys: { time in
                        try await keySource.publicKeys(
                            region: region, from: time.adding(seconds: -3600), to: time.adding(seconds: 3600))
                    })
                if let link = expectedLink, link.key == current, link.bucket == bucket {
                    checkLink(link, against: digest)
                }
                expectedLink = nil
                lastStart = digest.start
                record(valid: digest, label: label, backfill: backfill, schedule: schedule)
                if let previousBucket = digest.previousBucket, let previousKey = digest.previousKey {
                    expectedLink = (
                        previousKey, previousBucket, digest.previousSignature, digest.previousHashValue, digest.s3Uri
                    )
                    key = previousKey
                    if previousBucket != bucket {
                        bucket = previousBucket
                        digests =
                            try await backfill
                            ? listDigests(bucket: bucket, end: digest.end).backfill
                            : listDigests(bucket: bucket, end: digest.end).standard
                    }
                } else {
                    startingDigestStarts.append(digest.start)
                    let next = Self.popLast(&digests, before: current)
                    key = next?.0
                    if let next {
                        events.append(
                            .entry(
                                .gap(
                                    "\(label)No log files were delivered by CloudTrail between \(next.1) and \(lastStart)"
                                )))
                    }
                }
            } catch let failure as DigestFailure {
                expectedLink = nil
                if backfill { report.invalidBackfillDigests += 1 } else { report.invalidDigests += 1 }
                events.append(.entry(.invalid("\(label)Digest file\t\(uri)\tINVALID: \(failure.message)")))
                report.findings.append(Finding(kind: failure.kind, s3Uri: uri, detail: failure.findingDetail))
                key = Self.popLast(&digests, before: current)?.0
            }
        }
    }

    private func record(valid digest: VerifiedDigest, label: String, backfill: Bool, schedule: (LogFileEntry) -> Void) {
        if backfill { report.validBackfillDigests += 1 } else { report.validDigests += 1 }
        let earliest = max(digest.start, request.start)
        if report.foundStart.map({ earliest < $0 }) ?? true { report.foundStart = earliest }
        let latest = min(digest.end, request.end)
        if report.foundEnd.map({ latest > $0 }) ?? true { report.foundEnd = latest }
        covered.append((digest.start, digest.end))
        report.findings.append(contentsOf: digest.findings)
        events.append(.entry(.valid("\(label)Digest file\t\(digest.s3Uri)\tvalid")))
        for log in digest.logFiles {
            events.append(.log(logCount, log))
            logCount += 1
            schedule(log)
        }
    }

    private func checkLink(
        _ link: (key: String, bucket: String, signature: String?, hash: String?, from: String),
        against digest: VerifiedDigest
    ) {
        var problems: [String] = []
        if link.signature?.lowercased() != digest.signature.lowercased() {
            problems.append("previousDigestSignature is not the signature of \(digest.s3Uri)")
        }
        if link.hash?.lowercased() != digest.hash {
            problems.append(
                "previousDigestHashValue \(link.hash ?? "null") is not the SHA-256 of \(digest.s3Uri) (\(digest.hash))")
        }
        if !problems.isEmpty {
            report.findings.append(
                Finding(kind: .digestLinkMismatch, s3Uri: link.from, detail: problems.joined(separator: "; ")))
        }
    }

    /// Adds the log outcomes (in slot order) to the lines and counters, then the strict chain-wide findings.
    func finish(outcomes: [LogOutcome]) {
        var entries: [ChainEntry] = []
        var logFindings: [Finding] = []
        for event in events {
            switch event {
            case .entry(let entry):
                entries.append(entry)
            case .log(let slot, let log):
                let outcome = outcomes[slot]
                if let message = outcome.message {
                    report.invalidLogs += 1
                    entries.append(.invalid("Log file\t\(log.s3Uri)\tINVALID: \(message)"))
                    if let finding = outcome.finding {
                        logFindings.append(Finding(kind: finding.kind, s3Uri: log.s3Uri, detail: finding.detail))
                    }
                } else {
                    report.validLogs += 1
                    entries.append(.valid("Log file\t\(log.s3Uri)\tvalid"))
                }
            }
        }
        report.entries = entries
        report.findings.append(contentsOf: logFindings)
        guard report.abortMessage == nil else { return }
        if report.digestsValid + report.digestsInvalid == 0 {
            report.findings.append(
                Finding(
                    kind: .noDigests, s3Uri: report.digestFolder,
                    detail: "no digest file of trail \(request.trail.name) between \(request.start) and \(request.end)")
            )
            return
        }
        for gap in Coverage.gaps(
            covered: covered, from: request.start,
            to: min(request.end, request.now.adding(seconds: -request.deliveryAllowance)),
            startingDigestStarts: startingDigestStarts)
        {
            report.findings.append(
                Finding(
                    kind: .coverageGap, s3Uri: report.digestFolder,
                    detail: "no valid digest covers \(gap.0) to \(gap.1)"))
        }
    }
}

/// Which parts of `[from, to]` no valid digest covers.
enum Coverage {
    /// The uncovered intervals. Time before the oldest valid digest is not a gap when that digest is a starting digest
    /// (the chain began there).
    static func gaps(
        covered: [(Timestamp, Timestamp)], from: Timestamp, to: Timestamp,
        startingDigestStarts: [Timestamp]
    ) -> [(Timestamp, Timestamp)] {
        guard from < to else { return [] }
        let intervals = covered.sorted { $0.0 < $1.0 }
        var cursor = from
        if let oldest = intervals.first, startingDigestStarts.contains(oldest.0), oldest.0 > from {
            cursor = oldest.0
        }
        var gaps: [(Timestamp, Timestamp)] = []
        for (start, end) in intervals {
            if start > cursor && cursor < to {
                gaps.append((cursor, min(start, to)))
            }
            cursor = max(cursor, end)
        }
        if cursor < to { gaps.append((cursor, to)) }
        return gaps
    }
}
