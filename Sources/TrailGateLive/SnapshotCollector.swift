import AWSClient
import Foundation
import OrderedJSON
import TrailGateBasics
import TrailGateCore

/// Reads a live account into the snapshot format: every slot the AWS CLI's JSON for its call, or the
/// `{"Error": …}` AWS answered. A refused call never aborts the snapshot; only a failure to reach AWS at all, or a
/// refused `DescribeTrails` (without which there is nothing to check), does.
public struct SnapshotCollector: Sendable {
    /// The clients it reads with.
    public let clients: ServiceClients
    /// The Region trails are listed in (shadow copies of multi-Region and organization trails included).
    public let region: String
    public let limiter: ConcurrencyLimiter
    public let now: @Sendable () -> Date
    /// Told of every call once it is answered: `true` when AWS refused it.
    public let onCall: (@Sendable (_ refused: Bool) -> Void)?

    public init(
        clients: ServiceClients, region: String, maximumConcurrentCalls: Int = 16,
        now: @escaping @Sendable () -> Date = { Date() }, onCall: (@Sendable (_ refused: Bool) -> Void)? = nil
    ) {
        self.clients = clients
        self.region = region
        limiter = ConcurrencyLimiter(maximum: maximumConcurrentCalls)
        self.now = now
        self.onCall = onCall
    }

    private var sts: STSClient { clients.sts }
    private var organizations: OrganizationsClient { clients.organizations }
    private var cloudTrail: CloudTrailClient { clients.cloudTrail }
    private var s3: S3Client { clients.s3 }
    private var kms: KMSClient { clients.kms }

    /// A call's answer as a snapshot slot: the response, or the AWS error object.
    private func slot(_ call: @Sendable () async throws -> JSONValue) async throws -> JSONValue {
        do {
            let answer = try await limiter.run(call)
            onCall?(false)
            return answer
        } catch let error as AWSServiceError {
            onCall?(true)
            return ["Error": ["Code": .string(error.code), "Message": .string(error.message ?? "")]]
        }
    }

    /// Collects the snapshot for every trail visible in the Region, or the one `trail` names (name or ARN), plus
    /// `extraBuckets` (with their Object Lock configuration): buckets no trail delivers to that `fix` changes.
    public func collect(trail selector: String? = nil, extraBuckets: [String] = []) async throws -> JSONValue {
        let reading = try await readTrails(selector)
        let callerAccount = reading.callerIdentity["Account"]?.stringValue
        let owned = Set(Self.bucketNames(in: reading.ownedBuckets))
        let bucketNames = Array(Set(reading.deliveryBuckets).union(extraBuckets)).sorted()
        let buckets = try await withThrowingTaskGroup(of: (String, JSONValue).self) { group in
            for name in bucketNames {
                group.addTask {
                    let owner = owned.contains(name) ? callerAccount : nil
                    return (
                        name,
                        try await readBucket(name, ownerAccountId: owner, objectLock: extraBuckets.contains(name))
                    )
                }
            }
            var buckets: [String: JSONValue] = [:]
            for try await (name, data) in group { buckets[name] = data }
            return buckets
        }
        let keyIds = Self.keyIds(trails: reading.trails, buckets: buckets, region: region)
        let keys = try await Self.readKeys(keyIds) { _ in self }
        return document(reading, bucketNames: bucketNames, buckets: buckets, keys: keys)
    }

    /// The version-1 snapshot of what was read: the reading account's answers, the buckets in `bucketNames`' order
    /// and the keys.
    func document(
        _ reading: TrailReading, bucketNames: [String], buckets: [String: JSONValue],
        keys: [(key: String, value: JSONValue)]
    ) -> JSONValue {
        [
            "snapshotVersion": 1,
            "collectedAt": .string(ISO8601DateFormatter().string(from: now())),
            "callerIdentity": reading.callerIdentity,
            "organization": reading.organization,
            "trails": .array(reading.entries),
            "buckets": .object(bucketNames.compactMap { name in buckets[name].map { (key: name, value: $0) } }),
            "keys": .object(keys),
        ]
    }

    /// Describes every key of `keyIds` through the collector `reader` gives for it (the key's own account, in an
    /// organization run); each key once by the ARN DescribeKey returns, sorted.
    static func readKeys(
        _ keyIds: [(id: String, region: String)], with reader: (String) -> SnapshotCollector
    ) async throws -> [(key: String, value: JSONValue)] {
        try await withThrowingTaskGroup(of: (String, JSONValue).self) { group in
            for key in keyIds {
                let collector = reader(key.id)
                group.addTask { try await collector.readKey(key.id, region: key.region) }
            }
            var keys: [(key: String, value: JSONValue)] = []
            for try await (arn, data) in group where !keys.contains(where: { $0.key == arn }) {
                keys.append((arn, data))
            }
            return keys.sorted { $0.key < $1.key }
        }
    }

    /// What the reading account answers about itself and its trails: the snapshot's `callerIdentity`,
    /// `organization` and `trails`, and its `list-buckets` answer.
    public struct TrailReading: Sendable {
        public var callerIdentity: JSONValue
        public var organization: JSONValue
        /// The selected trails as `describe-trails` lists them.
        public var trails: [JSONValue]
        /// The snapshot's `trails` entries: each trail with its status and event selectors.
        public var entries: [JSONValue]
        /// `s3api list-buckets` (or its error).
        public var ownedBuckets: JSONValue

        /// The buckets the trails deliver to, each once.
        public var deliveryBuckets: [String] {
            var seen: Set<String> = []
            return trails.compactMap { $0["S3BucketName"]?.stringValue }.filter { seen.insert($0).inserted }
        }
    }

    /// Reads the caller's identity, organization and buckets, the trails visible in the Region (or the one
    /// `selector` names) and each trail's status and event selectors.
    public func readTrails(_ selector: String?) async throws -> TrailReading {
        async let identity = slot { try await sts.getCallerIdentity(region: region) }
        async let organization = slot { try await organizations.describeOrganization() }
        async let owned = slot { try await s3.listBuckets(region: region) }
        let listed = try await limiter.run { try await cloudTrail.describeTrails(region: region) }
        onCall?(false)
        let trails = try Self.select(selector, from: listed)

        let entries = try await withThrowingTaskGroup(of: (Int, JSONValue).self) { group in
            for (index, trail) in trails.enumerated() {
                group.addTask {
                    let arn = trail["TrailARN"]?.stringValue ?? ""
                    let home = trail["HomeRegion"]?.stringValue ?? region
                    async let status = slot { try await cloudTrail.getTrailStatus(arn, region: home) }
                    async let selectors = slot { try await cloudTrail.getEventSelectors(arn, region: home) }
                    return (index, ["trail": trail, "status": try await status, "eventSelectors": try await selectors])
                }
            }
            var entries = [JSONValue](repeating: .null, count: trails.count)
            for try await (index, entry) in group { entries[index] = entry }
            return entries
        }
        return TrailReading(
            callerIdentity: try await identity, organization: try await organization, trails: trails,
            entries: entries, ownedBuckets: try await owned)
    }

    /// The bucket names of a `list-buckets` answer (none for an error).
    public static func bucketNames(in listBuckets: JSONValue) -> [String] {
        listBuckets["Buckets"]?.arrayValue?.compactMap { $0["Name"]?.stringValue } ?? []
    }

    /// The KMS keys that encrypt the trails' objects: each trail's key, and each bucket's default-encryption key
    /// (in the key's Region when its ARN names one, else the trail's or the bucket's), each id once.
    public static func keyIds(trails: [JSONValue], buckets: [String: JSONValue], region: String)
        -> [(id: String, region: String)]
    {
        var keyIds: [(id: String, region: String)] = []
        for trail in trails {
            if let key = trail["KmsKeyId"]?.stringValue { keyIds.append((key, ARN.region(in: key) ?? region)) }
        }
        for name in buckets.keys.sorted() {
            guard case .array(let rules)? = buckets[name]?["encryption"]?["ServerSideEncryptionConfiguration"]?["Rules"]
            else { continue }
            let bucketRegion = buckets[name]?["location"].map(S3Client.region(ofLocation:)) ?? region
            for rule in rules {
                if let key = rule["ApplyServerSideEncryptionByDefault"]?["KMSMasterKeyID"]?.stringValue {
                    keyIds.append((key, ARN.region(in: key) ?? bucketRegion))
                }
            }
        }
        var seen: Set<String> = []
        return keyIds.filter { seen.insert($0.id).inserted }
    }

    /// Reads one bucket's configuration (`buckets.<name>` of the snapshot); `ownerAccountId` is recorded when known,
    /// `objectLock` adds its Object Lock configuration.
    public func readBucket(_ name: String, ownerAccountId: String?, objectLock: Bool) async throws -> JSONValue {
        let location = try await slot { try await s3.getBucketLocation(name) }
        var data: JSONValue = [:]
        if let ownerAccountId { data["ownerAccountId"] = .string(ownerAccountId) }
        data["location"] = location
        let bucketRegion = location["Error"] == nil ? S3Client.region(ofLocation: location) : region
        async let encryption = slot { try await s3.getBucketEncryption(name, region: bucketRegion) }
        async let logging = slot { try await s3.getBucketLogging(name, region: bucketRegion) }
        async let lifecycle = slot { try await s3.getBucketLifecycleConfiguration(name, region: bucketRegion) }
        async let ownership = slot { try await s3.getBucketOwnershipControls(name, region: bucketRegion) }
        async let policy = slot { try await s3.getBucketPolicy(name, region: bucketRegion) }
        async let publicAccess = slot { try await s3.getPublicAccessBlock(name, region: bucketRegion) }
        async let acl = slot { try await s3.getBucketAcl(name, region: bucketRegion) }
        async let tiering = slot {
            try await s3.listBucketIntelligentTieringConfigurations(name, region: bucketRegion)
        }
        data["encryption"] = try await encryption
        data["logging"] = try await logging
        data["lifecycle"] = try await lifecycle
        data["ownershipControls"] = try await ownership
        data["policy"] = try await policy
        data["publicAccessBlock"] = try await publicAccess
        data["acl"] = try await acl
        data["intelligentTiering"] = try await tiering
        if objectLock {
            data["objectLock"] = try await slot { try await s3.getObjectLockConfiguration(name, region: bucketRegion) }
        }
        return data
    }

    /// Describes a key given by ARN, id or alias; the snapshot keys it by the ARN DescribeKey returns.
    public func readKey(_ id: String, region: String) async throws -> (String, JSONValue) {
        let metadata = try await slot { try await kms.describeKey(id, region: region) }
        let arn = metadata["KeyMetadata"]?["Arn"]?.stringValue ?? id
        let policy = try await slot { try await kms.getKeyPolicy(arn, region: ARN.region(in: arn) ?? region) }
        return (arn, ["metadata": metadata, "policy": policy])
    }

    /// Distinct trails (by ARN) from `describe-trails`, or the one `selector` names.
    static func select(_ selector: String?, from listed: JSONValue) throws(TrailSelectionError) -> [JSONValue] {
        guard case .array(let list)? = listed["trailList"] else { return [] }
        var seen: Set<String> = []
        let trails = list.filter { seen.insert($0["TrailARN"]?.stringValue ?? "").inserted }
        return try TrailSelection(place: "is visible in this Region").select(
            selector, from: trails, arn: { $0["TrailARN"]?.stringValue ?? "" }, name: { $0["Name"]?.stringValue ?? "" })
    }
}
