import IAMPolicy
import TrailGateBasics

/// What refused one request of a role in a managed account: the deciding policy (and statement), in the order AWS
/// evaluates them.
enum RefusalCause {
    /// A statement that explicitly denies: in a guardrail, a role policy, a boundary, or the bucket or key policy.
    case deny(StatementEvaluation, PolicyOrigin?)
    /// No SCP attached at this level allows the request.
    case guardrailLevel(PolicyLevel, nearest: StatementEvaluation?)
    /// The role's identity policies do not allow the request.
    case identity(role: String, nearest: StatementEvaluation?)
    /// The role's permissions boundary does not allow the request.
    case boundary(arn: String)
    /// The bucket or key policy does not grant the request.
    case resourcePolicy(name: String, origin: PolicyOrigin?, nearest: StatementEvaluation?)

    /// Finds the cause of a refusal from the evaluation and the SCP levels that took part in it.
    init(
        _ evaluation: Evaluation, principal: AccountPrincipal, serviceControlLevels: [PolicyLevel],
        resourcePolicyName: String, policies: AccountPolicies
    ) {
        let statements = evaluation.statements
        if let deny = statements.first(where: { $0.matched && $0.effect == .deny }) {
            self = .deny(deny, policies.origins[deny.policy])
            return
        }
        for level in serviceControlLevels {
            let names = Set(level.policies.map(\.label))
            let candidates = statements.filter {
                $0.source == .serviceControl && $0.effect == .allow && names.contains($0.policy)
            }
            if !candidates.contains(where: \.matched) {
                let nearest =
                    candidates.first { $0.actionMatched && $0.resourceMatched }
                    ?? candidates.first(where: \.actionMatched) ?? candidates.first
                self = .guardrailLevel(level, nearest: nearest)
                return
            }
        }
        let identityAllows = statements.contains { $0.source == .identity && $0.effect == .allow && $0.matched }
        if principal.identityPolicies != nil, !identityAllows {
            self = .identity(role: principal.roleName, nearest: evaluation.nearestAllow(from: .identity))
            return
        }
        if let arn = principal.boundaryArn,
            !statements.contains(where: { $0.source == .permissionBoundary && $0.effect == .allow && $0.matched })
        {
            self = .boundary(arn: arn)
            return
        }
        self = .resourcePolicy(
            name: resourcePolicyName, origin: policies.origins[resourcePolicyName],
            nearest: evaluation.nearestAllow(from: .resource))
    }

    /// `denied` or `not granted`.
    var outcome: String {
        if case .deny = self { return "denied" }
        return "not granted"
    }

    /// The cause in words, naming the policy and statement but neither the action nor the role, so that the
    /// requests refused by the same statement group.
    var reason: String {
        switch self {
        case .deny(let statement, _):
            return "denied by statement \(statement.label) of the \(statement.policy)"
        case .guardrailLevel(let level, _):
            return "no SCP attached to \(level.node.display) allows it"
        case .identity:
            return "no identity policy of the role allows it"
        case .boundary(let arn):
            return "the permissions boundary \(arn) does not allow it"
        case .resourcePolicy(let name, _, _):
            return "the \(name) does not grant it"
        }
    }

    /// The nearest Allow, when the cause is a missing one.
    var nearest: StatementEvaluation? {
        switch self {
        case .guardrailLevel(_, let nearest), .identity(_, let nearest), .resourcePolicy(_, _, let nearest):
            return nearest
        case .deny, .boundary:
            return nil
        }
    }

    /// What to change so that the requests `actions` of the roles `roles` are granted; `patterns` are the principal
    /// patterns a guardrail must exempt.
    func remediation(actions: [String], roles: [String], patterns: [String], context: AccountContext) -> String {
        let actionList = actions.joined(separator: ", ")
        let exemption =
            "\"ArnNotLike\": {\"aws:PrincipalArn\": ["
            + patterns.map { "\"\($0)\"" }.joined(separator: ", ") + "]}"
        switch self {
        case .deny(let statement, .guardrail(let policy)?):
            return "Add to statement \(statement.label) of \(policy.label) the condition \(exemption), so that it "
                + "exempts the roles reading the logs (a guardrail change is the organization's decision)."
        case .deny(let statement, .identity(_, let policy)?):
            return "Narrow statement \(statement.label) of \(policy) so that it does not deny \(actionList)."
        case .deny(let statement, .boundary(_, let arn)?):
            return "Narrow statement \(statement.label) of the permissions boundary \(arn) so that it does not deny "
                + "\(actionList)."
        case .deny(let statement, .bucketPolicy?):
            return "Narrow statement \(statement.label) of the bucket policy: see bucket.policy-access's fix."
        case .deny(let statement, .keyPolicy(let arn)?):
            return "Narrow statement \(statement.label) of the key policy of \(arn): see kms.key-policy-access's fix."
        case .deny(let statement, nil):
            return "Narrow statement \(statement.label) of the \(statement.policy) so that it does not deny "
                + "\(actionList)."
        case .guardrailLevel(let level, let nearest):
            let list = nearest.map { " (or add them to the Allow list of the \($0.policy))" } ?? ""
            return "Attach to \(level.node.display) an SCP that allows \(actionList), such as FullAWSAccess\(list)."
        case .identity:
            var resources: [String] = []
            if actions.contains(where: { $0.hasPrefix("s3:") }) { resources.append("the bucket and its log objects") }
            if actions.contains(where: { $0.hasPrefix("kms:") }) { resources.append("the trail's keys") }
            let scope = resources.isEmpty ? "" : " (on \(resources.joined(separator: " and ")))"
            let owners = roles.count == 1 ? "a policy of role" : "a policy of each of roles"
            return "Add an Allow for \(actionList) to \(owners) \(roles.joined(separator: ", ")) in account "
                + "\(context.accountId)\(scope)."
        case .boundary(let arn):
            return "Allow \(actionList) in the permissions boundary \(arn) of role \(roles.joined(separator: ", "))."
        case .resourcePolicy(_, .keyPolicy(let arn)?, _):
            let owner = ARN.account(in: arn).map { " in account \($0)" } ?? ""
            return "The key policy of \(arn) does not grant these requests: apply kms.key-policy-access's fix\(owner)."
        case .resourcePolicy(let name, _, _):
            let owner = context.bucketOwner.map { " in account \($0)" } ?? ""
            return "The \(name) does not grant these requests: apply bucket.policy-access's fix\(owner)."
        }
    }
}
