/// What an organization run reads: which managed accounts, through which role, and which roles in them.
public struct OrganizationScanRequest: Sendable, Equatable {
    /// The role assumed in every managed account (not in the caller's own account, read with its credentials).
    public var assumeRoleName: String
    /// The external id the role's trust policy asks for, if any.
    public var externalId: String?
    /// Only these accounts (with ``organizationalUnits``' accounts); empty for every active account.
    public var accounts: [String]
    /// Accounts left out of scope.
    public var excludeAccounts: [String]
    /// Only the accounts under these OUs, at any depth (with ``accounts``).
    public var organizationalUnits: [String]
    /// The account that owns the trail's bucket, when the user names it; else found from the accounts' buckets.
    public var bucketAccount: String?
    /// How many accounts are read at a time.
    public var concurrency: Int
    /// The role ARN patterns matched over each account's roles: the service's first, then the customer's.
    public var principalArnPatterns: [String]

    /// The role AWS Organizations creates in the accounts it creates.
    public static let defaultRoleName = "OrganizationAccountAccessRole"
    /// The service's roles, always matched.
    public static let servicePattern = "arn:aws:iam::*:role/ams-access-*"
    /// Accounts read at a time unless the user says otherwise.
    public static let defaultConcurrency = 8

    /// A request; ``servicePattern`` comes first in ``principalArnPatterns``, then `extraPrincipalArnPatterns`
    /// in order, each once.
    public init(
        assumeRoleName: String = defaultRoleName, externalId: String? = nil, accounts: [String] = [],
        excludeAccounts: [String] = [], organizationalUnits: [String] = [], bucketAccount: String? = nil,
        concurrency: Int = defaultConcurrency, extraPrincipalArnPatterns: [String] = []
    ) {
        self.assumeRoleName = assumeRoleName
        self.externalId = externalId
        self.accounts = accounts
        self.excludeAccounts = excludeAccounts
        self.organizationalUnits = organizationalUnits
        self.bucketAccount = bucketAccount
        self.concurrency = max(1, concurrency)
        var seen: Set<String> = []
        principalArnPatterns = ([Self.servicePattern] + extraPrincipalArnPatterns).filter { seen.insert($0).inserted }
    }
}

/// Why an organization run cannot start: the organization cannot be read, or the selection names what is not in
/// it.
public enum OrganizationScanError: Error, Sendable, Equatable, CustomStringConvertible {
    /// AWS refused to list the organization (`code`): the caller is neither the management account nor a delegated
    /// administrator, or the account is in no organization.
    case organizationUnreadable(code: String)
    /// Accounts of the selection (`--accounts` or `--exclude-accounts`) that are not in the organization.
    case unknownAccounts(option: String, ids: [String])
    /// OUs of the selection that are not in the organization.
    case unknownOrganizationalUnits([String])

    public var description: String {
        switch self {
        case .organizationUnreadable(let code):
            return
                "the caller cannot read the organization (Organizations answered \(code)): run with the management account or a delegated administrator"
        case .unknownAccounts(let option, let ids):
            return
                "\(option): \(Self.list(ids)) \(ids.count == 1 ? "is not an account" : "are not accounts") of the organization"
        case .unknownOrganizationalUnits(let ids):
            return "--ou: \(Self.list(ids)) \(ids.count == 1 ? "is not an OU" : "are not OUs") of the organization"
        }
    }

    private static func list(_ ids: [String]) -> String { ids.joined(separator: ", ") }
}
