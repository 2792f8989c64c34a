/// The outcome of an authorization request.
public enum Decision: String, Sendable {
    case allowed
    case implicitDeny = "implicit_deny"
    case explicitDeny = "explicit_deny"
}

/// The role a policy plays in a decision.
public enum PolicySource: String, Sendable {
    case identity
    case resource
    case serviceControl = "scp"
    case resourceControl = "rcp"
    case permissionBoundary = "boundary"
    case session
    case endpoint
}

/// How one statement fared against a request.
public struct StatementEvaluation: Sendable {
    /// Which policy the statement belongs to, e.g. `resource policy` or `identity policy 2`.
    public var policy: String
    public var source: PolicySource
    public var sid: String?
    /// Position in the policy (0-based).
    public var index: Int
    public var effect: Statement.Effect
    /// Nil when the policy type has no principal element (identity, boundary, session, SCP, RCP policies).
    public var principalMatched: Bool?
    public var actionMatched: Bool
    public var resourceMatched: Bool
    /// Every condition's outcome, in order; empty when principal, action or resource already did not match (the
    /// conditions cannot change the outcome then, so they are not evaluated).
    public var conditions: [ConditionOutcome]
    /// True when principal, action, resource and all conditions matched.
    public var matched: Bool
    /// Why it matched or not, in one sentence.
    public var reason: String

    let principalMatch: PrincipalMatch

    /// `"Sid"` or `#n`.
    public var label: String { sid.map { "\"\($0)\"" } ?? "#\(index + 1)" }

    /// How many parts matched: used to point at the nearest statement when nothing allows.
    var closeness: Int {
        [principalMatched ?? true, actionMatched, resourceMatched].filter { $0 }.count * 100
            + conditions.filter(\.matched).count * 10 - conditions.filter { !$0.matched }.count
    }
}

/// A decision with its explanation.
public struct Evaluation: Sendable {
    public var decision: Decision
    /// Why, in one or two sentences.
    public var reason: String
    /// The statement whose Allow decided the request, when one did.
    public var allowedBy: StatementEvaluation?
    /// What the decision takes for granted about policies TrailGate did not see.
    public var assumptions: [String]
    /// Every statement considered, in policy order.
    public var statements: [StatementEvaluation]

    /// True when the request is allowed by a statement of the resource policy itself (not only by identity policies
    /// that were assumed or given).
    public var grantedByResourcePolicy: Bool { decision == .allowed && allowedBy?.source == .resource }

    /// The Allow statement of `source` that came closest to matching: what a "why not" points at.
    public func nearestAllow(from source: PolicySource) -> StatementEvaluation? {
        statements.filter { $0.source == source && $0.effect == .allow }.max { $0.closeness < $1.closeness }
    }
}
