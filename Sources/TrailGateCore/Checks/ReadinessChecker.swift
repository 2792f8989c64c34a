/// Runs the checks over the trails of a snapshot.
public struct ReadinessChecker: Sendable {
    public var checks: [any Check]
    public var options: CheckOptions

    public init(checks: [any Check] = CheckRegistry.all, options: CheckOptions = CheckOptions()) {
        self.checks = checks
        self.options = options
    }

    /// Evaluates every trail, or only the one `selector` names by name or ARN; with an organization scan, also every
    /// managed account against the organization trail (the first evaluated trail with `IsOrganizationTrail`, else
    /// the first).
    public func run(_ snapshot: Snapshot, trail selector: String? = nil) throws(TrailSelectionError) -> ReadinessReport
    {
        let entries = try Self.select(selector, from: Self.distinctTrails(snapshot.trails))
        let trails = entries.map { entry in
            let results = Self.evaluate(checks, on: TrailContext(snapshot: snapshot, entry: entry, options: options))
            return TrailReport(trail: entry.trail, results: zip(checks, results).map { (area: $0.area, result: $1) })
        }
        let organization = snapshot.organizationScan.map { scan in
            let trail = (entries.first { $0.trail.isOrganizationTrail == true } ?? entries.first).map {
                TrailContext(snapshot: snapshot, entry: $0, options: options)
            }
            return OrganizationReadiness().run(snapshot, scan: scan, trail: trail)
        }
        return ReadinessReport(
            collectedAt: snapshot.collectedAt, callerAccountId: snapshot.callerIdentity.value?.account,
            trails: trails,
            noTrail: snapshot.trails.isEmpty ? NoTrailGuidance(snapshot, retentionDays: options.retentionDays) : nil,
            organization: organization)
    }

    /// Each check's result for one trail; a trail with a malformed identifier is `unknown` throughout, so that no
    /// command or change is built from it.
    static func evaluate(_ checks: [any Check], on context: TrailContext) -> [CheckResult] {
        if let malformed = MalformedIdentifier.first(in: context.trail) { return checks.map(malformed.result(of:)) }
        return checks.map { $0.evaluate(context) }
    }

    /// Shadow copies (the same TrailARN listed again) count once; a copy's answers fill slots the first lacks.
    static func distinctTrails(_ entries: [TrailEntry]) -> [TrailEntry] {
        var order: [String] = []
        var byARN: [String: TrailEntry] = [:]
        for entry in entries {
            let arn = entry.trail.trailARN
            guard var existing = byARN[arn] else {
                order.append(arn)
                byARN[arn] = entry
                continue
            }
            if existing.status.value == nil, entry.status.value != nil { existing.status = entry.status }
            if existing.eventSelectors.value == nil, entry.eventSelectors.value != nil {
                existing.eventSelectors = entry.eventSelectors
            }
            byARN[arn] = existing
        }
        return order.compactMap { byARN[$0] }
    }

    static func select(_ selector: String?, from entries: [TrailEntry]) throws(TrailSelectionError) -> [TrailEntry] {
        return try TrailSelection(place: "in the snapshot").select(
            selector, from: entries, arn: \.trail.trailARN, name: \.trail.name)
    }
}
