import IAMPolicy

/// Everything an account check may look at for one managed account: the account's own answers, its place in the
/// organization, and the organization trail with its bucket and keys.
public struct AccountContext: Sendable {
    public var accountId: String
    /// What was read inside the account.
    public var member: MemberAccountData
    public var tree: OrganizationTree
    /// The organization trail being checked, with the snapshot; nil when the snapshot lists no trail.
    public var trail: TrailContext?
    public var snapshot: Snapshot

    public init(
        accountId: String, member: MemberAccountData, tree: OrganizationTree, trail: TrailContext?,
        snapshot: Snapshot
    ) {
        self.accountId = accountId
        self.member = member
        self.tree = tree
        self.trail = trail
        self.snapshot = snapshot
    }

    var scan: OrganizationScan { tree.scan }

    /// The organization's management account: `describe-organization`'s, else the caller's.
    var managementAccountId: String? {
        snapshot.organization.value?.organization.managementAccountId ?? snapshot.callerIdentity.value?.account
    }

    /// True for the management account, which SCPs and RCPs do not limit.
    var isManagementAccount: Bool { accountId == managementAccountId }

    /// The organization id, from `--org-id` or `describe-organization`.
    var organizationId: String? { trail?.organizationId ?? snapshot.organization.value?.organization.id }

    /// The service's pattern first, then every other pattern of the scan, each once.
    var principalPatterns: [String] {
        var patterns = [PolicyInputs.defaultPrincipalArnPattern]
        for pattern in scan.principalArnPatterns where !patterns.contains(pattern) { patterns.append(pattern) }
        return patterns
    }

    /// The customer's patterns: every pattern other than the service's.
    var customerPatterns: [String] { principalPatterns.filter { $0 != PolicyInputs.defaultPrincipalArnPattern } }

    /// The account's place in the organization.
    var path: Result<AccountPath, OrganizationTree.PathUnknown> { tree.path(of: accountId) }

    /// The account's name as Organizations lists it.
    var accountName: String? { tree.paths[accountId]?.accountName }

    /// The account that owns the delivery bucket: the bucket's recorded owner, else the scan's bucket account.
    var bucketOwner: String? { trail?.bucket?.ownerAccountId ?? scan.bucketAccount }

    /// The roles of the account that match `pattern`.
    func roles(matching pattern: String) -> [IAMRole] {
        (member.roles.value?.roles ?? []).filter { Self.matches(pattern, $0.arn) }
    }

    /// True when the role ARN matches the pattern (IAM's wildcards; ARNs compare case-sensitively).
    static func matches(_ pattern: String, _ arn: String) -> Bool {
        Glob.matches(pattern, arn)
    }

    /// Why the account could not be read at all: its role could not be assumed.
    var unreadable: String? {
        guard let error = member.callerIdentity.error else { return nil }
        guard let role = member.roleArn else {
            return "Account \(accountId) could not be read with the caller's credentials (\(error.description))."
        }
        return "Role \(role) could not be assumed into account \(accountId) (\(error.description)), so nothing "
            + "of the account was read. Make the role exist and trust the caller, or choose another with "
            + "--assume-role-name."
    }
}
