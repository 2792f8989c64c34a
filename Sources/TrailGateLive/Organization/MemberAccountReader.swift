import AWSClient
import OrderedJSON
import TrailGateBasics

/// Reads one managed account as the contract's `memberAccounts.<id>` says, through a session in that account:
/// its identity, the trails it sees, its buckets, and its roles matching the principal patterns with their
/// policies. A refused call fills its slot with the AWS error; a refused identity (the role could not be assumed)
/// ends the account's reading there.
struct MemberAccountReader: Sendable {
    /// The role ARN assumed into the account, or nil for the caller's own account.
    var roleArn: String?
    var clients: ServiceClients
    var region: String
    var patterns: [RoleArnPattern]
    var managedPolicies: ManagedPolicyCache
    var counter: ScanCounter
    /// Bounds this account's calls in flight.
    var limiter = ConcurrencyLimiter(maximum: 4)

    func slot(_ call: @Sendable () async throws -> JSONValue) async throws -> JSONValue {
        try await ScanSlot.read(call, limiter: limiter, counter: counter)
    }

    /// The account's `memberAccounts` entry.
    func read() async throws -> JSONValue {
        var entry: JSONValue = ["roleArn": roleArn.map(JSONValue.string) ?? .null]
        let identity = try await slot { try await clients.sts.getCallerIdentity(region: region) }
        entry["callerIdentity"] = identity
        if identity["Error"] != nil { return entry }

        async let trails = readTrails()
        async let buckets = slot { try await clients.s3.listBuckets(region: region) }
        async let roles = readRoles()
        let (listed, statuses) = try await trails
        entry["trails"] = listed
        entry["trailStatus"] = statuses
        entry["buckets"] = try await buckets
        let (matching, details) = try await roles
        entry["roles"] = matching
        entry["roleDetails"] = details
        return entry
    }

    /// `describe-trails --include-shadow-trails` and `get-trail-status` of each organization trail it lists.
    private func readTrails() async throws -> (JSONValue, JSONValue) {
        let listed = try await slot { try await clients.cloudTrail.describeTrails(region: region) }
        var seen: Set<String> = []
        let organizationTrails = (listed["trailList"]?.arrayValue ?? []).filter {
            $0["IsOrganizationTrail"] == .bool(true) && seen.insert($0["TrailARN"]?.stringValue ?? "").inserted
        }
        var statuses: [(key: String, value: JSONValue)] = []
        for trail in organizationTrails {
            guard let arn = trail["TrailARN"]?.stringValue else { continue }
            let home = trail["HomeRegion"]?.stringValue ?? region
            statuses.append((arn, try await slot { try await clients.cloudTrail.getTrailStatus(arn, region: home) }))
        }
        return (listed, .object(statuses.sorted { $0.key < $1.key }))
    }

    /// The roles whose ARN matches a pattern (`{"Roles": […]}`, or ListRoles' error) and each one's details, by
    /// role name.
    private func readRoles() async throws -> (JSONValue, JSONValue) {
        let listed = try await slot { try await clients.iam.listRoles() }
        if listed["Error"] != nil { return (listed, [:]) }
        let matching = (listed["Roles"]?.arrayValue ?? []).filter { role in
            let arn = role["Arn"]?.stringValue ?? ""
            return patterns.contains { $0.matches(arn) }
        }
        let names = matching.compactMap { $0["RoleName"]?.stringValue }
        let details = try await withThrowingTaskGroup(of: (String, JSONValue).self) { group in
            for name in names {
                group.addTask { (name, try await readRole(name)) }
            }
            var details: [(key: String, value: JSONValue)] = []
            for try await detail in group { details.append(detail) }
            return details.sorted { $0.key < $1.key }
        }
        return (["Roles": .array(matching)], .object(details))
    }

    /// One role's `roleDetails` entry; its managed policies and boundary are read into ``managedPolicies``.
    private func readRole(_ name: String) async throws -> JSONValue {
        async let role = slot { try await clients.iam.getRole(name) }
        async let attached = slot { try await clients.iam.listAttachedRolePolicies(name) }
        async let inlineNames = slot { try await clients.iam.listRolePolicies(name) }
        let policyNames = try await inlineNames["PolicyNames"]?.arrayValue?.compactMap(\.stringValue) ?? []
        var inline: [(key: String, value: JSONValue)] = []
        for policyName in policyNames.sorted() {
            inline.append(
                (
                    policyName,
                    try await slot { try await clients.iam.getRolePolicy(roleName: name, policyName: policyName) }
                ))
        }
        var managedArns =
            try await attached["AttachedPolicies"]?.arrayValue?.compactMap { $0["PolicyArn"]?.stringValue } ?? []
        if let boundary = try await role["Role"]?["PermissionsBoundary"]?["PermissionsBoundaryArn"]?.stringValue {
            managedArns.append(boundary)
        }
        for arn in managedArns {
            try await managedPolicies.read(arn) { try await readManagedPolicy(arn) }
        }
        return [
            "role": try await role, "attachedPolicies": try await attached, "inlinePolicyNames": try await inlineNames,
            "inlinePolicies": .object(inline),
        ]
    }

    /// `get-policy` and, when it answered, `get-policy-version` of its default version.
    private func readManagedPolicy(_ arn: String) async throws -> JSONValue {
        let policy = try await slot { try await clients.iam.getPolicy(arn) }
        var entry: JSONValue = ["policy": policy]
        if let version = policy["Policy"]?["DefaultVersionId"]?.stringValue {
            entry["defaultVersion"] = try await slot { try await clients.iam.getPolicyVersion(arn, versionId: version) }
        }
        return entry
    }
}

/// The run's managed policies, each read once (by the first account whose role attaches it) however many roles
/// attach it.
actor ManagedPolicyCache {
    private var reads: [String: Task<JSONValue, any Error>] = [:]

    /// Reads `arn` with `read` unless it was read (or is being read) already.
    func read(_ arn: String, _ read: @escaping @Sendable () async throws -> JSONValue) async throws {
        if reads[arn] == nil { reads[arn] = Task { try await read() } }
        _ = try await reads[arn]?.value
    }

    /// Every policy read, by ARN, sorted.
    func all() async throws -> JSONValue {
        var entries: [(key: String, value: JSONValue)] = []
        for (arn, task) in reads.sorted(by: { $0.key < $1.key }) {
            entries.append((arn, try await task.value))
        }
        return .object(entries)
    }
}

/// A call's answer as a slot, counted: the response, or the AWS error object.
enum ScanSlot {
    static func read(
        _ call: @Sendable () async throws -> JSONValue, limiter: ConcurrencyLimiter, counter: ScanCounter
    ) async throws -> JSONValue {
        do {
            let answer = try await limiter.run(call)
            counter.call(refused: false)
            return answer
        } catch let error as AWSServiceError {
            counter.call(refused: true)
            return ["Error": ["Code": .string(error.code), "Message": .string(error.message ?? "")]]
        }
    }
}
