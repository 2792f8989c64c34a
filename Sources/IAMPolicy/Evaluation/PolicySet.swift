/// The policies that take part in one authorization decision.
public struct PolicySet: Sendable {
    /// The principal's identity policies; nil when unknown, in which case the identity side is assumed to allow
    /// and the result says so.
    public var identityPolicies: [PolicyDocument]?
    /// The resource's policy (bucket policy, key policy, …).
    public var resourcePolicy: PolicyDocument?
    /// SCPs by organization level (root, OUs, account); every level must allow.
    public var serviceControlPolicies: [[PolicyDocument]]
    /// RCPs by organization level; only their denies matter (`RCPFullAWSAccess` is always attached).
    public var resourceControlPolicies: [[PolicyDocument]]
    /// Permission boundaries of the principal; nil when it has none.
    public var permissionBoundaries: [PolicyDocument]?
    public var sessionPolicy: PolicyDocument?
    /// VPC endpoint policies the request passes through; each must allow.
    public var endpointPolicies: [PolicyDocument]

    public init(
        identityPolicies: [PolicyDocument]? = [], resourcePolicy: PolicyDocument? = nil,
        serviceControlPolicies: [[PolicyDocument]] = [], resourceControlPolicies: [[PolicyDocument]] = [],
        permissionBoundaries: [PolicyDocument]? = nil, sessionPolicy: PolicyDocument? = nil,
        endpointPolicies: [PolicyDocument] = []
    ) {
        self.identityPolicies = identityPolicies
        self.resourcePolicy = resourcePolicy
        self.serviceControlPolicies = serviceControlPolicies
        self.resourceControlPolicies = resourceControlPolicies
        self.permissionBoundaries = permissionBoundaries
        self.sessionPolicy = sessionPolicy
        self.endpointPolicies = endpointPolicies
    }
}
