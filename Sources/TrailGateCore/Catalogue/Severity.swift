/// How much a failing check matters, from `low` to `critical`; the reasoning per level is in docs/checks.md.
public enum Severity: String, Sendable, CaseIterable, Comparable, Codable {
    case low
    case medium
    case high
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
