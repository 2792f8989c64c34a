import OrderedJSON

/// IAM's read calls for a role: the role, its identity policies and its permissions boundary. Answers are the JSON
/// the AWS CLI prints, every page of a listing merged into one (as the CLI's automatic pagination does), policy
/// documents decoded.
public struct IAMClient: Sendable {
    let query: QueryProtocolClient

    public init(client: AWSServiceClient) {
        query = QueryProtocolClient(client: client, service: .iam, version: "2010-05-08")
    }

    static let tag = ResponseShape.members([("Key", .string), ("Value", .string)])
    static let role = ResponseShape.members([
        ("Path", .string), ("RoleName", .string), ("RoleId", .string), ("Arn", .string), ("CreateDate", .timestamp),
        ("AssumeRolePolicyDocument", .policyDocument), ("Description", .string), ("MaxSessionDuration", .integer),
        (
            "PermissionsBoundary",
            .members([("PermissionsBoundaryType", .string), ("PermissionsBoundaryArn", .string)])
        ),
        ("Tags", .list(tag, member: "member", flattened: false)),
        ("RoleLastUsed", .members([("LastUsedDate", .timestamp), ("Region", .string)])),
    ])
    static let attachedPolicy = ResponseShape.members([("PolicyName", .string), ("PolicyArn", .string)])
    static let policy = ResponseShape.members([
        ("PolicyName", .string), ("PolicyId", .string), ("Arn", .string), ("Path", .string),
        ("DefaultVersionId", .string), ("AttachmentCount", .integer), ("PermissionsBoundaryUsageCount", .integer),
        ("IsAttachable", .boolean), ("Description", .string), ("CreateDate", .timestamp), ("UpdateDate", .timestamp),
        ("Tags", .list(tag, member: "member", flattened: false)),
    ])
    static let policyVersion = ResponseShape.members([
        ("Document", .policyDocument), ("VersionId", .string), ("IsDefaultVersion", .boolean),
        ("CreateDate", .timestamp),
    ])

    /// Every page of a `Marker`-paginated listing, the `key` list of each page appended into one.
    private func listing(
        _ action: String, _ parameters: [(String, String)], key: String, item: ResponseShape
    ) async throws -> JSONValue {
        var items: [JSONValue] = []
        var marker: String?
        repeat {
            let page = try await query.call(
                action, parameters + (marker.map { [("Marker", $0)] } ?? []), region: "us-east-1")
            let list = ResponseShape.list(item, member: "member", flattened: false)
            if let element = page.child(key), case .array(let values) = list.json(from: element) {
                items += values
            }
            marker = page.child("IsTruncated")?.text == "true" ? page.child("Marker")?.text : nil
        } while marker != nil
        return [key: .array(items)]
    }

    /// `iam list-roles`, every page.
    public func listRoles() async throws -> JSONValue {
        try await listing("ListRoles", [], key: "Roles", item: Self.role)
    }

    /// `iam get-role --role-name NAME`: the role with its permissions boundary, which ListRoles leaves out.
    public func getRole(_ name: String) async throws -> JSONValue {
        let result = try await query.call("GetRole", [("RoleName", name)], region: "us-east-1")
        return ResponseShape.members([("Role", Self.role)]).json(from: result)
    }

    /// `iam list-attached-role-policies --role-name NAME`, every page.
    public func listAttachedRolePolicies(_ roleName: String) async throws -> JSONValue {
        try await listing(
            "ListAttachedRolePolicies", [("RoleName", roleName)], key: "AttachedPolicies", item: Self.attachedPolicy)
    }

    /// `iam list-role-policies --role-name NAME` (the inline policies' names), every page.
    public func listRolePolicies(_ roleName: String) async throws -> JSONValue {
        try await listing("ListRolePolicies", [("RoleName", roleName)], key: "PolicyNames", item: .string)
    }

    /// `iam get-role-policy --role-name ROLE --policy-name NAME`.
    public func getRolePolicy(roleName: String, policyName: String) async throws -> JSONValue {
        let result = try await query.call(
            "GetRolePolicy", [("RoleName", roleName), ("PolicyName", policyName)], region: "us-east-1")
        return ResponseShape.members([
            ("RoleName", .string), ("PolicyName", .string), ("PolicyDocument", .policyDocument),
        ])
        .json(from: result)
    }

    /// `iam get-policy --policy-arn ARN`.
    public func getPolicy(_ policyArn: String) async throws -> JSONValue {
        let result = try await query.call("GetPolicy", [("PolicyArn", policyArn)], region: "us-east-1")
        return ResponseShape.members([("Policy", Self.policy)]).json(from: result)
    }

    /// `iam get-policy-version --policy-arn ARN --version-id V`.
    public func getPolicyVersion(_ policyArn: String, versionId: String) async throws -> JSONValue {
        let result = try await query.call(
            "GetPolicyVersion", [("PolicyArn", policyArn), ("VersionId", versionId)], region: "us-east-1")
        return ResponseShape.members([("PolicyVersion", Self.policyVersion)]).json(from: result)
    }
}
