/// Decides requests the way AWS documents policy evaluation (IAM User Guide, "Policy evaluation logic" and
/// "Cross-account policy evaluation logic"): explicit deny wins; SCPs, RCPs, boundaries, session and endpoint
/// policies limit; same-account requests need an allow on either side, cross-account requests on both; a KMS key
/// policy is the primary authority and its account statement only delegates to IAM policies.
public struct PolicyEvaluator: Sendable {
    public init() {}

    /// Decides `request` against `policies` in the order of the IAM User Guide's "Policy evaluation logic": an
    /// explicit deny in any policy, resource control policies, service control policies (with the VPC endpoint
    /// policies the request passes through), then the resource-based policy together with the identity-based
    /// policies, permissions boundaries and session policy.
    public func evaluate(_ request: AuthorizationRequest, policies: PolicySet) -> Evaluation {
        if request.action.lowercased() == "sts:getcalleridentity" { return Self.callerIdentity }
        let evaluated = EvaluatedPolicies(request, policies)
        if let denied = evaluated.explicitDenyInAnyPolicy() { return denied }
        // Resource control policies: `RCPFullAWSAccess` is always attached, so an RCP decides only through an
        // explicit deny, which the step above has taken.
        if let denied = evaluated.serviceControlPolicies() { return denied }
        if let denied = evaluated.endpointPolicies() { return denied }
        return AccountDecision(evaluated).resourceAndIdentityBasedPolicies()
    }

    /// `sts:GetCallerIdentity` is answered before any policy is read.
    private static let callerIdentity = Evaluation(
        decision: .allowed, reason: "sts:GetCallerIdentity needs no permission and cannot be denied.", allowedBy: nil,
        assumptions: [], statements: [])
}

/// Every statement of every policy evaluated once against one request, grouped by the role its policy plays. The
/// order is identity, resource, SCP, RCP, boundary, session, endpoint: the order of `Evaluation.statements`, and the
/// one in which the first explicit deny is found.
private struct EvaluatedPolicies {
    let request: AuthorizationRequest
    /// Services and anonymous callers have no identity-based policies, and SCPs do not limit them.
    let principalIsService: Bool
    let all: [StatementEvaluation]
    /// Nil when the identity policies were not given.
    let identity: [StatementEvaluation]?
    let resource: [StatementEvaluation]?
    /// The SCPs of each organization level; none for a service or anonymous principal.
    let serviceControlLevels: [[StatementEvaluation]]
    let boundaries: [StatementEvaluation]?
    let session: [StatementEvaluation]?
    let endpoints: [[StatementEvaluation]]

    init(_ request: AuthorizationRequest, _ policies: PolicySet) {
        let context = request.effectiveContext
        let hasBoundary = policies.permissionBoundaries != nil
        var all: [StatementEvaluation] = []
        func run(_ policy: PolicyDocument, _ label: String, _ source: PolicySource) -> [StatementEvaluation] {
            let results = policy.statements.map {
                StatementEvaluation(
                    evaluating: $0, of: policy, label: label, source: source, hasBoundary: hasBoundary,
                    request: request, context: context)
            }
            all += results
            return results
        }
        let principalIsService = request.principal.kind == .service || request.principal.kind == .anonymous
        identity = policies.identityPolicies.map {
            $0.enumerated().flatMap { run($1, $1.name ?? "identity policy \($0 + 1)", .identity) }
        }
        resource = policies.resourcePolicy.map { run($0, $0.name ?? "resource policy", .resource) }
        let organizationLevels = policies.serviceControlPolicies.enumerated()
        serviceControlLevels =
            principalIsService
            ? []
            : organizationLevels.map { level, docs in
                docs.enumerated().flatMap { run($1, $1.name ?? "SCP \($0 + 1) at level \(level + 1)", .serviceControl) }
            }
        for (level, docs) in policies.resourceControlPolicies.enumerated() {
            for (index, doc) in docs.enumerated() {
                _ = run(doc, doc.name ?? "RCP \(index + 1) at level \(level + 1)", .resourceControl)
            }
        }
        boundaries = policies.permissionBoundaries.map {
            $0.enumerated().flatMap { run($1, $1.name ?? "permission boundary \($0 + 1)", .permissionBoundary) }
        }
        session = policies.sessionPolicy.map { run($0, $0.name ?? "session policy", .session) }
        endpoints = policies.endpointPolicies.enumerated().map {
            run($1, $1.name ?? "endpoint policy \($0 + 1)", .endpoint)
        }
        self.request = request
        self.principalIsService = principalIsService
        self.all = all
    }

    /// An explicit deny in any policy, RCPs and SCPs included, decides before anything else.
    func explicitDenyInAnyPolicy() -> Evaluation? {
        guard let deny = all.first(where: { $0.matched && $0.effect == .deny }) else { return nil }
        return Evaluation(
            decision: .explicitDeny,
            reason: "Explicitly denied by statement \(deny.label) of the \(deny.policy): \(deny.reason)",
            allowedBy: nil, assumptions: [], statements: all)
    }

    /// Service control policies: every organization level must have an SCP that allows the action.
    func serviceControlPolicies() -> Evaluation? {
        guard let level = serviceControlLevels.firstIndex(where: { Self.allow(in: $0) == nil }) else { return nil }
        return implicitDeny(
            "No SCP at organization level \(level + 1) allows \(request.action).",
            among: serviceControlLevels[level])
    }

    /// VPC endpoint policies: each endpoint policy the request passes through must allow it.
    func endpointPolicies() -> Evaluation? {
        guard let endpoint = endpoints.firstIndex(where: { Self.allow(in: $0) == nil }) else { return nil }
        return implicitDeny(
            "Endpoint policy \(endpoint + 1) does not allow \(request.action).",
            among: endpoints[endpoint])
    }

    /// The first statement among `statements` whose Allow matches.
    static func allow(in statements: [StatementEvaluation]) -> StatementEvaluation? {
        statements.first { $0.matched && $0.effect == .allow }
    }

    /// An implicit deny for `reason`, pointing at the Allow among `candidates` that came closest to matching.
    func implicitDeny(_ reason: String, among candidates: [StatementEvaluation]) -> Evaluation {
        var text = reason
        if let nearest = candidates.filter({ $0.effect == .allow }).max(by: { $0.closeness < $1.closeness }) {
            text += " Nearest: statement \(nearest.label) of the \(nearest.policy), where \(nearest.reason)"
        }
        return Evaluation(decision: .implicitDeny, reason: text, allowedBy: nil, assumptions: [], statements: all)
    }
}

/// What the principal's own account allows: its identity-based policies, limited by its permissions boundaries and
/// its session policy.
private struct IdentitySide {
    /// The identity-policy Allow that matched, when identity policies were given and one does.
    var allow: StatementEvaluation?
    var identityAllows: Bool
    var boundaryAllows: Bool
    var sessionAllows: Bool
    /// What the decision takes for granted about identity policies that were not given.
    var assumptions: [String] = []

    init(_ evaluated: EvaluatedPolicies) {
        // Identity-based policies: a service or anonymous caller has none; unknown ones are assumed to allow.
        if evaluated.principalIsService {
            identityAllows = false
        } else if let identity = evaluated.identity {
            allow = EvaluatedPolicies.allow(in: identity)
            identityAllows = allow != nil
        } else {
            identityAllows = true
            assumptions.append(
                "Identity policies were not given: allowed only if the principal's own IAM policies "
                    + "also allow \(evaluated.request.action).")
        }
        // Permissions boundaries, then the session policy: each limits when there is one.
        boundaryAllows = evaluated.boundaries.map { EvaluatedPolicies.allow(in: $0) != nil } ?? true
        sessionAllows = evaluated.session.map { EvaluatedPolicies.allow(in: $0) != nil } ?? true
    }

    /// True when the identity policies, the boundaries and the session policy all allow.
    var allows: Bool { identityAllows && boundaryAllows && sessionAllows }

    /// The first of the three that does not allow.
    var blocker: String {
        if !identityAllows { return "no identity policy allows it" }
        if !boundaryAllows { return "no permission boundary allows it" }
        return "the session policy does not allow it"
    }
}

/// The resource-based policy weighed against the principal's account, once no explicit deny, SCP or endpoint policy
/// has decided: a primary authority (a KMS key policy, a role trust policy) first, then a service or anonymous
/// caller, a same-account request, and last a cross-account one.
private struct AccountDecision {
    let evaluated: EvaluatedPolicies
    let identity: IdentitySide
    /// The strongest grant among the matching resource-policy Allows: a statement naming the principal (or
    /// everyone) grants by itself even when an account-delegation statement comes first.
    let resourceAllow: StatementEvaluation?

    init(_ evaluated: EvaluatedPolicies) {
        self.evaluated = evaluated
        identity = IdentitySide(evaluated)
        resourceAllow = evaluated.resource.flatMap { statements in
            statements.filter { $0.matched && $0.effect == .allow }
                .max { $0.principalMatch.strength < $1.principalMatch.strength }
        }
    }

    var request: AuthorizationRequest { evaluated.request }

    /// True when the principal and the resource belong to the same account.
    var sameAccount: Bool {
        request.principal.accountId != nil && request.principal.accountId == request.owningAccountId
    }

    /// The resource-based policy, then the identity-based policies with their boundaries and session policy.
    func resourceAndIdentityBasedPolicies() -> Evaluation {
        if let authority = PrimaryAuthority(request) { return primaryAuthority(authority) }
        if evaluated.principalIsService { return serviceOrAnonymousCaller() }
        return sameAccount ? sameAccountRequest() : crossAccountRequest()
    }

    /// A key policy or trust policy must name the principal, or delegate to its account's IAM policies.
    func primaryAuthority(_ authority: PrimaryAuthority) -> Evaluation {
        let name = authority.policyName
        switch resourceAllow?.principalMatch {
        case .everyone?, .named?:
            if sameAccount || evaluated.principalIsService {
                return allowed(by: resourceAllow, "the \(name) names the principal")
            }
            if identity.allows {
                return allowed(by: resourceAllow, "the \(name) and the principal's account both allow it")
            }
            return implicitDeny(
                "The \(name) allows \(request.principal), but in the principal's account \(identity.blocker).")
        case .account?:
            if identity.allows {
                return allowed(
                    by: identity.allow ?? resourceAllow,
                    "the \(name) delegates to the account's IAM policies, which allow it")
            }
            return implicitDeny("The \(name) delegates to the account's IAM policies, but \(identity.blocker).")
        case .none?, nil:
            return evaluated.implicitDeny(
                "The \(name) does not allow \(request.action) for \(request.principal); \(authority.why).",
                among: evaluated.resource ?? [])
        }
    }

    /// A service or anonymous caller has no identity-based policies: only the resource policy can allow it.
    func serviceOrAnonymousCaller() -> Evaluation {
        if let resourceAllow, resourceAllow.principalMatch != .none {
            return allowed(by: resourceAllow, "the resource policy allows the caller")
        }
        return evaluated.implicitDeny(
            "No resource policy statement allows \(request.action) for \(request.principal).",
            among: evaluated.resource ?? [])
    }

    /// Within one account an Allow in the resource-based policy or in the identity-based policies is enough.
    func sameAccountRequest() -> Evaluation {
        switch resourceAllow?.principalMatch {
        case .everyone?, .named(role: false)?:
            return allowed(by: resourceAllow, "the resource policy names the principal in its own account")
        case .named(role: true)? where identity.boundaryAllows && identity.sessionAllows:
            return allowed(by: resourceAllow, "the resource policy names the principal's role in its own account")
        default:
            if identity.allows {
                return allowed(by: identity.allow, "an identity policy allows it in the resource's own account")
            }
            return implicitDeny(
                "Nothing allows \(request.action) on \(request.resource): \(identity.blocker) and no "
                    + "resource policy statement grants it.")
        }
    }

    /// Across accounts both the principal's account and the resource-based policy must allow.
    func crossAccountRequest() -> Evaluation {
        guard identity.allows else {
            return implicitDeny("The request crosses accounts, and in the principal's account \(identity.blocker).")
        }
        guard let resourceAllow else {
            return evaluated.implicitDeny(
                "The request crosses accounts: the resource policy must allow \(request.action) for "
                    + "\(request.principal), and no statement does.",
                among: evaluated.resource ?? [])
        }
        return allowed(
            by: resourceAllow,
            "cross-account: the resource policy and the principal's account both allow it")
    }

    /// An allow decided by `statement` (none when only assumed identity policies allow), for the reason `why`.
    func allowed(by statement: StatementEvaluation?, _ why: String) -> Evaluation {
        let source = statement.map { "Allowed by statement \($0.label) of the \($0.policy)" } ?? "Allowed"
        return Evaluation(
            decision: .allowed, reason: "\(source) (\(why)).", allowedBy: statement,
            assumptions: identity.assumptions, statements: evaluated.all)
    }

    /// An implicit deny pointing at the nearest Allow of any policy.
    func implicitDeny(_ reason: String) -> Evaluation {
        evaluated.implicitDeny(reason, among: evaluated.all)
    }
}

extension StatementEvaluation {
    /// Evaluates one statement: its principal (in resource-side policies), action, resource, then its conditions.
    fileprivate init(
        evaluating statement: Statement, of policy: PolicyDocument, label: String, source: PolicySource,
        hasBoundary: Bool, request: AuthorizationRequest, context: RequestContext
    ) {
        let (principalMatch, principalMatched) = Self.principal(
            of: statement, source: source, hasBoundary: hasBoundary,
            request: request)
        let actionMatched = ActionMatching.matches(statement, action: request.action)
        let resourceMatched = ResourceMatching.matches(
            statement, resource: request.resource, context: context,
            variables: policy.variablesEnabled)
        let applies = (principalMatched ?? true) && actionMatched && resourceMatched
        let conditions =
            applies
            ? statement.conditions.map { $0.evaluate(in: context, variables: policy.variablesEnabled) } : []
        self.init(
            policy: label, source: source, sid: statement.sid, index: statement.index, effect: statement.effect,
            principalMatched: principalMatched, actionMatched: actionMatched, resourceMatched: resourceMatched,
            conditions: conditions, matched: applies && conditions.allSatisfy(\.matched), reason: "",
            principalMatch: principalMatch)
        reason = explanation(of: statement, request: request)
    }

    /// How the statement's Principal or NotPrincipal matches: only resource, RCP and endpoint policies have one.
    /// `hasBoundary` makes a Deny with NotPrincipal apply to every principal with a permissions boundary, as AWS
    /// documents.
    private static func principal(
        of statement: Statement, source: PolicySource, hasBoundary: Bool,
        request: AuthorizationRequest
    ) -> (PrincipalMatch, Bool?) {
        guard [.resource, .resourceControl, .endpoint].contains(source) else { return (.everyone, nil) }
        var principalMatch = PrincipalMatch.none
        if let principal = statement.principal {
            principalMatch = principal.match(request.principal)
        } else if let notPrincipal = statement.notPrincipal {
            let boundaryDeny = statement.effect == .deny && hasBoundary && request.principal.kind != .service
            principalMatch = notPrincipal.match(request.principal) == .none || boundaryDeny ? .everyone : .none
        } else if source == .endpoint {
            principalMatch = .everyone
        }
        return (principalMatch, principalMatch.matched)
    }

    /// Why the statement matched or not: the first of principal, action, resource and conditions that failed.
    private func explanation(of statement: Statement, request: AuthorizationRequest) -> String {
        if principalMatched == false {
            return statement.principal == nil && statement.notPrincipal == nil
                ? "the statement has no Principal element, so it applies to no one."
                : "the principal \(request.principal) is not named."
        } else if !actionMatched {
            return "the action \(request.action) is not covered (\(ActionMatching.describe(statement)))."
        } else if !resourceMatched {
            return "the resource \(request.resource) is not covered (\(ResourceMatching.describe(statement)))."
        } else if let failed = conditions.first(where: { !$0.matched }) {
            return "the condition does not hold: \(failed.explanation)."
        }
        let principalText = principalMatched == true ? "principal matches \(principalMatch.description), " : ""
        return "\(principalText)action and resource match" + (conditions.isEmpty ? "." : ", and every condition holds.")
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
