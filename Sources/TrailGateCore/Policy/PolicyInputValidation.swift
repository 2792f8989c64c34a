/// A value that cannot go into the required statements: which input, the value as given, and why.
public struct PolicyInputError: Error, Sendable, Equatable, CustomStringConvertible {
    /// The input at fault.
    public enum Input: String, Sendable {
        case bucket = "bucket name"
        case organizationId = "organization id"
        case prefix = "prefix"
        case principalArnPattern = "principal ARN pattern"
    }

    /// Which input the value was given for.
    public var input: Input
    /// The value exactly as given.
    public var value: String
    /// What is wrong, in one phrase.
    public var reason: String

    /// An error about `value`, given for `input`, with `reason` in one phrase.
    public init(_ input: Input, value: String, reason: String) {
        self.input = input
        self.value = value
        self.reason = reason
    }

    /// `bucket name "Acme": may contain only …`.
    public var description: String { description(naming: input.rawValue) }

    /// The message with the input called `name`, e.g. the command-line option that gave it.
    public func description(naming name: String) -> String { "\(name) \(quoted(value)): \(reason)" }
}

/// Text in double quotes, with quotes, backslashes and control characters escaped so it stays on one line.
func quoted(_ text: some StringProtocol) -> String {
    "\"" + text.unicodeScalars.map { $0.escaped(asASCII: false) }.joined() + "\""
}

/// The naming rules a value must follow before TrailGate writes it into a bucket or key policy.
public enum PolicyInputValidation {
    /// CloudTrail's limit on a trail's `S3KeyPrefix`, in characters.
    public static let maximumPrefixLength = 200

    private static let reservedBucketPrefixes = ["xn--", "sthree-", "amzn-s3-demo-"]
    private static let reservedBucketSuffixes = ["-s3alias", "--ol-s3", ".mrap", "--x-s3", "--table-s3"]

    /// Checks the naming rules of general purpose S3 buckets.
    public static func validateBucketName(_ name: String) throws(PolicyInputError) {
        func fail(_ reason: String) -> PolicyInputError { PolicyInputError(.bucket, value: name, reason: reason) }
        guard (3...63).contains(name.count) else {
            throw fail("must be 3 to 63 characters long, it has \(name.count)")
        }
        if let bad = name.first(where: { !isLowercaseLetterOrDigit($0) && $0 != "." && $0 != "-" }) {
            throw fail("may contain only lowercase letters, digits, dots and hyphens, not \(quoted(String(bad)))")
        }
        guard let first = name.first, let last = name.last, isLowercaseLetterOrDigit(first),
            isLowercaseLetterOrDigit(last)
        else {
            throw fail("must start and end with a lowercase letter or digit")
        }
        if name.contains("..") { throw fail("must not contain two adjacent dots") }
        if name.wholeMatch(of: /[0-9]+\.[0-9]+\.[0-9]+\.[0-9]+/) != nil {
            throw fail("must not be formatted as an IP address")
        }
        if let reserved = reservedBucketPrefixes.first(where: { name.hasPrefix($0) }) {
            throw fail("must not start with the reserved prefix \"\(reserved)\"")
        }
        if let reserved = reservedBucketSuffixes.first(where: { name.hasSuffix($0) }) {
            throw fail("must not end with the reserved suffix \"\(reserved)\"")
        }
    }

    /// Checks an AWS Organizations id: `o-` and 10 to 32 lowercase letters or digits.
    public static func validateOrganizationId(_ id: String) throws(PolicyInputError) {
        guard id.wholeMatch(of: /o-[a-z0-9]{10,32}/) != nil else {
            throw PolicyInputError(
                .organizationId, value: id,
                reason: "must be o- followed by 10 to 32 lowercase letters or digits")
        }
    }

    /// The prefix as CloudTrail stores it, leading and trailing slashes removed; nil when nothing is left.
    ///
    /// A prefix must fit CloudTrail's 200 characters and have no empty segment. Characters that a policy would
    /// read as more than text are refused: `*` and `?` are wildcards in the `Resource` and the `s3:prefix`
    /// condition, and `${` starts a policy variable.
    public static func normalizedPrefix(_ prefix: String) throws(PolicyInputError) -> String? {
        func fail(_ reason: String) -> PolicyInputError { PolicyInputError(.prefix, value: prefix, reason: reason) }
        let trimmed = String(prefix.drop { $0 == "/" }.reversed().drop { $0 == "/" }.reversed())
        if trimmed.isEmpty { return nil }
        guard trimmed.count <= maximumPrefixLength else {
            throw fail(
                "is \(trimmed.count) characters long, "
                    + "over CloudTrail's limit of \(maximumPrefixLength) for S3KeyPrefix")
        }
        if trimmed.contains("//") { throw fail("has an empty segment (\"//\")") }
        if let wildcard = trimmed.first(where: { $0 == "*" || $0 == "?" }) {
            throw fail("must not contain \"\(wildcard)\": it would be a wildcard in the policy")
        }
        if trimmed.contains("${") { throw fail("must not contain \"${\": it would start a policy variable") }
        if trimmed.unicodeScalars.contains(where: { $0.properties.generalCategory == .control }) {
            throw fail("must not contain control characters")
        }
        return trimmed
    }

    /// Checks a pattern of IAM role ARNs for `aws:PrincipalArn`: `arn:<partition>:iam::<account>:role/<path/name>`,
    /// with `*` and `?` allowed in the account and the role's path and name only.
    public static func validatePrincipalArnPattern(_ pattern: String) throws(PolicyInputError) {
        func fail(_ reason: String) -> PolicyInputError {
            PolicyInputError(.principalArnPattern, value: pattern, reason: reason)
        }
        let parts = pattern.split(separator: ":", maxSplits: 5, omittingEmptySubsequences: false).map(String.init)
        guard parts.count == 6, parts[0] == "arn" else {
            throw fail("must have the form arn:<partition>:iam::<account>:role/<name>")
        }
        let (partition, service, region, account, resource) = (parts[1], parts[2], parts[3], parts[4], parts[5])
        if containsWildcard(partition) { throw fail("wildcards are not allowed in the partition") }
        guard partition.wholeMatch(of: /aws(-[a-z]+)*/) != nil else {
            throw fail("\(quoted(partition)) is not an AWS partition (aws, aws-cn, aws-us-gov, …)")
        }
        if containsWildcard(service) { throw fail("wildcards are not allowed in the service segment, it must be iam") }
        guard service == "iam" else { throw fail("not an IAM role ARN: the service is \(quoted(service)), not iam") }
        guard region.isEmpty else { throw fail("IAM ARNs have no Region, found \(quoted(region))") }
        guard isAccountPattern(account) else {
            throw fail("the account \(quoted(account)) must be 12 digits, or digits with * and ? wildcards")
        }
        guard resource.hasPrefix("role/") else {
            throw fail("not an IAM role ARN: the resource is \(quoted(resource)), not role/<name>")
        }
        let segments = resource.dropFirst("role/".count).split(separator: "/", omittingEmptySubsequences: false)
        guard let name = segments.last, !name.isEmpty else { throw fail("the role name after role/ is missing") }
        if segments.dropLast().contains(where: \.isEmpty) { throw fail("the role path has an empty segment (\"//\")") }
        let pathScalars = segments.dropLast().joined(separator: "/").unicodeScalars
        if let bad = pathScalars.first(where: { !(0x21...0x7E).contains($0.value) }) {
            throw fail("the role path may contain only printable ASCII characters, not \(quoted(String(bad)))")
        }
        if let bad = name.first(where: { !isRoleNameCharacter($0) }) {
            throw fail(
                "a role name may contain only letters, digits, + = , . @ _ - and the wildcards * ?, "
                    + "not \(quoted(String(bad)))")
        }
    }

    private static func isLowercaseLetterOrDigit(_ c: Character) -> Bool {
        ("a"..."z").contains(c) || ("0"..."9").contains(c)
    }

    private static func containsWildcard(_ text: String) -> Bool {
        text.contains("*") || text.contains("?")
    }

    /// 12 digits, or digits, `?` and `*` that can match 12 digits.
    private static func isAccountPattern(_ account: String) -> Bool {
        guard !account.isEmpty, account.allSatisfy({ ("0"..."9").contains($0) || $0 == "*" || $0 == "?" }) else {
            return false
        }
        let fixed = account.filter { $0 != "*" }.count
        return account.contains("*") ? fixed <= 12 : fixed == 12
    }

    private static func isRoleNameCharacter(_ c: Character) -> Bool {
        guard c.isASCII else { return false }
        return c.isLetter || c.isNumber || "+=,.@_-*?".contains(c)
    }
}
