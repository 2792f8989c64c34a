import OrderedJSON
import TrailGateBasics

/// `get-bucket-lifecycle-configuration`.
public struct LifecycleConfiguration: Sendable, Decodable {
    public var rules: [LifecycleRule]
    /// The configuration as given, so a change can keep every rule and field it does not touch.
    public var document: JSONValue

    enum CodingKeys: String, CodingKey {
        case rules = "Rules"
    }

    public init(from decoder: any Decoder) throws {
        rules = try decoder.container(keyedBy: CodingKeys.self).decode([LifecycleRule].self, forKey: .rules)
        document = try decoder.singleValueContainer().decode(JSONValue.self)
    }
}

/// One lifecycle rule.
public struct LifecycleRule: Sendable, Decodable {
    public var id: String?
    /// `Enabled` or `Disabled`.
    public var status: String
    /// The legacy top-level prefix filter.
    public var prefix: String?
    public var filter: LifecycleFilter?
    public var expiration: LifecycleExpiration?
    public var transitions: [LifecycleTransition]?
    public var noncurrentVersionExpiration: JSONValue?
    public var noncurrentVersionTransitions: JSONValue?
    public var abortIncompleteMultipartUpload: JSONValue?

    enum CodingKeys: String, CodingKey {
        case id = "ID", status = "Status", prefix = "Prefix", filter = "Filter", expiration = "Expiration"
        case transitions = "Transitions", noncurrentVersionExpiration = "NoncurrentVersionExpiration"
        case noncurrentVersionTransitions = "NoncurrentVersionTransitions"
        case abortIncompleteMultipartUpload = "AbortIncompleteMultipartUpload"
    }
}

/// A rule's filter: one of prefix, tag, size, or an `And` of them. Empty means every object.
public struct LifecycleFilter: Sendable, Decodable {
    public var prefix: String?
    public var tag: JSONValue?
    public var objectSizeGreaterThan: Int?
    public var objectSizeLessThan: Int?
    public var and: LifecycleAndOperator?

    enum CodingKeys: String, CodingKey {
        case prefix = "Prefix", tag = "Tag", objectSizeGreaterThan = "ObjectSizeGreaterThan"
        case objectSizeLessThan = "ObjectSizeLessThan", and = "And"
    }
}

/// `Filter.And`.
public struct LifecycleAndOperator: Sendable, Decodable {
    public var prefix: String?
    public var tags: [JSONValue]?
    public var objectSizeGreaterThan: Int?
    public var objectSizeLessThan: Int?

    enum CodingKeys: String, CodingKey {
        case prefix = "Prefix", tags = "Tags", objectSizeGreaterThan = "ObjectSizeGreaterThan"
        case objectSizeLessThan = "ObjectSizeLessThan"
    }
}

/// `Expiration`.
public struct LifecycleExpiration: Sendable, Decodable {
    public var days: Int?
    public var date: Timestamp?
    public var expiredObjectDeleteMarker: Bool?

    enum CodingKeys: String, CodingKey {
        case days = "Days", date = "Date", expiredObjectDeleteMarker = "ExpiredObjectDeleteMarker"
    }
}

/// One `Transitions` element.
public struct LifecycleTransition: Sendable, Decodable {
    public var days: Int?
    public var date: Timestamp?
    public var storageClass: String?

    enum CodingKeys: String, CodingKey {
        case days = "Days", date = "Date", storageClass = "StorageClass"
    }
}
