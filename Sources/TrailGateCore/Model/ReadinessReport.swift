import TrailGateBasics

/// The verdict on every evaluated trail.
public struct ReadinessReport: Sendable {
    public var collectedAt: Timestamp
    public var callerAccountId: String?
    public var trails: [TrailReport]

    /// Ready when at least one evaluated trail is ready.
    public var ready: Bool { trails.contains(where: \.ready) }

    /// How many checks have `status`, over all trails.
    public func count(_ status: CheckStatus) -> Int {
        trails.reduce(0) { $0 + $1.count(status) }
    }
}

/// The checks of one trail.
public struct TrailReport: Sendable {
    public var trail: Trail
    /// The results, each with the area the text report groups it under, in registry order.
    public var results: [(area: CheckArea, result: CheckResult)]

    /// Ready when no check fails or is unknown.
    public var ready: Bool { !results.contains { $0.result.status.blocksReadiness } }

    public func count(_ status: CheckStatus) -> Int {
        results.filter { $0.result.status == status }.count
    }
}
