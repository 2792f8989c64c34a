import OrderedJSON

extension OrganizationsClient {
    /// Every page of a `NextToken`-paginated call, the `key` list of each page appended into one, as the AWS CLI's
    /// automatic pagination prints it.
    private func allPages(_ operation: String, _ input: [(String, JSONValue)], key: String) async throws -> JSONValue {
        var items: [JSONValue] = []
        var token: String?
        repeat {
            let page = try await json.call(
                operation, .object(input + (token.map { [("NextToken", .string($0))] } ?? [])), region: "us-east-1")
            items += page[key]?.arrayValue ?? []
            token = page["NextToken"]?.stringValue
        } while token != nil
        return [key: .array(items)]
    }

    /// `organizations list-roots`.
    public func listRoots() async throws -> JSONValue {
        try await allPages("ListRoots", [], key: "Roots")
    }

    /// `organizations list-organizational-units-for-parent --parent-id ID`.
    public func listOrganizationalUnits(parentId: String) async throws -> JSONValue {
        try await allPages(
            "ListOrganizationalUnitsForParent", [("ParentId", .string(parentId))], key: "OrganizationalUnits")
    }

    /// `organizations list-accounts-for-parent --parent-id ID`.
    public func listAccounts(parentId: String) async throws -> JSONValue {
        try await allPages("ListAccountsForParent", [("ParentId", .string(parentId))], key: "Accounts")
    }

    /// `organizations list-policies-for-target --target-id ID --filter FILTER` (`SERVICE_CONTROL_POLICY`,
    /// `RESOURCE_CONTROL_POLICY`).
    public func listPolicies(targetId: String, filter: String) async throws -> JSONValue {
        try await allPages(
            "ListPoliciesForTarget", [("TargetId", .string(targetId)), ("Filter", .string(filter))], key: "Policies")
    }

    /// `organizations describe-policy --policy-id ID`.
    public func describePolicy(_ policyId: String) async throws -> JSONValue {
        try await json.call("DescribePolicy", ["PolicyId": .string(policyId)], region: "us-east-1")
    }
}
