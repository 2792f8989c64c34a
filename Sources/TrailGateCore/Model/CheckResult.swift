import OrderedJSON

/// The outcome of one check.
public enum CheckStatus: String, Sendable, CaseIterable, Codable {
    case pass
    case fail
    case warn
    /// Could not be decided from the data; the summary says from where it can be.
    case unknown
    case notApplicable = "not_applicable"

    /// True when the status keeps a trail from being ready.
    public var blocksReadiness: Bool { self == .fail || self == .unknown }
}

/// One value a check judged, shown to the user as `label: value`.
public struct Evidence: Sendable, Equatable {
    public var label: String
    public var value: JSONValue

    public init(_ label: String, _ value: JSONValue) {
        self.label = label
        self.value = value
    }
}

/// What to change, and the AWS CLI commands that change it.
public struct Remediation: Sendable, Equatable {
    public var summary: String
    public var commands: [String]

    public init(_ summary: String, commands: [String] = []) {
        self.summary = summary
        self.commands = commands
    }
}

/// A check's verdict on one trail: status, why, the evidence, and how to fix it.
public struct CheckResult: Sendable, Equatable {
    public var id: CheckID
    public var title: String
    public var status: CheckStatus
    /// One line saying why the status is what it is.
    public var summary: String
    public var evidence: [Evidence]
    /// Further remarks that do not change the status.
    public var notes: [String]
    /// Present when something should change.
    public var remediation: Remediation?
    /// The requests the check evaluated, one by one (each also has its evidence item); the text report groups them
    /// by reason.
    public var requests: [RequestOutcome]
    /// The waiver that accepted this result, when one matched; the status stays what the check found.
    public var waiver: Waiver?

    /// True when the result keeps its trail or account from being ready: it fails or is unknown, and no waiver
    /// accepted it.
    public var blocksReadiness: Bool { waiver == nil && status.blocksReadiness }

    public init(
        id: CheckID, title: String, status: CheckStatus, summary: String, evidence: [Evidence] = [],
        notes: [String] = [], remediation: Remediation? = nil, requests: [RequestOutcome] = [],
        waiver: Waiver? = nil
    ) {
        self.id = id
        self.title = title
        self.status = status
        self.summary = summary
        self.evidence = evidence
        self.notes = notes
        self.remediation = remediation
        self.requests = requests
        self.waiver = waiver
    }
}
