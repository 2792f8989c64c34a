import IAMPolicy

/// The two kinds of organization guardrail TrailGate evaluates.
public enum GuardrailKind: String, Sendable, Equatable {
    case serviceControl = "SCP"
    case resourceControl = "RCP"

    /// The `--filter` of `list-policies-for-target`.
    var filter: String { self == .serviceControl ? "SERVICE_CONTROL_POLICY" : "RESOURCE_CONTROL_POLICY" }
}

/// An SCP or RCP as attached at one level: its id, name, the target it is attached to, and its document.
public struct OrganizationPolicy: Sendable {
    public var kind: GuardrailKind
    public var id: String
    public var name: String?
    /// Where the policy is attached.
    public var target: OrganizationNode
    /// The parsed document, named for explanations; nil when it cannot be evaluated (see ``problem``).
    public var document: PolicyDocument?
    /// Why the document cannot be evaluated: not read, or not valid policy JSON.
    public var problem: String?

    /// `SCP p-abc123 "protect-log-archive" attached to ou-ab12-x (Workloads)`.
    public var label: String {
        "\(kind.rawValue) \(id)" + (name.map { " \"\($0)\"" } ?? "") + " attached to \(target.display)"
    }
}

/// The guardrails of one kind attached directly at one level of an account's path.
public struct PolicyLevel: Sendable {
    public var node: OrganizationNode
    public var policies: [OrganizationPolicy]
    /// Why the level's policies are not known (`list-policies-for-target` failed or was not read).
    public var problem: String?

    /// The first reason the level cannot be evaluated: its list, or one of its policies.
    public var firstProblem: String? { problem ?? policies.lazy.compactMap(\.problem).first }
}
