/// The part of the setup a check judges; the text report groups checks by it.
public enum CheckArea: String, Sendable, CaseIterable {
    case trail = "Trail"
    case bucket = "Delivery bucket"
    case kms = "KMS keys"
    case organization = "Organization"

    /// The area in one lowercase word, as machine formats name it: `trail`, `bucket`, `kms`, `organization`.
    public var identifier: String {
        switch self {
        case .trail: "trail"
        case .bucket: "bucket"
        case .kms: "kms"
        case .organization: "organization"
        }
    }
}

/// What every check has, whatever it judges: a stable id and a title, from which its results are made.
public protocol CheckDefinition: Sendable {
    /// Stable identifier, e.g. `trail.multi-region` or `account.service-access`.
    var id: CheckID { get }
    /// What the requirement is, in a few words.
    var title: String { get }
}

/// One requirement, judged as a pure function of a trail's data.
public protocol Check: CheckDefinition {
    var area: CheckArea { get }
    func evaluate(_ context: TrailContext) -> CheckResult
}

extension CheckDefinition {
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
