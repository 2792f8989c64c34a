/// What the catalogue says about one check, whatever it finds: area, severity, the requirement it implements and
/// the published controls that cover the same thing.
public struct CheckMetadata: Sendable, Equatable {
    public var id: CheckID
    public var title: String
    public var area: CheckArea
    public var severity: Severity
    /// Why the check has its severity, in one sentence.
    public var severityReason: String
    /// The onboarding requirement the check implements, in the service's own words.
    public var requirement: String
    /// What to change when the check does not pass, in one sentence (each result carries the exact commands).
    public var remediation: String
    /// CIS AWS Foundations Benchmark v3.0.0 recommendation ids (e.g. `3.1`); empty when none covers the check.
    public var cis: [String]
    /// AWS Security Hub Foundational Security Best Practices control ids (e.g. `CloudTrail.1`); empty when none
    /// covers the check.
    public var securityHub: [String]

    public init(
        id: CheckID, title: String, area: CheckArea, severity: Severity, severityReason: String,
        requirement: String, remediation: String, cis: [String] = [], securityHub: [String] = []
    ) {
        self.id = id
        self.title = title
        self.area = area
        self.severity = severity
        self.severityReason = severityReason
        self.requirement = requirement
        self.remediation = remediation
        self.cis = cis
        self.securityHub = securityHub
    }

    /// The compliance ids as tags: `CIS-3.0.0:3.1`, `AWS-FSBP:CloudTrail.1`.
    public var complianceTags: [String] {
        cis.map { "CIS-3.0.0:\($0)" } + securityHub.map { "AWS-FSBP:\($0)" }
    }
}
