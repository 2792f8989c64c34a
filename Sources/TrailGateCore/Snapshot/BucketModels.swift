import OrderedJSON

/// The answers of the S3 calls about one bucket.
public struct BucketData: Sendable, Decodable {
    /// The account that owns the bucket, when known.
    public var ownerAccountId: String?
    /// `s3api get-bucket-location`.
    public var location: Slot<BucketLocation>
    /// `s3api get-bucket-encryption`.
    public var encryption: Slot<BucketEncryption>
    /// `s3api get-bucket-logging` (`{}` when logging is off).
    public var logging: Slot<BucketLogging>
    /// `s3api get-bucket-lifecycle-configuration`.
    public var lifecycle: Slot<LifecycleConfiguration>
    /// `s3api get-bucket-ownership-controls`.
    public var ownershipControls: Slot<OwnershipControlsResponse>
    /// `s3api get-bucket-policy`.
    public var policy: Slot<PolicyResponse>
    /// `s3api get-public-access-block`, kept as given.
    public var publicAccessBlock: Slot<JSONValue>
    /// `s3api get-bucket-acl`, kept as given; `fix` reads it before enforcing bucket-owner ownership.
    public var acl: Slot<JSONValue>
    /// `s3api list-bucket-intelligent-tiering-configurations` (every page); absent in snapshots taken before it
    /// was collected.
    public var intelligentTiering: Slot<IntelligentTieringConfigurations>
    /// `s3api get-object-lock-configuration`; collected for the bucket `fix` sends server access logs to.
    public var objectLock: Slot<ObjectLockConfigurationResponse>

    enum CodingKeys: String, CodingKey {
        case ownerAccountId, location, encryption, logging, lifecycle, ownershipControls, policy, publicAccessBlock, acl
        case intelligentTiering, objectLock
    }

    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        ownerAccountId = try c.decodeIfPresent(String.self, forKey: .ownerAccountId)
        location = try c.decodeSlot(BucketLocation.self, forKey: .location)
        encryption = try c.decodeSlot(BucketEncryption.self, forKey: .encryption)
        logging = try c.decodeSlot(BucketLogging.self, forKey: .logging)
        lifecycle = try c.decodeSlot(LifecycleConfiguration.self, forKey: .lifecycle)
        ownershipControls = try c.decodeSlot(OwnershipControlsResponse.self, forKey: .ownershipControls)
        policy = try c.decodeSlot(PolicyResponse.self, forKey: .policy)
        publicAccessBlock = try c.decodeSlot(JSONValue.self, forKey: .publicAccessBlock)
        acl = try c.decodeSlot(JSONValue.self, forKey: .acl)
        intelligentTiering = try c.decodeSlot(IntelligentTieringConfigurations.self, forKey: .intelligentTiering)
        objectLock = try c.decodeSlot(ObjectLockConfigurationResponse.self, forKey: .objectLock)
    }
}

/// `get-bucket-location`: null means us-east-1, `EU` means eu-west-1.
public struct BucketLocation: Sendable, Decodable {
    public var locationConstraint: String?

    enum CodingKeys: String, CodingKey {
        case locationConstraint = "LocationConstraint"
    }

    /// The bucket's Region, with the legacy values resolved.
    public var region: String {
        switch locationConstraint {
        case nil, "": return "us-east-1"
        case "EU": return "eu-west-1"
        case let other?: return other
        }
    }
}

/// `get-bucket-encryption`.
public struct BucketEncryption: Sendable, Decodable {
    public var rules: [EncryptionRule]

    enum CodingKeys: String, CodingKey {
        case configuration = "ServerSideEncryptionConfiguration"
    }

    enum ConfigurationKeys: String, CodingKey {
        case rules = "Rules"
    }

    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        let configuration = try c.nestedContainer(keyedBy: ConfigurationKeys.self, forKey: .configuration)
        rules = try configuration.decodeIfPresent([EncryptionRule].self, forKey: .rules) ?? []
    }
}

/// One default-encryption rule.
public struct EncryptionRule: Sendable, Decodable {
    public var defaults: EncryptionDefaults?
    public var bucketKeyEnabled: Bool?

    enum CodingKeys: String, CodingKey {
        case defaults = "ApplyServerSideEncryptionByDefault", bucketKeyEnabled = "BucketKeyEnabled"
    }
}

/// `ApplyServerSideEncryptionByDefault`.
public struct EncryptionDefaults: Sendable, Decodable {
    /// `AES256`, `aws:kms`, `aws:kms:dsse`, …
    public var sseAlgorithm: String
    /// Absent with `aws:kms` means the AWS-managed key `aws/s3`.
    public var kmsMasterKeyID: String?

    enum CodingKeys: String, CodingKey {
        case sseAlgorithm = "SSEAlgorithm", kmsMasterKeyID = "KMSMasterKeyID"
    }
}

/// `get-bucket-logging`.
public struct BucketLogging: Sendable, Decodable {
    public var loggingEnabled: LoggingEnabled?

    enum CodingKeys: String, CodingKey {
        case loggingEnabled = "LoggingEnabled"
    }
}

/// Where server access logs go.
public struct LoggingEnabled: Sendable, Decodable {
    public var targetBucket: String
    public var targetPrefix: String?

    enum CodingKeys: String, CodingKey {
        case targetBucket = "TargetBucket", targetPrefix = "TargetPrefix"
    }
}

/// `get-bucket-ownership-controls`.
public struct OwnershipControlsResponse: Sendable, Decodable {
    /// The `ObjectOwnership` values of the rules, in order.
    public var objectOwnership: [String]

    enum CodingKeys: String, CodingKey {
        case controls = "OwnershipControls"
    }

    enum ControlsKeys: String, CodingKey {
        case rules = "Rules"
    }

    struct Rule: Decodable {
        var objectOwnership: String

        enum CodingKeys: String, CodingKey {
            case objectOwnership = "ObjectOwnership"
        }
    }

    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        let controls = try c.nestedContainer(keyedBy: ControlsKeys.self, forKey: .controls)
        objectOwnership = try (controls.decodeIfPresent([Rule].self, forKey: .rules) ?? []).map(\.objectOwnership)
    }
}

/// `get-object-lock-configuration`.
public struct ObjectLockConfigurationResponse: Sendable, Decodable {
    /// `Rule.DefaultRetention` in words (`GOVERNANCE 30 days`) when the bucket retains new objects by default.
    public var defaultRetention: String?

    enum CodingKeys: String, CodingKey {
        case configuration = "ObjectLockConfiguration"
    }

    enum ConfigurationKeys: String, CodingKey {
        case rule = "Rule"
    }

    enum RuleKeys: String, CodingKey {
        case defaultRetention = "DefaultRetention"
    }

    enum RetentionKeys: String, CodingKey {
        case mode = "Mode", days = "Days", years = "Years"
    }

    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        let configuration = try c.nestedContainer(keyedBy: ConfigurationKeys.self, forKey: .configuration)
        guard configuration.contains(.rule) else { return }
        let rule = try configuration.nestedContainer(keyedBy: RuleKeys.self, forKey: .rule)
        guard rule.contains(.defaultRetention) else { return }
        let retention = try rule.nestedContainer(keyedBy: RetentionKeys.self, forKey: .defaultRetention)
        let mode = try retention.decodeIfPresent(String.self, forKey: .mode)
        let years = (try? retention.decodeIfPresent(Int.self, forKey: .years)).flatMap { $0 > 0 ? $0 : nil }
        let days = (try? retention.decodeIfPresent(Int.self, forKey: .days)).flatMap { $0 > 0 ? $0 : nil }
        let period =
            years.map { "\($0) \($0 == 1 ? "year" : "years")" } ?? days.map { "\($0) \($0 == 1 ? "day" : "days")" }
        defaultRetention = [mode ?? "default retention", period].compactMap { $0 }.joined(separator: " ")
    }
}

/// `s3api list-buckets`.
public struct ListBucketsResponse: Sendable, Decodable {
    public var buckets: [ListedBucket]

    enum CodingKeys: String, CodingKey {
        case buckets = "Buckets"
    }

    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        buckets = try c.decodeIfPresent([ListedBucket].self, forKey: .buckets) ?? []
    }
}

/// A bucket as `list-buckets` lists it.
public struct ListedBucket: Sendable, Decodable {
    public var name: String

    enum CodingKeys: String, CodingKey {
        case name = "Name"
    }
}
