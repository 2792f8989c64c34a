import TrailGateBasics

/// A trail ARN, `arn:<partition>:cloudtrail:<home region>:<account>:trail/<name>`, checked as the AWS CLI checks it.
public struct TrailARN: Sendable, Hashable, CustomStringConvertible {
    public var arn: ARN
    public var text: String { arn.description }
    public var homeRegion: String { arn.region }
    public var account: String { arn.account }
    /// The name after the last `/`.
    public var name: String { String(arn.resource.split(separator: "/").last ?? "") }

    /// Nil unless `text` matches `arn:.+:cloudtrail:.+:\d{12}:trail/.+`.
    public init?(_ text: String) {
        guard let arn = ARN(text), arn.service == "cloudtrail", !arn.region.isEmpty, arn.hasAccountId,
            arn.resourceType == "trail", arn.resource.count > 6, arn.resource.hasPrefix("trail/")
        else { return nil }
        self.arn = arn
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
