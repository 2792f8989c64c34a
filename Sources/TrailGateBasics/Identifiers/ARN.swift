/// An Amazon Resource Name, `arn:partition:service:region:account-id:resource`, split into its parts.
///
/// Parsing never traps: text that is not an ARN gives nil. The resource part keeps every later colon and slash
/// (`trail/org`, `key/1234…`, `assumed-role/name/session`, `bucket/key:with:colons`).
public struct ARN: Sendable, Hashable, CustomStringConvertible {
    public var partition: String
    public var service: String
    /// Empty for global resources (IAM, S3 buckets).
    public var region: String
    /// Empty where the resource has no account (S3 buckets and objects).
    public var account: String
    public var resource: String

    public init(partition: String, service: String, region: String, account: String, resource: String) {
        self.partition = partition
        self.service = service
        self.region = region
        self.account = account
        self.resource = resource
    }

    /// The ARN in `text`, or nil unless it has the prefix `arn:`, six colon-separated parts and a partition and
    /// service that are not empty.
    public init?(_ text: String) {
        let parts = text.split(separator: ":", maxSplits: 5, omittingEmptySubsequences: false)
        guard parts.count == 6, parts[0] == "arn", !parts[1].isEmpty, !parts[2].isEmpty else { return nil }
        self.init(
            partition: String(parts[1]), service: String(parts[2]), region: String(parts[3]),
            account: String(parts[4]), resource: String(parts[5]))
    }

    /// The part of the resource before its first `/` or `:` (`trail`, `key`, `role`), or nil if it has neither.
    public var resourceType: String? {
        guard let end = resource.firstIndex(where: { $0 == "/" || $0 == ":" }) else { return nil }
        return String(resource[..<end])
    }

    /// The resource after its type (`org-trail`, the key id, `name/session`), or the whole resource if it has no type.
    public var resourceId: String {
        guard let end = resource.firstIndex(where: { $0 == "/" || $0 == ":" }) else { return resource }
        return String(resource[resource.index(after: end)...])
    }

    /// The Region of the ARN in `text`; nil if `text` is not an ARN or the ARN names no Region.
    public static func region(in text: String) -> String? {
        guard let region = ARN(text)?.region, !region.isEmpty else { return nil }
        return region
    }

    /// The account of the ARN in `text`, found without building its other parts (policy evaluation asks for it
    /// on every request); nil if `text` is not an ARN or the ARN names no account.
    public static func account(in text: String) -> String? {
        let bytes = text.utf8
        guard bytes.starts(with: "arn:".utf8) else { return nil }
        var colons = 0
        var fieldStart = bytes.startIndex
        for index in bytes.indices where bytes[index] == UInt8(ascii: ":") {
            colons += 1
            if (colons == 2 || colons == 3) && index == fieldStart { return nil }
            if colons == 5 { return index == fieldStart ? nil : String(text[fieldStart..<index]) }
            fieldStart = bytes.index(after: index)
        }
        return nil
    }

    /// Whether the account is twelve ASCII digits, as every AWS account id is.
    public var hasAccountId: Bool { AccountId.isValid(account) }

    public var description: String { "arn:\(partition):\(service):\(region):\(account):\(resource)" }
}

/// Twelve-digit AWS account ids.
public enum AccountId {
    /// Whether `text` is twelve ASCII digits.
    public static func isValid(_ text: some StringProtocol) -> Bool {
        text.utf8.count == 12 && text.utf8.allSatisfy { (48...57).contains($0) }
    }
}
