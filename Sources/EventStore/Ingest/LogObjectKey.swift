/// What an object key (or file path) in the CloudTrail S3 layout says about its contents:
/// `[prefix/]AWSLogs/[o-…/]<account>/CloudTrail[-Insight|-Digest]/<region>/YYYY/MM/DD/<file>`.
public struct LogObjectKey: Sendable, Equatable {
    public enum Kind: Sendable, Equatable {
        /// `CloudTrail/`: management and data events.
        case events
        /// `CloudTrail-Insight/`: Insights events, read like other events.
        case insight
        /// `CloudTrail-Digest/`: integrity digests, never ingested.
        case digest
    }

    public var kind: Kind
    public var organizationId: String?
    public var account: String
    public var region: String
    /// The delivery day, `YYYY/MM/DD`.
    public var date: String

    /// Reads the layout from a key or path; nil when it does not follow it (a single file named on its own).
    public init?(_ key: String) {
        let parts = key.split(separator: "/", omittingEmptySubsequences: false).map(String.init)
        guard let logs = parts.lastIndex(of: "AWSLogs") else { return nil }
        var index = logs + 1
        var organization: String?
        if index < parts.count, parts[index].hasPrefix("o-") {
            organization = parts[index]
            index += 1
        }
        // account, CloudTrail*, region, YYYY, MM, DD, file
        guard parts.count - index >= 7 else { return nil }
        let account = parts[index]
        guard account.count == 12, account.allSatisfy(\.isASCIIDigit) else { return nil }
        switch parts[index + 1] {
        case "CloudTrail": kind = .events
        case "CloudTrail-Insight": kind = .insight
        case "CloudTrail-Digest": kind = .digest
        default: return nil
        }
        let (year, month, day) = (parts[index + 3], parts[index + 4], parts[index + 5])
        guard year.count == 4, month.count == 2, day.count == 2,
            (year + month + day).allSatisfy(\.isASCIIDigit)
        else { return nil }
        organizationId = organization
        self.account = account
        region = parts[index + 2]
        date = "\(year)/\(month)/\(day)"
    }

    /// True for names CloudTrail gives digest files, wherever they lie.
    public static func isDigestName(_ key: String) -> Bool {
        key.contains("/CloudTrail-Digest/") || key.contains("_CloudTrail-Digest_")
    }
}

extension Character {
    var isASCIIDigit: Bool { isASCII && isNumber }
}
