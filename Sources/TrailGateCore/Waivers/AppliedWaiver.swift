/// The waiver a result matched: a finding someone accepted, until a date, for a reason.
public struct AppliedWaiver: Sendable, Equatable {
    /// The entry's position in the waivers file, from 1.
    public var entry: Int
    /// The check id as the entry wrote it.
    public var check: String
    /// The resource pattern as the entry wrote it (trail name or ARN, bucket, key, account; `*` and `?` allowed).
    public var resource: String
    public var reason: String
    /// Who accepted the finding.
    public var acceptedBy: String
    /// The last day the waiver holds, `YYYY-MM-DD`.
    public var expires: String

    public init(entry: Int, check: String, resource: String, reason: String, acceptedBy: String, expires: String) {
        self.entry = entry
        self.check = check
        self.resource = resource
        self.reason = reason
        self.acceptedBy = acceptedBy
        self.expires = expires
    }
}
