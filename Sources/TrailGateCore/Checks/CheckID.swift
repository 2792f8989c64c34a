/// A check's stable identifier, such as `trail.multi-region`: what reports, `--only` and fix plans name it by.
///
/// Each check declares its id as a constant beside its evaluation (`CheckID.multiRegion`); code refers to checks
/// through those constants or through the check itself, never by spelling the text again.
public struct CheckID: RawRepresentable, Hashable, Comparable, Sendable, CustomStringConvertible {
    public let rawValue: String

    public init(rawValue: String) {
        self.rawValue = rawValue
    }

    public init(_ rawValue: String) {
        self.rawValue = rawValue
    }

    public var description: String { rawValue }

    public static func < (lhs: CheckID, rhs: CheckID) -> Bool { lhs.rawValue < rhs.rawValue }
}
