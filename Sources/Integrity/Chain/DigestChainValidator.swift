import Foundation
import TrailGateBasics
import TrailObjects

/// Validates every chain of a ``ValidationRequest``: chains run concurrently, and the log files of all chains are
/// checked by at most `jobs` tasks at once, each holding one object in memory.
public struct DigestChainValidator: Sendable {
    public let source: any ObjectSource
    public let keys: any PublicKeySource
    public let inflater: any GzipInflater

    /// `keys` is asked once per Region and time range, whatever the number of chains.
    public init(source: any ObjectSource, keys: any PublicKeySource, inflater: any GzipInflater) {
        self.source = source
        self.keys = CachingPublicKeySource(keys)
        self.inflater = inflater
    }

    /// Throws only when the run cannot go on as the AWS CLI's would not: an S3 error other than NoSuchKey and
    /// AccessDenied (``ObjectSourceError``), or a failing public key source.
    public func validate(_ request: ValidationRequest) async throws -> ValidationReport {
        let limiter = ConcurrencyLimiter(maximum: request.jobs)
        let chains = try await withThrowingTaskGroup(of: ChainReport.self) { group in
            for chain in request.chains {
                group.addTask { try await validate(chain, request: request, limiter: limiter) }
            }
            var reports: [ChainReport] = []
            for try await report in group { reports.append(report) }
            return reports
        }
        let order = Dictionary(uniqueKeysWithValues: request.chains.enumerated().map { ($1, $0) })
        return ValidationReport(
            trail: request.trail, start: request.start, end: request.end,
            chains: chains.sorted { order[$0.chain, default: 0] < order[$1.chain, default: 0] },
            inflater: inflater.name)
    }

    private func validate(_ chain: ChainID, request: ValidationRequest, limiter: ConcurrencyLimiter) async throws
        -> ChainReport
    {
        let walk = ChainWalk(request: request, chain: chain, source: source, keySource: keys, inflater: inflater)
        let source = self.source
        let inflater = self.inflater
        let outcomes = try await withThrowingTaskGroup(of: (Int, LogOutcome).self) { group in
            var next = 0
            try await walk.run { entry in
                let slot = next
                next += 1
                group.addTask {
                    (
                        slot,
                        try await limiter.run {
                            try await LogFileCheck.check(entry, source: source, inflater: inflater)
                        }
                    )
                }
            }
            var outcomes = [LogOutcome](repeating: .valid, count: next)
            for try await (slot, outcome) in group { outcomes[slot] = outcome }
            return outcomes
        }
        walk.finish(outcomes: outcomes)
        return walk.report
    }
}
