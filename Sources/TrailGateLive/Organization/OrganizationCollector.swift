import AWSClient
import Foundation
import OrderedJSON
import TrailGateBasics

/// Reads an organization into a version-2 snapshot (docs/snapshot.md): the caller's trails as a single-account
/// snapshot has them, the bucket and keys read from the accounts that own them, and `organizationScan` — the OU
/// tree, the SCPs and RCPs of every level, and each managed account's trails, buckets and matching roles, read
/// through the role assumed into it. A refused call fills its slot with the AWS error; only an organization the
/// caller cannot list, a selection naming what is not in it, or a failure to reach AWS at all stops the run.
public struct OrganizationCollector: Sendable {
    /// The caller's session: the management account's or a delegated administrator's.
    public let session: LiveSession
    public let request: OrganizationScanRequest
    public let now: @Sendable () -> Date
    private let counter: ScanCounter
    /// Bounds the organization-wide calls in flight (the tree, the policies).
    private let limiter = ConcurrencyLimiter(maximum: 8)

    /// A collector; `progress` is told of every answered call and every account read.
    public init(
        session: LiveSession, request: OrganizationScanRequest,
        progress: (@Sendable (OrganizationScanProgress) -> Void)? = nil,
        now: @escaping @Sendable () -> Date = { Date() }
    ) {
        self.session = session
        self.request = request
        self.now = now
        counter = ScanCounter(observer: progress)
    }

    private var organizations: OrganizationsClient { session.clients.organizations }

    private func slot(_ call: @Sendable () async throws -> JSONValue) async throws -> JSONValue {
        try await ScanSlot.read(call, limiter: limiter, counter: counter)
    }

    /// A collector reading through `clients`, counted with this run's calls.
    private func snapshotCollector(_ clients: ServiceClients) -> SnapshotCollector {
        let counter = counter
        return SnapshotCollector(
            clients: clients, region: session.region, now: now, onCall: { counter.call(refused: $0) })
    }

    /// Collects the version-2 snapshot for every trail visible to the caller in the Region, or the one `trail`
    /// names.
    public func collect(trail selector: String? = nil) async throws -> JSONValue {
        let caller = snapshotCollector(session.clients)
        async let callerReading = caller.readTrails(selector)
        let tree = try await readTree()
        let scope = try tree.scope(request)
        counter.setAccountsTotal(scope.count)
        let reading = try await callerReading
        let callerAccount = reading.callerIdentity["Account"]?.stringValue
        let partition = reading.callerIdentity["Arn"]?.stringValue.flatMap(Self.partition(of:)) ?? "aws"

        var sessions: [String: LiveSession] = [:]
        if let callerAccount { sessions[callerAccount] = session }
        for id in scope where id != callerAccount {
            sessions[id] = assumedSession(id, partition: partition)
        }
        let managedPolicies = ManagedPolicyCache()
        let members = try await readMembers(
            scope, sessions: sessions, partition: partition, callerAccount: callerAccount,
            managedPolicies: managedPolicies)

        // The bucket's owner: as given, else the account (the caller's or a managed one) whose buckets list it.
        var owners: [String: String] = [:]
        var listings: [(String, JSONValue)] = callerAccount.map { [($0, reading.ownedBuckets)] } ?? []
        listings += members.map { ($0.key, $0.value["buckets"] ?? .null) }
        for (account, listing) in listings {
            for name in SnapshotCollector.bucketNames(in: listing) where owners[name] == nil { owners[name] = account }
        }
        let trailBucket =
            reading.trails.first { $0["IsOrganizationTrail"] == .bool(true) }?["S3BucketName"]?.stringValue
            ?? reading.deliveryBuckets.first
        if let given = request.bucketAccount, let trailBucket { owners[trailBucket] = given }
        let bucketAccount = request.bucketAccount ?? trailBucket.flatMap { owners[$0] }

        func clients(of account: String?) -> ServiceClients {
            guard let account else { return session.clients }
            if let known = sessions[account] { return known.clients }
            return assumedSession(account, partition: partition).clients
        }
        let bucketNames = reading.deliveryBuckets.sorted()
        var buckets: [String: JSONValue] = [:]
        try await withThrowingTaskGroup(of: (String, JSONValue).self) { group in
            for name in bucketNames {
                let owner = owners[name]
                let reader = snapshotCollector(clients(of: owner))
                group.addTask { (name, try await reader.readBucket(name, ownerAccountId: owner, objectLock: false)) }
            }
            for try await (name, data) in group { buckets[name] = data }
        }
        let keyIds = SnapshotCollector.keyIds(trails: reading.trails, buckets: buckets, region: session.region)
        func keyAccount(_ id: String) -> String? { ARN.account(in: id) ?? bucketAccount ?? callerAccount }
        let keyAccounts = Set(keyIds.compactMap { keyAccount($0.id) })
        let keys = try await SnapshotCollector.readKeys(keyIds) { snapshotCollector(clients(of: keyAccount($0))) }

        var targets: [String] = tree.rootIds
        let owning = Set(owners.filter { bucketNames.contains($0.key) }.values).union(keyAccounts)
        for account in scope + owning.sorted() {
            targets += tree.path(of: account) + [account]
        }
        let (policiesForTarget, policies) = try await readPolicies(targets)

        let scan: JSONValue = [
            "assumeRoleName": .string(request.assumeRoleName),
            "principalArnPatterns": .array(request.principalArnPatterns.map(JSONValue.string)),
            "selection": [
                "accounts": .array(request.accounts.map(JSONValue.string)),
                "excludeAccounts": .array(request.excludeAccounts.map(JSONValue.string)),
                "organizationalUnits": .array(request.organizationalUnits.map(JSONValue.string)),
            ],
            "bucketAccount": bucketAccount.map(JSONValue.string) ?? .null,
            "roots": tree.roots,
            "organizationalUnits": Self.sorted(tree.organizationalUnits),
            "accounts": Self.sorted(tree.accounts),
            "policiesForTarget": policiesForTarget,
            "policies": policies,
            "managedPolicies": try await managedPolicies.all(),
            "memberAccounts": Self.sorted(members),
        ]
        var document = snapshotCollector(session.clients).document(
            reading, bucketNames: bucketNames, buckets: buckets, keys: keys)
        document["snapshotVersion"] = 2
        document["organizationScan"] = scan
        return document
    }

    /// A session through the run's role in `account`.
    private func assumedSession(_ account: String, partition: String) -> LiveSession {
        session.assumingRole(
            roleArn(account, partition: partition), sessionName: "trailgate-organization",
            externalId: request.externalId)
    }

    private func roleArn(_ account: String, partition: String) -> String {
        "arn:\(partition):iam::\(account):role/\(request.assumeRoleName)"
    }

    /// The roots, then every parent's OUs and accounts, level by level. A refused `list-roots` means the caller
    /// cannot read the organization.
    private func readTree() async throws -> OrganizationListing {
        var tree = OrganizationListing()
        let roots: JSONValue
        do {
            roots = try await limiter.run { try await organizations.listRoots() }
            counter.call(refused: false)
        } catch let error as AWSServiceError {
            counter.call(refused: true)
            guard Self.notAnAdministrator.contains(error.code) else { throw error }
            throw OrganizationScanError.organizationUnreadable(code: error.code)
        }
        tree.roots = roots
        tree.rootIds = roots["Roots"]?.arrayValue?.compactMap { $0["Id"]?.stringValue } ?? []
        var level = tree.rootIds
        while !level.isEmpty {
            let answers = try await withThrowingTaskGroup(of: (String, JSONValue, JSONValue).self) { group in
                for parent in level {
                    group.addTask {
                        async let units = slot { try await organizations.listOrganizationalUnits(parentId: parent) }
                        async let accounts = slot { try await organizations.listAccounts(parentId: parent) }
                        return (parent, try await units, try await accounts)
                    }
                }
                var answers: [(String, JSONValue, JSONValue)] = []
                for try await answer in group { answers.append(answer) }
                return answers.sorted { $0.0 < $1.0 }
            }
            level = answers.flatMap { tree.add(parentId: $0.0, organizationalUnits: $0.1, accounts: $0.2) }
        }
        return tree
    }

    /// Every account of `scope`, `request.concurrency` at a time.
    private func readMembers(
        _ scope: [String], sessions: [String: LiveSession], partition: String, callerAccount: String?,
        managedPolicies: ManagedPolicyCache
    ) async throws -> [String: JSONValue] {
        let accountLimiter = ConcurrencyLimiter(maximum: request.concurrency)
        let patterns = request.principalArnPatterns.map(RoleArnPattern.init)
        return try await withThrowingTaskGroup(of: (String, JSONValue).self) { group in
            for id in scope {
                guard let accountSession = sessions[id] else { continue }
                let reader = MemberAccountReader(
                    roleArn: id == callerAccount ? nil : roleArn(id, partition: partition),
                    clients: accountSession.clients, region: session.region, patterns: patterns,
                    managedPolicies: managedPolicies, counter: counter)
                group.addTask {
                    let entry = try await accountLimiter.run { try await reader.read() }
                    counter.accountDone()
                    return (id, entry)
                }
            }
            var members: [String: JSONValue] = [:]
            for try await (id, entry) in group { members[id] = entry }
            return members
        }
    }

    /// `list-policies-for-target` (SCPs and RCPs) of each target, and `describe-policy` of each policy they list,
    /// once.
    private func readPolicies(_ targets: [String]) async throws -> (JSONValue, JSONValue) {
        var seen: Set<String> = []
        let unique = targets.filter { seen.insert($0).inserted }
        let filters = ["SERVICE_CONTROL_POLICY", "RESOURCE_CONTROL_POLICY"]
        let listed = try await withThrowingTaskGroup(of: (String, JSONValue).self) { group in
            for target in unique {
                group.addTask {
                    async let scps = slot { try await organizations.listPolicies(targetId: target, filter: filters[0]) }
                    async let rcps = slot { try await organizations.listPolicies(targetId: target, filter: filters[1]) }
                    return (target, [filters[0]: try await scps, filters[1]: try await rcps])
                }
            }
            var listed: [String: JSONValue] = [:]
            for try await (target, answers) in group { listed[target] = answers }
            return listed
        }
        var ids: Set<String> = []
        for answers in listed.values {
            for filter in filters {
                for policy in answers[filter]?["Policies"]?.arrayValue ?? [] {
                    if let id = policy["Id"]?.stringValue { ids.insert(id) }
                }
            }
        }
        let described = try await withThrowingTaskGroup(of: (String, JSONValue).self) { group in
            for id in ids {
                group.addTask { (id, try await slot { try await organizations.describePolicy(id) }) }
            }
            var described: [String: JSONValue] = [:]
            for try await (id, answer) in group { described[id] = answer }
            return described
        }
        return (Self.sorted(listed), Self.sorted(described))
    }

    /// The codes with which Organizations refuses a caller that is neither the management account nor a delegated
    /// administrator, or an account in no organization.
    private static let notAnAdministrator: Set<String> = [
        "AccessDenied", "AccessDeniedException", "AWSOrganizationsNotInUseException",
    ]

    /// A map as a JSON object with its keys sorted, so the output is the same from run to run.
    private static func sorted(_ map: [String: JSONValue]) -> JSONValue {
        .object(map.sorted { $0.key < $1.key }.map { (key: $0.key, value: $0.value) })
    }

    /// The partition of an ARN (`aws`, `aws-cn`, `aws-us-gov`).
    private static func partition(of arn: String) -> String? {
        let parts = arn.split(separator: ":", maxSplits: 2, omittingEmptySubsequences: false)
        return parts.count > 2 && parts[0] == "arn" && !parts[1].isEmpty ? String(parts[1]) : nil
    }
}
