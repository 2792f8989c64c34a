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
/// Selectors combine with OR. For "every other source", coverage must hold for every possible source string:
/// the `eventSource` conditions only test equality, prefixes and suffixes, so the strings built from each tested
/// prefix, a character no pattern contains, and each tested suffix (plus every tested exact value) realise every
/// combination of outcomes any source string can produce. Checking those witnesses is checking all strings.
struct ManagementEventCoverage: Sendable {
    /// The selectors, in the order the trail lists them.
    var selectors: [ManagementEventSelector]
    /// True when the response has no selectors at all: CloudTrail's default logs every management event.
    var isDefault: Bool
    /// Remarks about the configuration itself.
    var notes: [String] = []
    /// Source strings standing for every source outside KMS and RDS Data API.
    private var otherSourceWitnesses: [String]

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
        otherSourceWitnesses = Self.witnesses(for: selectors.flatMap(\.sourcePatterns))
    }

    private static func witnesses(for patterns: [FieldPattern]) -> [String] {
        var prefixes: Set<String> = [""]
        var suffixes: Set<String> = [""]
        var exact: Set<String> = []
        for pattern in patterns {
            switch pattern {
            case .startsWith(let s): prefixes.insert(s)
            case .endsWith(let s): suffixes.insert(s)
            case .equals(let s): exact.insert(s)
            }
        }
        let used = Set(
            patterns.flatMap { pattern -> [Unicode.Scalar] in
                switch pattern {
                case .equals(let s), .startsWith(let s), .endsWith(let s): return Array(s.unicodeScalars)
                }
            })
        let filler =
            (UInt32(1)...0x10FFFF).lazy.compactMap(Unicode.Scalar.init).first { !used.contains($0) }.map(String.init)
            ?? "\u{1}"
        var witnesses = exact
        for prefix in prefixes {
            for suffix in suffixes { witnesses.insert(prefix + filler + suffix) }
        }
        witnesses.remove(SourceGroup.kmsSource)
        witnesses.remove(SourceGroup.rdsDataSource)
        return witnesses.sorted()
    }

    private func sources(_ group: SourceGroup) -> [String] {
        switch group {
        case .other: return otherSourceWitnesses
        case .kms: return [SourceGroup.kmsSource]
        case .rdsData: return [SourceGroup.rdsDataSource]
        }
    }

    /// True when some selector logs each event of this access from every source of the group.
    func isCovered(_ access: EventAccess, _ group: SourceGroup) -> Bool {
        isDefault || sources(group).allSatisfy { source in selectors.contains { $0.admits(access, source: source) } }
    }

    /// True when this selector alone logs each event of this access from every source of the group.
    func isCovered(by selector: ManagementEventSelector, _ access: EventAccess, _ group: SourceGroup) -> Bool {
        sources(group).allSatisfy { selector.admits(access, source: $0) }
    }

    /// True when this selector logs events of this access from some, but not all, sources of the group.
    private func isPartlyCovered(by selector: ManagementEventSelector, _ access: EventAccess, _ group: SourceGroup)
        -> Bool
    {
        let admitted = sources(group).filter { selector.admits(access, source: $0) }.count
        return admitted > 0 && admitted < sources(group).count
    }

    /// What one selector logs, e.g. `read and write from all sources except kms.amazonaws.com`.
    func coverageDescription(of selector: ManagementEventSelector) -> String {
        if let reason = selector.excludedReason { return "no management events: \(reason)" }
        let perAccess = EventAccess.allCases.map { access -> String in
            let full = SourceGroup.allCases.filter { isCovered(by: selector, access, $0) }
            let partOther = isPartlyCovered(by: selector, access, .other)
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
        return selectors.map { Evidence($0.label, .string("\($0.conditions) → \(coverageDescription(of: $0))")) }
    }
}
