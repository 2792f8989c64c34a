/// A place in the organization a policy can be attached to: the root, an OU or an account.
public struct OrganizationNode: Sendable, Equatable {
    /// Which of the three the node is.
    public enum Kind: Sendable, Equatable {
        case root, organizationalUnit, account
    }

    public var kind: Kind
    /// `r-…`, `ou-…` or the account id.
    public var id: String
    /// The OU's or account's name, when listed.
    public var name: String?

    public init(kind: Kind, id: String, name: String? = nil) {
        self.kind = kind
        self.id = id
        self.name = name
    }

    /// `r-ab12`, `ou-ab12-x (Workloads)`, `account 333333333333 (payments)`.
    public var display: String {
        let label = kind == .account ? "account \(id)" : id
        guard let name, !name.isEmpty, kind != .root else { return label }
        return "\(label) (\(name))"
    }
}

/// The organization's path down to one account: the root, then each OU.
public struct AccountPath: Sendable, Equatable {
    public var accountId: String
    public var accountName: String?
    /// `ACTIVE`, `SUSPENDED`, … as Organizations lists the account.
    public var status: String?
    /// The root first, then every OU down to the account's parent.
    public var ancestors: [OrganizationNode]

    /// `r-ab12 / ou-ab12-x (Workloads) / ou-ab12-y (Prod)`.
    public var ouPath: String { ancestors.map(\.display).joined(separator: " / ") }

    /// The value of `aws:PrincipalOrgPaths` for a principal in the account: `o-…/r-…/ou-…/ou-…/`.
    public func principalOrgPath(organizationId: String) -> String {
        ([organizationId] + ancestors.map(\.id)).joined(separator: "/") + "/"
    }

    /// The account as a node, for the policies attached to it directly.
    public var node: OrganizationNode { OrganizationNode(kind: .account, id: accountId, name: accountName) }

    /// Every level policies are attached at: the root, each OU, the account.
    public var levels: [OrganizationNode] { ancestors + [node] }
}
