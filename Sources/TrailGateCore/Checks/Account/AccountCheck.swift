/// One requirement on a managed account of an organization run, judged as a pure function of the account's data.
public protocol AccountCheck: Sendable {
    /// Stable identifier, e.g. `account.service-access`.
    var id: CheckID { get }
    /// What the requirement is, in a few words.
    var title: String { get }
    func evaluate(_ context: AccountContext) -> CheckResult
}

extension AccountCheck {
    /// A result of this check.
    func result(
        _ status: CheckStatus, _ summary: String, evidence: [Evidence] = [], notes: [String] = [],
        remediation: Remediation? = nil, requests: [RequestOutcome] = []
    ) -> CheckResult {
        CheckResult(
            id: id, title: title, status: status, summary: summary, evidence: evidence, notes: notes,
            remediation: remediation, requests: requests)
    }
}

/// Every check run on each managed account of an organization run, in report order.
public enum AccountCheckRegistry {
    public static let all: [any AccountCheck] = [
        ServiceAccessCheck(),
        RolesPresentCheck(),
        TrailVisibleCheck(),
    ]
}
