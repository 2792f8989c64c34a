import OrderedJSON

/// Runs the account checks over every managed account of an organization scan.
struct OrganizationReadiness {
    var checks: [any AccountCheck] = AccountCheckRegistry.all

    /// The report of every account in `scan.memberAccounts`, judged against `trail` (the organization trail).
    func run(_ snapshot: Snapshot, scan: OrganizationScan, trail: TrailContext?) -> OrganizationReport {
        let tree = OrganizationTree(scan: scan)
        let accounts = scan.memberAccounts.map { accountId, member in
            let context = AccountContext(
                accountId: accountId, member: member, tree: tree, trail: trail, snapshot: snapshot)
            let results: [CheckResult]
            if let unreadable = context.unreadable {
                results = checks.map {
                    CheckResult(
                        id: $0.id, title: $0.title, status: .unknown, summary: unreadable,
                        evidence: member.roleArn.map { [Evidence("roleArn", .string($0))] } ?? [])
                }
            } else {
                results = checks.map { $0.evaluate(context) }
            }
            let path = try? context.path.get()
            return AccountReport(
                accountId: accountId, name: path?.accountName, ouPath: path?.ouPath, results: results)
        }
        let skipped = Set(tree.paths.keys).subtracting(scan.memberAccounts.keys).count
        return OrganizationReport(
            organizationId: trail?.organizationId ?? snapshot.organization.value?.organization.id,
            accounts: accounts, accountsSkipped: skipped)
    }
}
