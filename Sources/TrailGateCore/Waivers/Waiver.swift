import IAMPolicy
import TrailGateBasics

/// One entry of a waivers file, as written: a finding someone accepted, on which resources, why, who, and until
/// when. ``WaiverList`` checks the entries before they apply.
public struct Waiver: Sendable, Equatable {
    /// The entry's position in the file, from 1.
    public var entry: Int
    /// The id of the check whose findings the entry accepts; one exact id (no wildcards).
    public var check: String
    /// A trail name or ARN, bucket name or ARN, KMS key id or ARN, or account id; `*` matches any run of
    /// characters and `?` exactly one.
    public var resource: String
    /// Why the finding is accepted.
    public var reason: String
    /// Who accepted it.
    public var acceptedBy: String
    /// The last day the entry holds, `YYYY-MM-DD` as written.
    public var expires: String

    public init(entry: Int, check: String, resource: String, reason: String, acceptedBy: String, expires: String) {
        self.entry = entry
        self.check = check
        self.resource = resource
        self.reason = reason
        self.acceptedBy = acceptedBy
        self.expires = expires
    }

    /// `expires` as a date, when it is a valid `YYYY-MM-DD` calendar date.
    public var expiryDate: CivilDate? {
        let parts = expires.split(separator: "-", omittingEmptySubsequences: false)
        guard parts.count == 3, parts[0].count == 4, parts[1].count == 2, parts[2].count == 2,
            parts.allSatisfy({ $0.allSatisfy(\.isASCII) && $0.allSatisfy(\.isNumber) }),
            let year = Int(parts[0]), let month = Int(parts[1]), let day = Int(parts[2])
        else { return nil }
        return CivilDate(year: year, month: month, day: day)
    }

    /// True when `resource` matches one of `identifiers`.
    func matches(_ identifiers: [String]) -> Bool {
        identifiers.contains { Glob.matches(resource, $0) }
    }
}
