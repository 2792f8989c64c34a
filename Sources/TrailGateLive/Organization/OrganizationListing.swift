import OrderedJSON

/// The organization as the collector lists it (its working state; the judged model is TrailGateCore's
/// `OrganizationTree`): each parent's OUs and accounts (the AWS CLI's answers, or their errors), and each OU's and
/// account's parent, from which every account's path and the run's scope follow.
struct OrganizationListing: Sendable {
    /// `list-roots`.
    var roots: JSONValue = .null
    /// The root ids, as `list-roots` lists them.
    var rootIds: [String] = []
    /// `list-organizational-units-for-parent` per parent id.
    var organizationalUnits: [String: JSONValue] = [:]
    /// `list-accounts-for-parent` per parent id.
    var accounts: [String: JSONValue] = [:]
    /// The parent of each OU and account found.
    var parent: [String: String] = [:]
    /// Each account found, as `list-accounts-for-parent` lists it.
    var accountEntries: [String: JSONValue] = [:]

    /// The ids of the OUs found.
    var organizationalUnitIds: Set<String> {
        Set(parent.keys.filter { accountEntries[$0] == nil })
    }

    /// The parents above `id`, from the root down (without `id`).
    func path(of id: String) -> [String] {
        var path: [String] = []
        var current = id
        while let up = parent[current], !path.contains(up) {
            path.insert(up, at: 0)
            current = up
        }
        return path
    }

    /// Records one parent's answers and returns the OUs under it, to be read next.
    mutating func add(parentId: String, organizationalUnits units: JSONValue, accounts listed: JSONValue) -> [String] {
        organizationalUnits[parentId] = units
        accounts[parentId] = listed
        for account in listed["Accounts"]?.arrayValue ?? [] {
            guard let id = account["Id"]?.stringValue else { continue }
            parent[id] = parentId
            accountEntries[id] = account
        }
        let children = units["OrganizationalUnits"]?.arrayValue?.compactMap { $0["Id"]?.stringValue } ?? []
        for child in children { parent[child] = parentId }
        return children
    }

    /// The managed accounts of `request`, sorted: every active account, or those `accounts` names with the active
    /// accounts under `organizationalUnits` at any depth, less `excludeAccounts`. A named account or OU that is not
    /// in the organization is an error.
    func scope(_ request: OrganizationScanRequest) throws(OrganizationScanError) -> [String] {
        let unknownAccounts = request.accounts.filter { accountEntries[$0] == nil }
        if !unknownAccounts.isEmpty { throw .unknownAccounts(option: "--accounts", ids: unknownAccounts) }
        let unknownExcluded = request.excludeAccounts.filter { accountEntries[$0] == nil }
        if !unknownExcluded.isEmpty { throw .unknownAccounts(option: "--exclude-accounts", ids: unknownExcluded) }
        let units = organizationalUnitIds
        let unknownUnits = request.organizationalUnits.filter { !units.contains($0) }
        if !unknownUnits.isEmpty { throw .unknownOrganizationalUnits(unknownUnits) }

        let active = accountEntries.filter { $0.value["Status"]?.stringValue ?? "ACTIVE" == "ACTIVE" }.keys
        var chosen: Set<String>
        if request.accounts.isEmpty && request.organizationalUnits.isEmpty {
            chosen = Set(active)
        } else {
            chosen = Set(request.accounts)
            let wanted = Set(request.organizationalUnits)
            for id in active where path(of: id).contains(where: wanted.contains) { chosen.insert(id) }
        }
        chosen.subtract(request.excludeAccounts)
        return chosen.sorted()
    }
}
