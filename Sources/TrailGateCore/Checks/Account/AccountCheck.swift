/// One requirement on a managed account of an organization run, judged as a pure function of the account's data.
public protocol AccountCheck: CheckDefinition {
    func evaluate(_ context: AccountContext) -> CheckResult
}

extension AccountCheck {
    /// Account checks judge a managed account of the organization.
    public var area: CheckArea { .organization }
}

/// Every check run on each managed account of an organization run, in report order.
public enum AccountCheckRegistry {
    public static let all: [any AccountCheck] = [
        ServiceAccessCheck(),
        RolesPresentCheck(),
        TrailVisibleCheck(),
    ]
}
