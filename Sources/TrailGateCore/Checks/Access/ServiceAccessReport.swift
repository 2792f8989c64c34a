import IAMPolicy
import OrderedJSON

/// The answers a policy gives to the service's requests, turned into evidence and a verdict.
struct ServiceAccessReport {
    var evidence: [Evidence] = []
    /// The requests that were not granted, each with why: the evaluator's reason, or the policy's nearest Allow when
    /// the evaluator allows the request only through the principal's own IAM policies.
    var failures: [(request: String, reason: String)] = []
    var assumptions: [String] = []
    /// The labels of the statements that explicitly deny some request, in first-seen order.
    var denyingStatements: [String] = []

    /// Evaluates every request against `policy`; `granted` decides which evaluations count as access.
    init(requests: [AthenaAccessRequests.NamedRequest], policy: PolicyDocument, granted: (Evaluation) -> Bool) {
        for named in requests {
            let evaluation = PolicyEvaluator().evaluate(
                named.request, policies: PolicySet(identityPolicies: nil, resourcePolicy: policy))
            if granted(evaluation) {
                let by = evaluation.allowedBy.map { "allowed by statement \($0.label)" } ?? "allowed"
                evidence.append(Evidence(named.description, .string(by)))
            } else {
                let reason = evaluation.decision == .allowed ? Self.notGrantedByPolicy(evaluation) : evaluation.reason
                let word = evaluation.decision == .explicitDeny ? "denied" : "not granted"
                evidence.append(Evidence(named.description, .string(word + ": " + reason)))
                failures.append((named.description, reason))
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

    /// `3 of 18 requests are not granted; first: <request>: <reason>`.
    func failureSummary(total: Int) -> String {
        guard let first = failures.first else { return "" }
        return "\(failures.count) of \(total) requests are not granted; first, \(first.request): \(first.reason)"
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
