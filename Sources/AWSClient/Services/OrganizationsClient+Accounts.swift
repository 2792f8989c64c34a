import OrderedJSON

extension OrganizationsClient {
    /// `organizations list-accounts`, every page: the ids of the organization's accounts whose `Status` is `ACTIVE`,
    /// in the order AWS lists them (for `trailgate athena ddl`'s account projection).
    public func listActiveAccountIds() async throws -> [String] {
        var ids: [String] = []
        var token: String?
        repeat {
            let input: JSONValue = token.map { ["NextToken": .string($0)] } ?? [:]
            let page = try await json.call("ListAccounts", input, region: "us-east-1")
            for account in page["Accounts"]?.arrayValue ?? []
            where account["Status"]?.stringValue ?? "ACTIVE" == "ACTIVE" {
                if let id = account["Id"]?.stringValue { ids.append(id) }
            }
            token = page["NextToken"]?.stringValue
        } while token != nil
        return ids
    }
}
