import ArgumentParser
import TrailGateBasics
import TrailGateConfig
import TrailGateCore
import TrailGateLive

/// `--organization` and the options that shape an organization run: the role assumed in each account, which
/// accounts, where the bucket is, how many accounts at a time, and the customer's role patterns.
struct OrganizationScanOptions: ParsableArguments {
    @Flag(
        name: .customLong("organization"),
        help:
            "Read every account of the organization (run as the management account or a delegated administrator).")
    var organization = false

    @Option(
        name: .customLong("assume-role-name"),
        help: ArgumentHelp(
            "With --organization, the role assumed in each account (default: OrganizationAccountAccessRole).",
            valueName: "name"))
    var assumeRoleName: String?

    @Option(
        name: .customLong("external-id"),
        help: ArgumentHelp("With --organization, the external id the role's trust policy asks for.", valueName: "id"))
    var externalId: String?

    @Option(
        name: .customLong("accounts"),
        help: ArgumentHelp(
            "Only these accounts of the organization (comma-separated ids; with --ou, theirs too).", valueName: "ids"))
    var accounts: String?

    @Option(
        name: .customLong("exclude-accounts"),
        help: ArgumentHelp("With --organization, leave these accounts out (comma-separated ids).", valueName: "ids"))
    var excludeAccounts: String?

    @Option(
        name: .customLong("ou"),
        help: ArgumentHelp(
            "With --organization, only the accounts under this OU at any depth (repeatable, or comma-separated).",
            valueName: "ou-id"))
    var organizationalUnits: [String] = []

    @Option(
        name: .customLong("bucket-account"),
        help: ArgumentHelp(
            "With --organization, the account that owns the trail's bucket (else the account that lists it).",
            valueName: "id"))
    var bucketAccount: String?

    @Option(
        help: ArgumentHelp(
            "With --organization, how many accounts are read at a time (default: 8).", valueName: "count"))
    var concurrency: Int?

    @OptionGroup var principals: PrincipalPatternOptions

    func validate() throws {
        let given = [
            ("--assume-role-name", assumeRoleName != nil), ("--external-id", externalId != nil),
            ("--accounts", accounts != nil), ("--exclude-accounts", excludeAccounts != nil),
            ("--ou", !organizationalUnits.isEmpty), ("--bucket-account", bucketAccount != nil),
            ("--concurrency", concurrency != nil),
            ("--principal-arn-pattern", !principals.principalArnPatterns.isEmpty),
        ]
        if !organization, let option = given.first(where: \.1)?.0 {
            throw ValidationError("\(option) is for an organization run: add --organization")
        }
        if let assumeRoleName, !Self.isRoleName(assumeRoleName) {
            throw ValidationError("--assume-role-name: \"\(assumeRoleName)\" is not an IAM role name")
        }
        if let externalId, externalId.isEmpty || externalId.count > 1224 {
            throw ValidationError("--external-id must be 1 to 1224 characters")
        }
        _ = try Self.accountIds(accounts, option: "--accounts")
        _ = try Self.accountIds(excludeAccounts, option: "--exclude-accounts")
        if let bucketAccount, !AccountId.isValid(bucketAccount) {
            throw ValidationError("--bucket-account: \"\(bucketAccount)\" is not an account id (12 digits)")
        }
        for unit in ouIds where !Self.isOrganizationalUnitId(unit) {
            throw ValidationError("--ou: \"\(unit)\" is not an OU id (ou-…)")
        }
        if let concurrency, !(1...64).contains(concurrency) {
            throw ValidationError("--concurrency must be a number of accounts from 1 to 64")
        }
        for pattern in principals.principalArnPatterns {
            do {
                try PolicyInputValidation.validatePrincipalArnPattern(pattern)
            } catch {
                throw ValidationError(error.description(naming: "--principal-arn-pattern"))
            }
        }
    }

    /// The run's request; patterns from the option, else from the configuration file.
    func request(_ configuration: Configuration) throws -> OrganizationScanRequest {
        OrganizationScanRequest(
            assumeRoleName: assumeRoleName ?? OrganizationScanRequest.defaultRoleName, externalId: externalId,
            accounts: try Self.accountIds(accounts, option: "--accounts"),
            excludeAccounts: try Self.accountIds(excludeAccounts, option: "--exclude-accounts"),
            organizationalUnits: ouIds, bucketAccount: bucketAccount,
            concurrency: concurrency ?? OrganizationScanRequest.defaultConcurrency,
            extraPrincipalArnPatterns: principals.patterns(configuration))
    }

    /// The OUs of every `--ou`, comma lists split, each once.
    private var ouIds: [String] {
        var seen: Set<String> = []
        return organizationalUnits.flatMap { $0.split(separator: ",").map(String.init) }.filter {
            seen.insert($0).inserted
        }
    }

    /// The ids of a comma list, each once; one that is not 12 digits is one line naming the option.
    private static func accountIds(_ list: String?, option: String) throws -> [String] {
        guard let list else { return [] }
        var seen: Set<String> = []
        let ids = list.split(separator: ",", omittingEmptySubsequences: false).map {
            $0.trimmingCharacters(in: .whitespaces)
        }
        for id in ids where !AccountId.isValid(id) {
            throw ValidationError("\(option): \"\(id)\" is not an account id (12 digits)")
        }
        return ids.filter { seen.insert($0).inserted }
    }

    /// `ou-` then 4 to 32 lowercase letters or digits, a hyphen, and 8 to 32 more (Organizations' pattern).
    static func isOrganizationalUnitId(_ text: String) -> Bool {
        let parts = text.split(separator: "-", omittingEmptySubsequences: false)
        let plain: (Substring) -> Bool = {
            $0.utf8.allSatisfy { (0x30...0x39).contains($0) || (0x61...0x7a).contains($0) }
        }
        return parts.count == 3 && parts[0] == "ou" && (4...32).contains(parts[1].count) && plain(parts[1])
            && (8...32).contains(parts[2].count) && plain(parts[2])
    }

    /// IAM's role-name characters, 1 to 64 of them.
    static func isRoleName(_ text: String) -> Bool {
        (1...64).contains(text.count)
            && text.allSatisfy { $0.isASCII && ($0.isLetter || $0.isNumber || "+=,.@_-".contains($0)) }
    }
}
