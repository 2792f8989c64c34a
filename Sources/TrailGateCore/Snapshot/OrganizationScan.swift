/// The organization part of a version-2 snapshot: the organization's tree and guardrails, and what each managed
/// account's roles and trails look like from inside that account. Documented in `docs/snapshot.md`.
public struct OrganizationScan: Sendable, Decodable {
    /// The role assumed into each member account, e.g. `OrganizationAccountAccessRole`.
    public var assumeRoleName: String?
    /// The principal ARN patterns the run looked for (`arn:aws:iam::*:role/ams-access-*` and the customer's).
    public var principalArnPatterns: [String]
    /// How the managed accounts were chosen.
    public var selection: AccountSelection
    /// The account whose credentials read the snapshot's `buckets`; nil when not found.
    public var bucketAccount: String?
    /// `organizations list-roots`.
    public var roots: Slot<ListRootsResponse>
    /// `organizations list-organizational-units-for-parent`, by parent id.
    public var organizationalUnits: [String: Slot<ListOrganizationalUnitsResponse>]
    /// `organizations list-accounts-for-parent`, by parent id.
    public var accounts: [String: Slot<ListAccountsResponse>]
    /// `organizations list-policies-for-target`, by target id, then by policy type.
    public var policiesForTarget: [String: TargetPolicies]
    /// `organizations describe-policy`, by policy id.
    public var policies: [String: Slot<DescribePolicyResponse>]
    /// `iam get-policy` and its default version, by policy ARN.
    public var managedPolicies: [String: ManagedPolicyData]
    /// What was read in each managed account, by account id.
    public var memberAccounts: [String: MemberAccountData]

    enum CodingKeys: String, CodingKey {
        case assumeRoleName, principalArnPatterns, selection, bucketAccount, roots, organizationalUnits, accounts
        case policiesForTarget, policies, managedPolicies, memberAccounts
    }

    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        assumeRoleName = try c.decodeIfPresent(String.self, forKey: .assumeRoleName)
        principalArnPatterns = try c.decodeIfPresent([String].self, forKey: .principalArnPatterns) ?? []
        selection = try c.decodeIfPresent(AccountSelection.self, forKey: .selection) ?? AccountSelection()
        bucketAccount = try c.decodeIfPresent(String.self, forKey: .bucketAccount)
        roots = try c.decodeSlot(ListRootsResponse.self, forKey: .roots)
        organizationalUnits = try c.decodeSlots(ListOrganizationalUnitsResponse.self, forKey: .organizationalUnits)
        accounts = try c.decodeSlots(ListAccountsResponse.self, forKey: .accounts)
        policiesForTarget = try c.decodeIfPresent([String: TargetPolicies].self, forKey: .policiesForTarget) ?? [:]
        policies = try c.decodeSlots(DescribePolicyResponse.self, forKey: .policies)
        managedPolicies = try c.decodeIfPresent([String: ManagedPolicyData].self, forKey: .managedPolicies) ?? [:]
        memberAccounts = try c.decodeIfPresent([String: MemberAccountData].self, forKey: .memberAccounts) ?? [:]
    }
}

/// The user's choice of managed accounts: `--accounts`, `--exclude-accounts`, `--ou`.
public struct AccountSelection: Sendable, Decodable {
    /// `--accounts`: only these accounts.
    public var accounts: [String] = []
    /// `--exclude-accounts`: never these.
    public var excludeAccounts: [String] = []
    /// `--ou`: the accounts under these OUs, at any depth.
    public var organizationalUnits: [String] = []

    enum CodingKeys: String, CodingKey {
        case accounts, excludeAccounts, organizationalUnits
    }

    init() {}

    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        accounts = try c.decodeIfPresent([String].self, forKey: .accounts) ?? []
        excludeAccounts = try c.decodeIfPresent([String].self, forKey: .excludeAccounts) ?? []
        organizationalUnits = try c.decodeIfPresent([String].self, forKey: .organizationalUnits) ?? []
    }
}

/// The SCPs and RCPs attached to one target (root, OU or account).
public struct TargetPolicies: Sendable, Decodable {
    /// `list-policies-for-target --filter SERVICE_CONTROL_POLICY`.
    public var serviceControlPolicies: Slot<ListPoliciesForTargetResponse>
    /// `list-policies-for-target --filter RESOURCE_CONTROL_POLICY`.
    public var resourceControlPolicies: Slot<ListPoliciesForTargetResponse>

    enum CodingKeys: String, CodingKey {
        case serviceControlPolicies = "SERVICE_CONTROL_POLICY", resourceControlPolicies = "RESOURCE_CONTROL_POLICY"
    }

    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        serviceControlPolicies = try c.decodeSlot(ListPoliciesForTargetResponse.self, forKey: .serviceControlPolicies)
        resourceControlPolicies = try c.decodeSlot(
            ListPoliciesForTargetResponse.self, forKey: .resourceControlPolicies)
    }
}

/// A managed IAM policy: `iam get-policy` and `iam get-policy-version` of its default version.
public struct ManagedPolicyData: Sendable, Decodable {
    public var policy: Slot<GetPolicyResponse>
    public var defaultVersion: Slot<GetPolicyVersionResponse>

    enum CodingKeys: String, CodingKey {
        case policy, defaultVersion
    }

    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        policy = try c.decodeSlot(GetPolicyResponse.self, forKey: .policy)
        defaultVersion = try c.decodeSlot(GetPolicyVersionResponse.self, forKey: .defaultVersion)
    }
}

/// What was read inside one managed account, through the assumed role (or the caller's own credentials in the
/// caller's account).
public struct MemberAccountData: Sendable, Decodable {
    /// The role assumed into the account; nil for the caller's own account.
    public var roleArn: String?
    /// `sts get-caller-identity` as the role; an error means the role could not be assumed.
    public var callerIdentity: Slot<CallerIdentity>
    /// `cloudtrail describe-trails --include-shadow-trails`.
    public var trails: Slot<DescribeTrailsResponse>
    /// `cloudtrail get-trail-status`, by trail ARN.
    public var trailStatus: [String: Slot<TrailStatus>]
    /// `s3api list-buckets`.
    public var buckets: Slot<ListBucketsResponse>
    /// The roles of `iam list-roles` whose ARN matches a principal pattern.
    public var roles: Slot<ListRolesResponse>
    /// The details of each matching role, by role name.
    public var roleDetails: [String: RoleDetails]

    enum CodingKeys: String, CodingKey {
        case roleArn, callerIdentity, trails, trailStatus, buckets, roles, roleDetails
    }

    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        roleArn = try c.decodeIfPresent(String.self, forKey: .roleArn)
        callerIdentity = try c.decodeSlot(CallerIdentity.self, forKey: .callerIdentity)
        trails = try c.decodeSlot(DescribeTrailsResponse.self, forKey: .trails)
        trailStatus = try c.decodeSlots(TrailStatus.self, forKey: .trailStatus)
        buckets = try c.decodeSlot(ListBucketsResponse.self, forKey: .buckets)
        roles = try c.decodeSlot(ListRolesResponse.self, forKey: .roles)
        roleDetails = try c.decodeIfPresent([String: RoleDetails].self, forKey: .roleDetails) ?? [:]
    }
}

/// The answers about one role: the role itself and its identity policies.
public struct RoleDetails: Sendable, Decodable {
    /// `iam get-role`.
    public var role: Slot<GetRoleResponse>
    /// `iam list-attached-role-policies`.
    public var attachedPolicies: Slot<ListAttachedRolePoliciesResponse>
    /// `iam list-role-policies`.
    public var inlinePolicyNames: Slot<ListRolePoliciesResponse>
    /// `iam get-role-policy`, by policy name.
    public var inlinePolicies: [String: Slot<GetRolePolicyResponse>]

    enum CodingKeys: String, CodingKey {
        case role, attachedPolicies, inlinePolicyNames, inlinePolicies
    }

    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        role = try c.decodeSlot(GetRoleResponse.self, forKey: .role)
        attachedPolicies = try c.decodeSlot(ListAttachedRolePoliciesResponse.self, forKey: .attachedPolicies)
        inlinePolicyNames = try c.decodeSlot(ListRolePoliciesResponse.self, forKey: .inlinePolicyNames)
        inlinePolicies = try c.decodeSlots(GetRolePolicyResponse.self, forKey: .inlinePolicies)
    }
}

/// A coding key for the members of an object whose names are data (ids, ARNs, names).
struct DynamicKey: CodingKey {
    var stringValue: String
    var intValue: Int? { nil }

    init(stringValue: String) { self.stringValue = stringValue }
    init?(intValue: Int) { nil }
}

extension KeyedDecodingContainer {
    /// Decodes an object whose every member is a snapshot slot, keyed by the member's name; absent or null is empty.
    func decodeSlots<T: Decodable & Sendable>(_ type: T.Type, forKey key: Key) throws -> [String: Slot<T>] {
        guard contains(key), try !decodeNil(forKey: key) else { return [:] }
        let members = try nestedContainer(keyedBy: DynamicKey.self, forKey: key)
        var slots: [String: Slot<T>] = [:]
        for member in members.allKeys { slots[member.stringValue] = try members.decodeSlot(type, forKey: member) }
        return slots
    }
}
