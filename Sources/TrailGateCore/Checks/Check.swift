/// The part of the setup a check judges; the text report groups checks by it.
public enum CheckArea: String, Sendable, CaseIterable {
    case trail = "Trail"
    case bucket = "Delivery bucket"
    case kms = "KMS keys"
    case organization = "Organization"
}

/// One requirement, judged as a pure function of a trail's data.
public protocol Check: Sendable {
    /// Stable identifier, e.g. `trail.multi-region`.
    var id: CheckID { get }
    /// What the requirement is, in a few words.
    var title: String { get }
    var area: CheckArea { get }
    func evaluate(_ context: TrailContext) -> CheckResult
}

extension Check {
    /// A result of this check.
    func result(
        _ status: CheckStatus, _ summary: String, evidence: [Evidence] = [], notes: [String] = [],
        remediation: Remediation? = nil, requests: [RequestOutcome] = []
    ) -> CheckResult {
        CheckResult(
            id: id, title: title, status: status, summary: summary, evidence: evidence, notes: notes,
            remediation: remediation, requests: requests)
    }
}
