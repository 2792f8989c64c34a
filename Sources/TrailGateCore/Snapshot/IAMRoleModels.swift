import OrderedJSON

/// `iam get-policy`.
public struct GetPolicyResponse: Sendable, Decodable {
    public var policy: ManagedPolicy

    enum CodingKeys: String, CodingKey {
        case policy = "Policy"
    }
}

/// A managed IAM policy's metadata.
public struct ManagedPolicy: Sendable, Decodable {
    public var policyName: String?
    public var arn: String?
    public var defaultVersionId: String?

    enum CodingKeys: String, CodingKey {
        case policyName = "PolicyName", arn = "Arn", defaultVersionId = "DefaultVersionId"
    }
}

/// `iam get-policy-version`.
public struct GetPolicyVersionResponse: Sendable, Decodable {
    public var policyVersion: PolicyVersion

    enum CodingKeys: String, CodingKey {
        case policyVersion = "PolicyVersion"
    }
}

/// One version of a managed policy.
public struct PolicyVersion: Sendable, Decodable {
    /// The document: a JSON object as the AWS CLI prints it (text when IAM's text was not JSON).
    public var document: JSONValue
    public var versionId: String?

    enum CodingKeys: String, CodingKey {
        case document = "Document", versionId = "VersionId"
    }
}

/// `iam list-roles`, reduced to the roles matching a principal pattern.
public struct ListRolesResponse: Sendable, Decodable {
    public var roles: [IAMRole]

    enum CodingKeys: String, CodingKey {
        case roles = "Roles"
    }
}

/// `iam get-role`.
public struct GetRoleResponse: Sendable, Decodable {
    public var role: IAMRole

    enum CodingKeys: String, CodingKey {
        case role = "Role"
    }
}

/// An IAM role.
public struct IAMRole: Sendable, Decodable {
    public var roleName: String
    public var arn: String
    /// `/`, or e.g. `/aws-service-role/…/` for a service-linked role.
    public var path: String?
    public var permissionsBoundary: PermissionsBoundary?

    enum CodingKeys: String, CodingKey {
        case roleName = "RoleName", arn = "Arn", path = "Path", permissionsBoundary = "PermissionsBoundary"
    }

    /// True for a service-linked role, which SCPs do not limit.
    public var isServiceLinked: Bool { path?.hasPrefix("/aws-service-role/") == true }
}

/// A role's permissions boundary.
public struct PermissionsBoundary: Sendable, Decodable {
    public var permissionsBoundaryArn: String

    enum CodingKeys: String, CodingKey {
        case permissionsBoundaryArn = "PermissionsBoundaryArn"
    }
}

/// `iam list-attached-role-policies`.
public struct ListAttachedRolePoliciesResponse: Sendable, Decodable {
    public var attachedPolicies: [AttachedPolicy]

    enum CodingKeys: String, CodingKey {
        case attachedPolicies = "AttachedPolicies"
    }
}

/// A managed policy attached to a role.
public struct AttachedPolicy: Sendable, Decodable {
    public var policyName: String?
    public var policyArn: String

    enum CodingKeys: String, CodingKey {
        case policyName = "PolicyName", policyArn = "PolicyArn"
    }
}

/// `iam list-role-policies`.
public struct ListRolePoliciesResponse: Sendable, Decodable {
    public var policyNames: [String]

    enum CodingKeys: String, CodingKey {
        case policyNames = "PolicyNames"
    }
}

/// `iam get-role-policy`.
public struct GetRolePolicyResponse: Sendable, Decodable {
    public var policyName: String?
    /// The document: a JSON object as the AWS CLI prints it (text when IAM's text was not JSON).
    public var policyDocument: JSONValue

    enum CodingKeys: String, CodingKey {
        case policyName = "PolicyName", policyDocument = "PolicyDocument"
    }
}
