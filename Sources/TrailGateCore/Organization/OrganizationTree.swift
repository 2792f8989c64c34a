import IAMPolicy

/// The organization as an organization scan read it: every account's path from the root, and the SCPs and RCPs
/// attached at each level of a path.
public struct OrganizationTree: Sendable {
    public let scan: OrganizationScan
    /// Every account found under the roots, by account id.
    public let paths: [String: AccountPath]
    /// Why part of the tree is missing: a listing that failed or was not read, in walk order.
    public let gaps: [String]
    /// Each described policy's document, parsed once however many levels list it; the error when it is not a
    /// valid policy.
    private let documents: [String: Result<PolicyDocument, PolicyError>]

    public init(scan: OrganizationScan) {
        self.scan = scan
        var paths: [String: AccountPath] = [:]
        var gaps: [String] = []
        var visited: Set<String> = []
        func walk(_ parent: OrganizationNode, ancestors: [OrganizationNode]) {
            // An edited snapshot could list an OU under itself: each parent is walked once.
            guard visited.insert(parent.id).inserted else { return }
            let chain = ancestors + [parent]
            switch scan.accounts[parent.id] ?? .absent {
            case .value(let listed):
                for account in listed.accounts {
                    paths[account.id] = AccountPath(
                        accountId: account.id, accountName: account.name, status: account.status, ancestors: chain)
                }
            case .error(let error):
                gaps.append("list-accounts-for-parent \(parent.id) failed with \(error.description)")
            case .absent:
                gaps.append("list-accounts-for-parent \(parent.id) is not in the snapshot")
            }
            switch scan.organizationalUnits[parent.id] ?? .absent {
            case .value(let listed):
                for unit in listed.organizationalUnits {
                    walk(OrganizationNode(kind: .organizationalUnit, id: unit.id, name: unit.name), ancestors: chain)
                }
            case .error(let error):
                gaps.append("list-organizational-units-for-parent \(parent.id) failed with \(error.description)")
            case .absent:
                gaps.append("list-organizational-units-for-parent \(parent.id) is not in the snapshot")
            }
        }
        switch scan.roots {
        case .value(let listed):
            for root in listed.roots {
                walk(OrganizationNode(kind: .root, id: root.id, name: root.name), ancestors: [])
            }
        case .error(let error):
            gaps.append("list-roots failed with \(error.description)")
        case .absent:
            gaps.append("list-roots is not in the snapshot")
        }
        self.paths = paths
        self.gaps = gaps
        documents = scan.policies.compactMapValues { slot in
            slot.value.map { described in
                Result { () throws(PolicyError) in try PolicyDocument(text: described.policy.content) }
            }
        }
    }

    /// The account's path, or why it is not known.
    public func path(of accountId: String) -> Result<AccountPath, PathUnknown> {
        if let path = paths[accountId] { return .success(path) }
        let why = gaps.isEmpty ? "it is not listed under any OU of the organization" : gaps.joined(separator: "; ")
        return .failure(
            PathUnknown(reason: "The place of account \(accountId) in the organization is unknown: \(why)."))
    }

    /// Why an account's path is unknown.
    public struct PathUnknown: Error, Sendable {
        public var reason: String
    }

    /// The guardrails of `kind` at every level of `path`: the root, each OU, the account.
    ///
    /// A level whose list failed with `PolicyTypeNotEnabledException` has the policy type off: no level is
    /// returned then, since guardrails of that type limit nothing.
    public func levels(_ kind: GuardrailKind, of path: AccountPath) -> [PolicyLevel] {
        var levels: [PolicyLevel] = []
        for node in path.levels {
            let slot: Slot<ListPoliciesForTargetResponse> =
                kind == .serviceControl
                ? scan.policiesForTarget[node.id]?.serviceControlPolicies ?? .absent
                : scan.policiesForTarget[node.id]?.resourceControlPolicies ?? .absent
            let call = "list-policies-for-target --target-id \(node.id) --filter \(kind.filter)"
            switch slot {
            case .value(let listed):
                levels.append(
                    PolicyLevel(node: node, policies: listed.policies.map { policy($0, kind: kind, at: node) }))
            case .error(let error) where error.code == "PolicyTypeNotEnabledException":
                return []
            case .error(let error):
                levels.append(
                    PolicyLevel(node: node, policies: [], problem: "\(call) failed with \(error.description)"))
            case .absent:
                levels.append(PolicyLevel(node: node, policies: [], problem: "\(call) is not in the snapshot"))
            }
        }
        return levels
    }

    /// One listed policy with its document from `describe-policy`, named for explanations.
    private func policy(_ summary: OrganizationPolicySummary, kind: GuardrailKind, at node: OrganizationNode)
        -> OrganizationPolicy
    {
        var policy = OrganizationPolicy(
            kind: kind, id: summary.id, name: summary.name, target: node, document: nil, problem: nil)
        switch scan.policies[summary.id] ?? .absent {
        case .value(let described):
            policy.name = policy.name ?? described.policy.summary.name
            switch documents[summary.id] {
            case .success(var document)?:
                document.name = policy.label
                policy.document = document
            case .failure(let error)?:
                policy.problem = "the \(policy.label) is not a valid policy: \(error.description)"
            case nil:
                policy.problem = "describe-policy \(summary.id) is not in the snapshot"
            }
        case .error(let error):
            policy.problem = "describe-policy \(summary.id) failed with \(error.description)"
        case .absent:
            policy.problem = "describe-policy \(summary.id) is not in the snapshot"
        }
        return policy
    }
}
