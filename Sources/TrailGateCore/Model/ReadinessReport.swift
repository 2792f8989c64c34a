import TrailGateBasics

/// The verdict on every evaluated trail.
public struct ReadinessReport: Sendable {
    public var collectedAt: Timestamp
    public var callerAccountId: String?
    public var trails: [TrailReport]
    /// Set when the snapshot lists no trail at all: what that means for onboarding.
    public var noTrail: NoTrailGuidance?
    /// The managed accounts' verdicts, for a snapshot of an organization run.
    public var organization: OrganizationReport?
    /// The waivers-file entries that matched no non-passing result (``WaiverList/apply(to:)``).
    public var unmatchedWaivers: [Waiver] = []

    public init(
        collectedAt: Timestamp, callerAccountId: String?, trails: [TrailReport], noTrail: NoTrailGuidance? = nil,
        organization: OrganizationReport? = nil
    ) {
        self.collectedAt = collectedAt
        self.callerAccountId = callerAccountId
        self.trails = trails
        self.noTrail = noTrail
        self.organization = organization
    }

    /// Ready when at least one evaluated trail is ready and, in an organization run, every managed account is.
    public var ready: Bool { trails.contains(where: \.ready) && organization?.ready != false }

    /// The outcome in one word, for people and programs.
    public var verdict: Verdict {
        if ready { return .ready }
        return noTrail == nil ? .notReady : .noTrail
    }

    /// `ready`, `not-ready`, or `no-trail` (nothing to judge; the service deploys its own managed trail).
    public enum Verdict: String, Sendable {
        case ready
        case notReady = "not-ready"
        case noTrail = "no-trail"
    }

    /// How many checks have `status`, over all trails and managed accounts.
    public func count(_ status: CheckStatus) -> Int {
        trails.reduce(0) { $0 + $1.count(status) } + (organization?.count(status) ?? 0)
    }
}

/// The checks of one trail.
public struct TrailReport: Sendable {
    public var trail: Trail
    /// The results, each with the area the text report groups it under, in registry order.
    public var results: [(area: CheckArea, result: CheckResult)]

    /// Ready when no check fails or is unknown.
    public var ready: Bool { !results.contains { $0.result.blocksReadiness } }

    public func count(_ status: CheckStatus) -> Int {
        results.filter { $0.result.status == status }.count
    }
}
