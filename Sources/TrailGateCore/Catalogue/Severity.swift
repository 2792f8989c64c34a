/// How much a failing check matters, from `low` to `critical`; the reasoning per level is in docs/checks.md.
public enum Severity: String, Sendable, CaseIterable, Comparable, Codable {
    /// Hygiene: worth fixing, but the service sees and can read every event either way.
    case low
    /// A narrow gap in what is logged, or a missing safeguard of the logs (integrity, retention, access records,
    /// encryption).
    case medium
    /// A whole class of events is missing (Regions, global services, read or write), or the logs are exposed.
    case high
    /// The service gets no events at all, or cannot read them: the trail cannot be used.
    case critical

    /// Rank, `low` 0 to `critical` 3.
    public var rank: Int {
        switch self {
        case .low: 0
        case .medium: 1
        case .high: 2
        case .critical: 3
        }
    }

    public static func < (lhs: Severity, rhs: Severity) -> Bool { lhs.rank < rhs.rank }
}
