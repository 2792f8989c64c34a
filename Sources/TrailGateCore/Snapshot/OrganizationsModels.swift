/// `organizations list-roots`.
public struct ListRootsResponse: Sendable, Decodable {
    public var roots: [OrganizationRoot]

    enum CodingKeys: String, CodingKey {
        case roots = "Roots"
    }
}

/// The organization's root.
public struct OrganizationRoot: Sendable, Decodable {
    /// `r-` followed by 4–32 lowercase letters or digits.
    public var id: String
    public var name: String?

    enum CodingKeys: String, CodingKey {
        case id = "Id", name = "Name"
    }
}

/// `organizations list-organizational-units-for-parent`.
public struct ListOrganizationalUnitsResponse: Sendable, Decodable {
    public var organizationalUnits: [OrganizationalUnit]

    enum CodingKeys: String, CodingKey {
        case organizationalUnits = "OrganizationalUnits"
    }
}

/// One organizational unit.
public struct OrganizationalUnit: Sendable, Decodable {
    /// `ou-…`.
    public var id: String
    public var name: String?

    enum CodingKeys: String, CodingKey {
        case id = "Id", name = "Name"
    }
}

/// `organizations list-accounts-for-parent`.
public struct ListAccountsResponse: Sendable, Decodable {
    public var accounts: [OrganizationAccount]

    enum CodingKeys: String, CodingKey {
        case accounts = "Accounts"
    }
}

/// One account of the organization.
public struct OrganizationAccount: Sendable, Decodable {
    public var id: String
    public var name: String?
    /// `ACTIVE`, `SUSPENDED` or `PENDING_CLOSURE`.
    public var status: String?

    enum CodingKeys: String, CodingKey {
        case id = "Id", name = "Name", status = "Status"
    }
}

/// `organizations list-policies-for-target`.
public struct ListPoliciesForTargetResponse: Sendable, Decodable {
    public var policies: [OrganizationPolicySummary]

    enum CodingKeys: String, CodingKey {
        case policies = "Policies"
    }
}

/// A policy as Organizations lists it.
public struct OrganizationPolicySummary: Sendable, Decodable {
    /// `p-…`, or `p-FullAWSAccess` for the AWS managed SCP.
    public var id: String
    public var name: String?
    public var type: String?
    public var awsManaged: Bool?

    enum CodingKeys: String, CodingKey {
        case id = "Id", name = "Name", type = "Type", awsManaged = "AwsManaged"
    }
}

/// `organizations describe-policy`.
public struct DescribePolicyResponse: Sendable, Decodable {
    public var policy: DescribedPolicy

    enum CodingKeys: String, CodingKey {
        case policy = "Policy"
    }
}

/// A policy with its document, which Organizations returns as JSON text.
public struct DescribedPolicy: Sendable, Decodable {
    public var summary: OrganizationPolicySummary
    /// The policy document as text; it may not be valid JSON, which makes only the checks that need it unknown.
    public var content: String

    enum CodingKeys: String, CodingKey {
        case summary = "PolicySummary", content = "Content"
    }
}
