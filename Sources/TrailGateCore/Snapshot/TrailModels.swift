import OrderedJSON
import TrailGateBasics

/// One trail of the snapshot with the answers of the calls made about it.
public struct TrailEntry: Sendable, Decodable {
    /// One element of `cloudtrail describe-trails .trailList`.
    public var trail: Trail
    /// `cloudtrail get-trail-status --name ARN`.
    public var status: Slot<TrailStatus>
    /// `cloudtrail get-event-selectors --trail-name ARN`.
    public var eventSelectors: Slot<EventSelectorsResponse>

    enum CodingKeys: String, CodingKey {
        case trail, status, eventSelectors
    }

    public init(trail: Trail, status: Slot<TrailStatus>, eventSelectors: Slot<EventSelectorsResponse>) {
        self.trail = trail
        self.status = status
        self.eventSelectors = eventSelectors
    }

    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        trail = try c.decode(Trail.self, forKey: .trail)
        status = try c.decodeSlot(TrailStatus.self, forKey: .status)
        eventSelectors = try c.decodeSlot(EventSelectorsResponse.self, forKey: .eventSelectors)
    }
}

/// A trail as `describe-trails` lists it.
public struct Trail: Sendable, Decodable {
    public var name: String
    public var trailARN: String
    public var homeRegion: String?
    public var s3BucketName: String?
    /// The delivery prefix, without a trailing slash.
    public var s3KeyPrefix: String?
    public var isMultiRegionTrail: Bool?
    public var includeGlobalServiceEvents: Bool?
    public var isOrganizationTrail: Bool?
    public var logFileValidationEnabled: Bool?
    /// The key CloudTrail encrypts log files with (SSE-KMS), as a key ARN.
    public var kmsKeyId: String?
    public var hasCustomEventSelectors: Bool?

    enum CodingKeys: String, CodingKey {
        case name = "Name", trailARN = "TrailARN", homeRegion = "HomeRegion", s3BucketName = "S3BucketName"
        case s3KeyPrefix = "S3KeyPrefix", isMultiRegionTrail = "IsMultiRegionTrail"
        case includeGlobalServiceEvents = "IncludeGlobalServiceEvents", isOrganizationTrail = "IsOrganizationTrail"
        case logFileValidationEnabled = "LogFileValidationEnabled", kmsKeyId = "KmsKeyId"
        case hasCustomEventSelectors = "HasCustomEventSelectors"
    }

    /// The account that owns the trail, read from its ARN (for an organization trail: the management account).
    public var ownerAccountId: String? {
        guard let account = ARN(trailARN)?.account, !account.isEmpty else { return nil }
        return account
    }

    /// The Region in the trail's ARN, used when `HomeRegion` is missing.
    public var region: String? {
        if let homeRegion { return homeRegion }
        return ARN.region(in: trailARN)
    }

    /// The delivery bucket's ARN, in the trail's partition; nil when the trail names no bucket.
    public var bucketARN: String? {
        s3BucketName.map { "arn:\(ARN(trailARN)?.partition ?? "aws"):s3:::\($0)" }
    }
}

/// `cloudtrail get-trail-status`.
public struct TrailStatus: Sendable, Decodable {
    public var isLogging: Bool?
    public var latestDeliveryError: String?
    public var latestDigestDeliveryError: String?
    public var latestDeliveryTime: JSONValue?
    public var latestDigestDeliveryTime: JSONValue?

    enum CodingKeys: String, CodingKey {
        case isLogging = "IsLogging", latestDeliveryError = "LatestDeliveryError"
        case latestDigestDeliveryError = "LatestDigestDeliveryError", latestDeliveryTime = "LatestDeliveryTime"
        case latestDigestDeliveryTime = "LatestDigestDeliveryTime"
    }
}

/// `cloudtrail get-event-selectors`: basic or advanced selectors (never both), or neither for the default.
public struct EventSelectorsResponse: Sendable, Decodable {
    public var trailARN: String?
    public var eventSelectors: [EventSelector]?
    public var advancedEventSelectors: [AdvancedEventSelector]?

    enum CodingKeys: String, CodingKey {
        case trailARN = "TrailARN", eventSelectors = "EventSelectors", advancedEventSelectors = "AdvancedEventSelectors"
    }

    public init(eventSelectors: [EventSelector]? = nil, advancedEventSelectors: [AdvancedEventSelector]? = nil) {
        self.eventSelectors = eventSelectors
        self.advancedEventSelectors = advancedEventSelectors
    }
}

/// A basic event selector.
public struct EventSelector: Sendable, Decodable {
    /// `All` (the default), `ReadOnly` or `WriteOnly`.
    public var readWriteType: String?
    /// Defaults to true.
    public var includeManagementEvents: Bool?
    /// Data-event resources, kept as given.
    public var dataResources: JSONValue?
    public var excludeManagementEventSources: [String]?

    enum CodingKeys: String, CodingKey {
        case readWriteType = "ReadWriteType", includeManagementEvents = "IncludeManagementEvents"
        case dataResources = "DataResources", excludeManagementEventSources = "ExcludeManagementEventSources"
    }

    public init(
        readWriteType: String? = nil, includeManagementEvents: Bool? = nil, dataResources: JSONValue? = nil,
        excludeManagementEventSources: [String]? = nil
    ) {
        self.readWriteType = readWriteType
        self.includeManagementEvents = includeManagementEvents
        self.dataResources = dataResources
        self.excludeManagementEventSources = excludeManagementEventSources
    }
}

/// An advanced event selector: all field selectors must match.
public struct AdvancedEventSelector: Sendable, Decodable {
    /// Free text; shown in evidence, never used for logic.
    public var name: String?
    public var fieldSelectors: [AdvancedFieldSelector]

    enum CodingKeys: String, CodingKey {
        case name = "Name", fieldSelectors = "FieldSelectors"
    }

    public init(name: String? = nil, fieldSelectors: [AdvancedFieldSelector]) {
        self.name = name
        self.fieldSelectors = fieldSelectors
    }
}

/// One condition of an advanced selector on one field.
public struct AdvancedFieldSelector: Sendable, Decodable {
    public var field: String
    public var equals: [String]?
    public var startsWith: [String]?
    public var endsWith: [String]?
    public var notEquals: [String]?
    public var notStartsWith: [String]?
    public var notEndsWith: [String]?

    enum CodingKeys: String, CodingKey {
        case field = "Field", equals = "Equals", startsWith = "StartsWith", endsWith = "EndsWith"
        case notEquals = "NotEquals", notStartsWith = "NotStartsWith", notEndsWith = "NotEndsWith"
    }

    public init(
        field: String, equals: [String]? = nil, startsWith: [String]? = nil, endsWith: [String]? = nil,
        notEquals: [String]? = nil, notStartsWith: [String]? = nil, notEndsWith: [String]? = nil
    ) {
        self.field = field
        self.equals = equals
        self.startsWith = startsWith
        self.endsWith = endsWith
        self.notEquals = notEquals
        self.notStartsWith = notStartsWith
        self.notEndsWith = notEndsWith
    }
}

/// `cloudtrail describe-trails`.
public struct DescribeTrailsResponse: Sendable, Decodable {
    public var trailList: [Trail]

    enum CodingKeys: String, CodingKey {
        case trailList
    }
}
