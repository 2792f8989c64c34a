/// A trail ARN, `arn:<partition>:cloudtrail:<home region>:<account>:trail/<name>`, checked as the AWS CLI checks it.
public struct TrailARN: Sendable, Hashable, CustomStringConvertible {
    public var text: String
    public var homeRegion: String
    public var account: String
    public var name: String

    /// Nil unless `text` matches `arn:.+:cloudtrail:.+:\d{12}:trail/.+`.
    public init?(_ text: String) {
        let parts = text.split(separator: ":", maxSplits: 5, omittingEmptySubsequences: false)
        guard parts.count == 6, parts[0] == "arn", !parts[1].isEmpty, parts[2] == "cloudtrail", !parts[3].isEmpty,
              parts[4].count == 12, parts[4].allSatisfy({ $0.isASCII && $0.isNumber }), parts[5].hasPrefix("trail/"),
              parts[5].count > 6 else { return nil }
        self.text = text
        homeRegion = String(parts[3])
        account = String(parts[4])
        name = String(text.split(separator: "/").last ?? "")
    }

    public var description: String { text }
}

/// One digest chain: the files CloudTrail delivers for one account and one source Region.
public struct ChainID: Sendable, Hashable, Comparable, CustomStringConvertible {
    public var account: String
    public var region: String

    public init(account: String, region: String) {
        self.account = account
        self.region = region
    }

    public static func < (lhs: ChainID, rhs: ChainID) -> Bool { (lhs.account, lhs.region) < (rhs.account, rhs.region) }

    public var description: String { "\(account) \(region)" }
}
