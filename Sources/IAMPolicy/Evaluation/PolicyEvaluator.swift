/// Decides requests the way AWS documents policy evaluation: explicit deny wins; SCPs, RCPs, boundaries, session
/// and endpoint policies limit; same-account requests need an allow on either side, cross-account requests on
/// both; a KMS key policy is the primary authority and its account statement only delegates to IAM policies.
public struct PolicyEvaluator: Sendable {
    public init() {}

    public func evaluate(_ request: AuthorizationRequest, policies: PolicySet) -> Evaluation {
        if request.action.lowercased() == "sts:getcalleridentity" {
            return Evaluation(decision: .allowed, reason: "sts:GetCallerIdentity needs no permission and cannot be denied.",
                              allowedBy: nil, assumptions: [], statements: [])
        }
        let context = request.effectiveContext
        var all: [StatementEvaluation] = []
        func run(_ policy: PolicyDocument, _ label: String, _ source: PolicySource) -> [StatementEvaluation] {
            let results = policy.statements.map {
                evaluate($0, of: policy, label: label, source: source, hasBoundary: policies.permissionBoundaries != nil,
                         request: request, context: context)
            }
            all += results
            return results
        }

        let identity = policies.identityPolicies.map { $0.enumerated().flatMap { run($1, "identity policy \($0 + 1)", .identity) } }
        let resource = policies.resourcePolicy.map { run($0, "resource policy", .resource) }
        let principalIsService = request.principal.kind == .service || request.principal.kind == .anonymous
        let scpLevels = principalIsService ? [] : policies.serviceControlPolicies.enumerated().map { level, docs in
            docs.enumerated().flatMap { run($1, "SCP \($0 + 1) at level \(level + 1)", .serviceControl) }
        }
        for (level, docs) in policies.resourceControlPolicies.enumerated() {
            for (index, doc) in docs.enumerated() { _ = run(doc, "RCP \(index + 1) at level \(level + 1)", .resourceControl) }
        }
        let boundaries = policies.permissionBoundaries.map { $0.enumerated().flatMap { run($1, "permission boundary \($0 + 1)", .permissionBoundary) } }
        let session = policies.sessionPolicy.map { run($0, "session policy", .session) }
        let endpoints = policies.endpointPolicies.enumerated().map { run($1, "endpoint policy \($0 + 1)", .endpoint) }

        if let deny = all.first(where: { $0.matched && $0.effect == .deny }) {
            return Evaluation(decision: .explicitDeny, reason: "Explicitly denied by statement \(deny.label) of the \(deny.policy): \(deny.reason)",
                              allowedBy: nil, assumptions: [], statements: all)
        }

        func allows(_ statements: [StatementEvaluation]) -> StatementEvaluation? {
            statements.first { $0.matched && $0.effect == .allow }
        }
        func implicit(_ reason: String, among candidates: [StatementEvaluation]) -> Evaluation {
            var text = reason
            if let nearest = candidates.filter({ $0.effect == .allow }).max(by: { $0.closeness < $1.closeness }) {
                text += " Nearest: statement \(nearest.label) of the \(nearest.policy), where \(nearest.reason)"
            }
            return Evaluation(decision: .implicitDeny, reason: text, allowedBy: nil, assumptions: [], statements: all)
        }

        if let level = scpLevels.firstIndex(where: { allows($0) == nil }) {
            return implicit("No SCP at organization level \(level + 1) allows \(request.action).", among: scpLevels[level])
        }
        if let endpoint = endpoints.firstIndex(where: { allows($0) == nil }) {
            return implicit("Endpoint policy \(endpoint + 1) does not allow \(request.action).", among: endpoints[endpoint])
        }

        var assumptions: [String] = []
        let identityAllow: StatementEvaluation?
        let identityAllows: Bool
        if principalIsService {
            identityAllow = nil
            identityAllows = false
        } else if let identity {
            identityAllow = allows(identity)
            identityAllows = identityAllow != nil
        } else {
            identityAllow = nil
            identityAllows = true
            assumptions.append("Identity policies were not given: allowed only if the principal's own IAM policies also allow \(request.action).")
        }
        let boundaryAllows = boundaries.map { allows($0) != nil } ?? true
        let sessionAllows = session.map { allows($0) != nil } ?? true
        let identitySide = identityAllows && boundaryAllows && sessionAllows
        // The strongest grant among the matching resource-policy Allows: a statement naming the principal (or
        // everyone) grants by itself even when an account-delegation statement comes first.
        let resourceAllow = resource.flatMap { statements in
            statements.filter { $0.matched && $0.effect == .allow }.max { $0.principalMatch.strength < $1.principalMatch.strength }
        }
        let sameAccount = request.principal.accountId != nil && request.principal.accountId == request.owningAccountId
        let authority = PrimaryAuthority(request)

        func allowed(by statement: StatementEvaluation?, _ why: String) -> Evaluation {
            let source = statement.map { "Allowed by statement \($0.label) of the \($0.policy)" } ?? "Allowed"
            return Evaluation(decision: .allowed, reason: "\(source) (\(why)).", allowedBy: statement, assumptions: assumptions,
                              statements: all)
        }
        func identityBlocker() -> String {
            if !identityAllows { return "no identity policy allows it" }
            if !boundaryAllows { return "no permission boundary allows it" }
            return "the session policy does not allow it"
        }

        if let authority {
            let name = authority.policyName
            switch resourceAllow?.principalMatch {
            case .everyone?, .named?:
                if sameAccount || principalIsService { return allowed(by: resourceAllow, "the \(name) names the principal") }
                if identitySide { return allowed(by: resourceAllow, "the \(name) and the principal's account both allow it") }
                return implicit("The \(name) allows \(request.principal), but in the principal's account \(identityBlocker()).", among: all)
            case .account?:
                if identitySide { return allowed(by: identityAllow ?? resourceAllow, "the \(name) delegates to the account's IAM policies, which allow it") }
                return implicit("The \(name) delegates to the account's IAM policies, but \(identityBlocker()).", among: all)
            case .none?, nil:
                return implicit("The \(name) does not allow \(request.action) for \(request.principal); \(authority.why).",
                                among: resource ?? [])
            }
        }

        if principalIsService || request.principal.kind == .anonymous {
            if let resourceAllow, resourceAllow.principalMatch != .none { return allowed(by: resourceAllow, "the resource policy allows the caller") }
            return implicit("No resource policy statement allows \(request.action) for \(request.principal).", among: resource ?? [])
        }

        if sameAccount {
            switch resourceAllow?.principalMatch {
            case .everyone?, .named(role: false)?:
                return allowed(by: resourceAllow, "the resource policy names the principal in its own account")
            case .named(role: true)? where boundaryAllows && sessionAllows:
                return allowed(by: resourceAllow, "the resource policy names the principal's role in its own account")
            default:
                if identitySide { return allowed(by: identityAllow, "an identity policy allows it in the resource's own account") }
                return implicit("Nothing allows \(request.action) on \(request.resource): \(identityBlocker()) and no resource policy statement grants it.",
                                among: all)
            }
        }

        guard identitySide else {
            return implicit("The request crosses accounts, and in the principal's account \(identityBlocker()).", among: all)
        }
        guard let resourceAllow else {
            return implicit("The request crosses accounts: the resource policy must allow \(request.action) for \(request.principal), and no statement does.",
                            among: resource ?? [])
        }
        return allowed(by: resourceAllow, "cross-account: the resource policy and the principal's account both allow it")
    }

    /// Evaluates one statement; `hasBoundary` makes a Deny with NotPrincipal apply to every principal with a
    /// permissions boundary, as AWS documents.
    private func evaluate(_ statement: Statement, of policy: PolicyDocument, label: String, source: PolicySource,
                          hasBoundary: Bool, request: AuthorizationRequest, context: RequestContext) -> StatementEvaluation {
        var principalMatch = PrincipalMatch.none
        var principalMatched: Bool?
        if [.resource, .resourceControl, .endpoint].contains(source) {
            if let principal = statement.principal {
                principalMatch = principal.match(request.principal)
            } else if let notPrincipal = statement.notPrincipal {
                let boundaryDeny = statement.effect == .deny && hasBoundary && request.principal.kind != .service
                principalMatch = notPrincipal.match(request.principal) == .none || boundaryDeny ? .everyone : .none
            } else if source == .endpoint {
                principalMatch = .everyone
            }
            principalMatched = principalMatch.matched
        } else {
            principalMatch = .everyone
        }
        let actionMatched = ActionMatching.matches(statement, action: request.action)
        let resourceMatched = ResourceMatching.matches(statement, resource: request.resource, context: context,
                                                       variables: policy.variablesEnabled)
        let applies = (principalMatched ?? true) && actionMatched && resourceMatched
        let conditions = applies ? statement.conditions.map { $0.evaluate(in: context, variables: policy.variablesEnabled) } : []
        let matched = applies && conditions.allSatisfy(\.matched)

        let reason: String
        if principalMatched == false {
            reason = statement.principal == nil && statement.notPrincipal == nil
                ? "the statement has no Principal element, so it applies to no one."
                : "the principal \(request.principal) is not named."
        } else if !actionMatched {
            reason = "the action \(request.action) is not covered (\(ActionMatching.describe(statement)))."
        } else if !resourceMatched {
            reason = "the resource \(request.resource) is not covered (\(ResourceMatching.describe(statement)))."
        } else if let failed = conditions.first(where: { !$0.matched }) {
            reason = "the condition does not hold: \(failed.explanation)."
        } else {
            let principalText = principalMatched == true ? "principal matches \(principalMatch.description), " : ""
            reason = "\(principalText)action and resource match" + (conditions.isEmpty ? "." : ", and every condition holds.")
        }
        return StatementEvaluation(policy: label, source: source, sid: statement.sid, index: statement.index, effect: statement.effect,
                                   principalMatched: principalMatched, actionMatched: actionMatched,
                                   resourceMatched: resourceMatched, conditions: conditions, matched: matched,
                                   reason: reason, principalMatch: principalMatch)
    }
}

/// Resources whose own policy must allow the principal: IAM policies alone cannot grant access to them.
private struct PrimaryAuthority {
    /// `key policy` or `trust policy`.
    let policyName: String
    let why: String

    init?(_ request: AuthorizationRequest) {
        if request.resource.hasPrefix("arn:aws:kms:") && request.resource.contains(":key/") {
            policyName = "key policy"
            why = "IAM policies alone cannot grant use of a KMS key"
        } else if request.action.lowercased().hasPrefix("sts:assumerole") && request.resource.contains(":role/") {
            policyName = "trust policy"
            why = "a role can only be assumed when its trust policy allows it"
        } else {
            return nil
        }
    }
}
