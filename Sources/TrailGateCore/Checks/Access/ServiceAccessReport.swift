import IAMPolicy
import OrderedJSON

/// The answers a policy gives to the service's requests, turned into evidence and a verdict.
struct ServiceAccessReport {
    var evidence: [Evidence] = []
    /// The requests that were not granted, each with the evaluator's reason.
    var failures: [(request: String, reason: String)] = []
    var assumptions: [String] = []

    /// Evaluates every request against `policy`; `granted` decides which evaluations count as access.
    init(requests: [AthenaAccessRequests.NamedRequest], policy: PolicyDocument, granted: (Evaluation) -> Bool) {
        for named in requests {
            let evaluation = PolicyEvaluator().evaluate(named.request, policies: PolicySet(identityPolicies: nil, resourcePolicy: policy))
            if granted(evaluation) {
                let by = evaluation.allowedBy.map { "allowed by statement \($0.label)" } ?? "allowed"
                evidence.append(Evidence(named.description, .string(by)))
            } else {
                evidence.append(Evidence(named.description, .string(Self.decisionWord(evaluation.decision) + ": " + evaluation.reason)))
                failures.append((named.description, evaluation.reason))
            }
            for assumption in evaluation.assumptions where !assumptions.contains(assumption) { assumptions.append(assumption) }
        }
    }

    private static func decisionWord(_ decision: Decision) -> String {
        switch decision {
        case .allowed: return "allowed only through the principal's own IAM policies"
        case .implicitDeny: return "not granted"
        case .explicitDeny: return "denied"
        }
    }

    /// `3 of 18 requests are not granted; first: <request>: <reason>`.
    func failureSummary(total: Int) -> String {
        guard let first = failures.first else { return "" }
        return "\(failures.count) of \(total) requests are not granted; first, \(first.request): \(first.reason)"
    }
}
