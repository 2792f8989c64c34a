/// The verdict on every managed account of an organization run.
public struct OrganizationReport: Sendable {
    /// The organization's id, when known.
    public var organizationId: String?
    /// The managed accounts, sorted by id.
    public var accounts: [AccountReport]
    /// How many accounts of the organization are not managed (outside the selection, or not active).
    public var accountsSkipped: Int

    public init(organizationId: String?, accounts: [AccountReport], accountsSkipped: Int) {
        self.organizationId = organizationId
        self.accounts = accounts.sorted { $0.accountId < $1.accountId }
        self.accountsSkipped = accountsSkipped
    }

    /// Ready when every managed account is.
    public var ready: Bool { accounts.allSatisfy(\.ready) }

    /// Accounts decided: ready, or with a failing check.
    public var accountsChecked: Int { accounts.filter { $0.verdict != .unknown }.count }

    /// Accounts that could not be decided: no check fails, but some is unknown.
    public var accountsUnknown: Int { accounts.filter { $0.verdict == .unknown }.count }

    public func count(_ status: CheckStatus) -> Int {
        accounts.reduce(0) { $0 + $1.results.filter { $0.status == status }.count }
    }
}

/// The account checks of one managed account.
public struct AccountReport: Sendable {
    public var accountId: String
    public var name: String?
    /// `r-ab12 / ou-ab12-x (Workloads)`; nil when the account's place is unknown.
    public var ouPath: String?
    public var results: [CheckResult]

    public init(accountId: String, name: String?, ouPath: String?, results: [CheckResult]) {
        self.accountId = accountId
        self.name = name
        self.ouPath = ouPath
        self.results = results
    }

    /// Ready when no check fails or is unknown.
    public var ready: Bool { !results.contains(where: \.blocksReadiness) }

    /// `ready`, `not-ready` (a check fails) or `unknown` (none fails, some is unknown).
    public var verdict: Verdict {
        if ready { return .ready }
        return results.contains { $0.status == .fail && $0.waiver == nil } ? .notReady : .unknown
    }

    public enum Verdict: String, Sendable {
        case ready
        case notReady = "not-ready"
        case unknown
    }
}
