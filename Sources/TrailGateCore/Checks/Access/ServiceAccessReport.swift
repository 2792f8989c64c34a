import IAMPolicy
import OrderedJSON

/// The answers a policy gives to the service's requests, turned into evidence and a verdict.
struct ServiceAccessReport {
    var evidence: [Evidence] = []
    var assumptions: [String] = []
    /// The labels of the statements that explicitly deny some request, in first-seen order.
    var denyingStatements: [String] = []
    /// Every request's answer, for the report to group by reason.
    var outcomes: [RequestOutcome] = []

    /// Evaluates every request against `policy`; `granted` decides which evaluations count as access. `scope` names
    /// the resource when a check judges several (a key's ARN).
    init(
        requests: [AthenaAccessRequests.NamedRequest], policy: PolicyDocument, scope: String? = nil,
        granted: (Evaluation) -> Bool
    ) {
        for named in requests {
            let evaluation = PolicyEvaluator().evaluate(
                named.request, policies: PolicySet(identityPolicies: nil, resourcePolicy: policy))
            outcomes.append(Self.outcome(named, evaluation, granted: granted(evaluation), scope: scope))
            if granted(evaluation) {
                let by = evaluation.allowedBy.map { "allowed by statement \($0.label)" } ?? "allowed"
                evidence.append(Evidence(named.description, .string(by)))
            } else {
                let reason = evaluation.decision == .allowed ? Self.notGrantedByPolicy(evaluation) : evaluation.reason
                let word = evaluation.decision == .explicitDeny ? "denied" : "not granted"
                evidence.append(Evidence(named.description, .string(word + ": " + reason)))
                if evaluation.decision == .explicitDeny,
                    let deny = evaluation.statements.first(where: { $0.matched && $0.effect == .deny }),
                    !denyingStatements.contains(deny.label)
                {
                    denyingStatements.append(deny.label)
                }
            }
            for assumption in evaluation.assumptions where !assumptions.contains(assumption) {
                assumptions.append(assumption)
            }
        }
    }

    /// Why a request is not granted when the evaluator allows it only through the principal's own IAM policies,
    /// which it assumes (a role in the resource's own account): the policy's nearest Allow and what it misses.
    private static func notGrantedByPolicy(_ evaluation: Evaluation) -> String {
        var text = "No statement of the resource policy allows it; only the principal's own IAM policies could."
        if let nearest = evaluation.nearestAllow(from: .resource) {
            text += " Nearest: statement \(nearest.label) of the \(nearest.policy), where \(nearest.reason)"
        }
        return text
    }

    /// True when some request is not granted.
    var hasRefusals: Bool { outcomes.contains { !$0.granted } }

    /// `18 of 18 requests are not granted, for 2 reasons`.
    var failureSummary: String { RequestOutcomeGroup.summary(outcomes) }

    /// The answer to one request, its reason split from the nearest statement and stripped of the action and the
    /// role, so that the requests refused for the same reason group.
    private static func outcome(
        _ named: AthenaAccessRequests.NamedRequest, _ evaluation: Evaluation, granted: Bool, scope: String?
    ) -> RequestOutcome {
        let action = named.request.action
        func general(_ text: String) -> String {
            var text = text
            if let session = named.request.principal.arn {
                text = text.replacingOccurrences(of: "the principal \(session)", with: "the role session")
                    .replacingOccurrences(of: session, with: "the role session")
            }
            return text.replacingOccurrences(of: "allow \(action) ", with: "allow the action ")
                .replacingOccurrences(of: action, with: "the action")
        }
        if granted {
            return RequestOutcome(
                description: named.description, action: action, account: named.account, granted: true,
                outcome: "allowed", reason: "allowed",
                statement: evaluation.allowedBy.map { "statement \($0.label)" }, scope: scope)
        }
        var reason = evaluation.decision == .allowed ? notGrantedByPolicy(evaluation) : evaluation.reason
        var statement: String?
        if let range = reason.range(of: " Nearest: ") {
            statement = "nearest: " + reason[range.upperBound...]
            reason = String(reason[..<range.lowerBound])
        }
        return RequestOutcome(
            description: named.description, action: action, account: named.account, granted: false,
            outcome: evaluation.decision == .explicitDeny ? "denied" : "not granted", reason: general(reason),
            statement: statement.map(general), scope: scope)
    }

    /// The remediation advice for the denies: merging allows cannot undo an explicit deny.
    var denyAdvice: String? {
        guard !denyingStatements.isEmpty else { return nil }
        return
            " Statement \(denyingStatements.joined(separator: ", ")) explicitly denies some of these requests, which no Allow "
            + "can override: narrow it so it does not apply to the service's roles calling through Athena "
            + "(Athena's requests carry no aws:SourceIp, aws:SourceVpc or aws:SourceVpce)."
    }
}
