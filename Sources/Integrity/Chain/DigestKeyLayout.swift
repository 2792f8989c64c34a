import TrailGateBasics

/// Where one chain's digests live and how their keys are named (AWS CloudTrail User Guide, "CloudTrail digest file
/// structure", its digest file location), as the AWS CLI computes them.
public struct DigestKeyLayout: Sendable, Hashable {
    public var prefix: String?
    public var organizationId: String?
    public var chain: ChainID
    public var trailName: String
    public var homeRegion: String

    public init(prefix: String?, organizationId: String?, chain: ChainID, trailName: String, homeRegion: String) {
        self.prefix = prefix.flatMap { $0.isEmpty ? nil : $0 }
        self.organizationId = organizationId
        self.chain = chain
        self.trailName = trailName
        self.homeRegion = homeRegion
    }

    /// `[P/]AWSLogs/[O/]`.
    public var logsRoot: String {
        (prefix.map { $0 + "/" } ?? "") + "AWSLogs/" + (organizationId.map { $0 + "/" } ?? "")
    }

    /// The listing prefix: `[P/]AWSLogs/[O/]A/CloudTrail-Digest/R` (no trailing slash, as the AWS CLI lists).
    public var listingPrefix: String {
        logsRoot + "\(chain.account)/CloudTrail-Digest/\(chain.region)"
    }

    /// The key a digest ending at `time` would have: the listing starts after the one for `T1 − 1 min`.
    public func key(endingAt time: Timestamp) -> String {
        listingPrefix + "/\(time.dateFolders)/" + fileNamePrefix + time.keyFormat + ".json.gz"
    }

    /// `A_CloudTrail-Digest_R_N_H_`.
    public var fileNamePrefix: String {
        "\(chain.account)_CloudTrail-Digest_\(chain.region)_\(trailName)_\(homeRegion)_"
    }

    /// True for this trail's digest keys: `^listingPrefix/\d+/\d+/\d+/A_CloudTrail-Digest_R_N_H_.+\.json\.gz$`.
    public func matches(_ key: String) -> Bool {
        let head = listingPrefix + "/"
        guard key.hasPrefix(head), !key.contains("\n") else { return false }
        var rest = key.dropFirst(head.count)
        for _ in 0..<3 {
            guard let slash = rest.firstIndex(of: "/") else { return false }
            let folder = rest[..<slash]
            guard !folder.isEmpty, folder.allSatisfy({ $0.isASCII && $0.isNumber }) else { return false }
            rest = rest[rest.index(after: slash)...]
        }
        return rest.hasPrefix(fileNamePrefix) && rest.hasSuffix(".json.gz")
            && rest.count > fileNamePrefix.count + ".json.gz".count
    }

    /// True for a `_backfill.json.gz` key.
    public static func isBackfill(_ key: String) -> Bool { key.hasSuffix("_backfill.json.gz") }

    /// The 16 characters of the name's timestamp (`key[-24:-8]`, or `key[-33:-17]` for backfill), as a string.
    public static func timestampText(of key: String) -> Substring? {
        let end = isBackfill(key) ? 17 : 8
        guard key.count >= end + 16 else { return nil }
        let upper = key.index(key.endIndex, offsetBy: -end)
        return key[key.index(upper, offsetBy: -16)..<upper]
    }

    /// The end time in the key's name.
    public static func timestamp(of key: String) -> Timestamp? {
        timestampText(of: key).flatMap(Timestamp.parseKeyFormat)
    }
}
