/// The event sources the coverage question distinguishes: KMS and RDS Data API have their own checks.
enum SourceGroup: Sendable, CaseIterable {
    case other
    case kms
    case rdsData

    static let kmsSource = "kms.amazonaws.com"
    static let rdsDataSource = "rdsdata.amazonaws.com"

    var phrase: String {
        switch self {
        case .other: return "event sources other than \(Self.kmsSource) and \(Self.rdsDataSource)"
        case .kms: return Self.kmsSource
        case .rdsData: return Self.rdsDataSource
        }
    }
}

/// Which management events a trail's selectors log, decided exactly as CloudTrail matches events.
///
/// Selectors combine with OR. For "every other source", coverage must hold for every possible source string;
/// ``OtherSourceCoverage`` decides that over a finite set of witness sources.
struct ManagementEventCoverage: Sendable {
    /// The selectors, in the order the trail lists them.
    var selectors: [ManagementEventSelector]
    /// True when the response has no selectors at all: CloudTrail's default logs every management event.
    var isDefault: Bool
    /// Remarks about the configuration itself.
    var notes: [String] = []
    /// How the selectors log every source outside KMS and RDS Data API.
    private var otherSources: OtherSourceCoverage

    init(_ response: EventSelectorsResponse) {
        if let advanced = response.advancedEventSelectors {
            selectors = advanced.enumerated().map { ManagementEventSelector(advanced: $1, index: $0) }
            if let basic = response.eventSelectors, !basic.isEmpty {
                notes.append(
                    "The response lists basic and advanced selectors; CloudTrail uses the advanced ones, so only they are judged."
                )
            }
        } else {
            selectors = (response.eventSelectors ?? []).enumerated().map {
                ManagementEventSelector(basic: $1, index: $0)
            }
        }
        isDefault = response.advancedEventSelectors == nil && response.eventSelectors == nil
        otherSources = OtherSourceCoverage(selectors: selectors)
    }

    /// How many sources of the group `selector` (at `index`) logs events of this access from, out of how many.
    private func admitted(by index: Int, _ access: EventAccess, _ group: SourceGroup) -> (count: Int, of: Int) {
        let accessIndex = EventAccess.allCases.firstIndex(of: access)!
        switch group {
        case .other:
            return (otherSources.admittedCounts[index][accessIndex], otherSources.witnessCount)
        case .kms:
            return (selectors[index].admits(access, source: SourceGroup.kmsSource) ? 1 : 0, 1)
        case .rdsData:
            return (selectors[index].admits(access, source: SourceGroup.rdsDataSource) ? 1 : 0, 1)
        }
    }

    /// True when some selector logs each event of this access from every source of the group.
    func isCovered(_ access: EventAccess, _ group: SourceGroup) -> Bool {
        if isDefault { return true }
        if group == .other { return otherSources.coveredTogether[EventAccess.allCases.firstIndex(of: access)!] }
        return selectors.indices.contains { admitted(by: $0, access, group).count == 1 }
    }

    /// True when the selector at `index` alone logs each event of this access from every source of the group.
    func isCovered(by index: Int, _ access: EventAccess, _ group: SourceGroup) -> Bool {
        let (count, total) = admitted(by: index, access, group)
        return count == total
    }

    /// True when the selector at `index` logs events of this access from some, but not all, sources of the group.
    private func isPartlyCovered(by index: Int, _ access: EventAccess, _ group: SourceGroup) -> Bool {
        let (count, total) = admitted(by: index, access, group)
        return count > 0 && count < total
    }

    /// What one selector logs, e.g. `read and write from all sources except kms.amazonaws.com`.
    func coverageDescription(of index: Int) -> String {
        if let reason = selectors[index].excludedReason { return "no management events: \(reason)" }
        let perAccess = EventAccess.allCases.map { access -> String in
            let full = SourceGroup.allCases.filter { isCovered(by: index, access, $0) }
            let partOther = isPartlyCovered(by: index, access, .other)
            if full.count == SourceGroup.allCases.count { return "all sources" }
            if full.contains(.other) {
                let missing = SourceGroup.allCases.filter { !full.contains($0) }.map(\.phrase)
                return "all sources except " + missing.joined(separator: " and ")
            }
            let named = full.map(\.phrase)
            if partOther { return (["some sources (eventSource is restricted)"] + named).joined(separator: ", ") }
            return named.isEmpty ? "nothing" : "only " + named.joined(separator: " and ")
        }
        if perAccess[0] == perAccess[1] { return "read and write from \(perAccess[0])" }
        return "read from \(perAccess[0]); write from \(perAccess[1])"
    }

    /// One evidence line per selector: its conditions and what it logs.
    var evidence: [Evidence] {
        guard !isDefault else {
            return [
                Evidence("event selectors", .string("none configured (CloudTrail's default: all management events)"))
            ]
        }
        guard !selectors.isEmpty else { return [Evidence("event selectors", .array([]))] }
        return selectors.indices.map { index in
            Evidence(
                selectors[index].label,
                .string("\(selectors[index].conditions) → \(coverageDescription(of: index))"))
        }
    }
}
