import TrailGateBasics

/// What to validate: one trail's chains over `[start, end]`. Clock-free: the caller passes `now`.
public struct ValidationRequest: Sendable {
    public var trail: TrailARN
    public var bucket: String
    /// The trail's `S3KeyPrefix`, nil or empty for none.
    public var prefix: String?
    /// Set for an organization trail: keys then sit under `AWSLogs/<organizationId>/`.
    public var organizationId: String?
    public var chains: [ChainID]
    public var start: Timestamp
    public var end: Timestamp
    /// The current time; coverage is not required for the last ``deliveryAllowance`` seconds before it.
    public var now: Timestamp
    /// CloudTrail delivers a digest about an hour after its window opens, plus delivery delay.
    public var deliveryAllowance: Int64
    /// Log files checked at once.
    public var jobs: Int

    public init(
        trail: TrailARN, bucket: String, prefix: String?, organizationId: String?, chains: [ChainID], start: Timestamp,
        end: Timestamp, now: Timestamp, deliveryAllowance: Int64 = 75 * 60, jobs: Int
    ) {
        self.trail = trail
        self.bucket = bucket
        self.prefix = prefix
        self.organizationId = organizationId
        self.chains = chains
        self.start = start
        self.end = end
        self.now = now
        self.deliveryAllowance = deliveryAllowance
        self.jobs = jobs
    }

    func layout(for chain: ChainID) -> DigestKeyLayout {
        DigestKeyLayout(
            prefix: prefix, organizationId: organizationId, chain: chain, trailName: trail.name,
            homeRegion: trail.homeRegion)
    }
}
