import OrderedJSON

/// `s3api list-bucket-intelligent-tiering-configurations`: `{"IsTruncated": false,
/// "IntelligentTieringConfigurationList": [...]}`, the list absent when the bucket has none.
public struct IntelligentTieringConfigurations: Sendable, Decodable {
    public var configurations: [IntelligentTieringConfiguration]

    enum CodingKeys: String, CodingKey {
        case configurations = "IntelligentTieringConfigurationList"
    }

    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        configurations = try c.decodeIfPresent([IntelligentTieringConfiguration].self, forKey: .configurations) ?? []
    }
}

/// One S3 Intelligent-Tiering configuration: after how many days without access the objects it filters move to the
/// Archive Access or Deep Archive Access tier, where Athena cannot read them until they are restored.
public struct IntelligentTieringConfiguration: Sendable, Decodable {
    public var id: String
    public var filter: IntelligentTieringFilter?
    /// `Enabled` or `Disabled`.
    public var status: String
    public var tierings: [IntelligentTiering]

    enum CodingKeys: String, CodingKey {
        case id = "Id", filter = "Filter", status = "Status", tierings = "Tierings"
    }

    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        id = try c.decode(String.self, forKey: .id)
        filter = try c.decodeIfPresent(IntelligentTieringFilter.self, forKey: .filter)
        status = try c.decode(String.self, forKey: .status)
        tierings = try c.decodeIfPresent([IntelligentTiering].self, forKey: .tierings) ?? []
    }
}

/// Which objects a configuration applies to: a prefix, a tag, or both (`And`).
public struct IntelligentTieringFilter: Sendable, Decodable {
    public var prefix: String?
    public var tag: JSONValue?
    public var and: IntelligentTieringAnd?

    enum CodingKeys: String, CodingKey {
        case prefix = "Prefix", tag = "Tag", and = "And"
    }
}

/// `Filter.And`: a prefix and tags that must all hold.
public struct IntelligentTieringAnd: Sendable, Decodable {
    public var prefix: String?
    public var tags: [JSONValue]?

    enum CodingKeys: String, CodingKey {
        case prefix = "Prefix", tags = "Tags"
    }
}

/// One archive tier of a configuration: `ARCHIVE_ACCESS` (at least 90 days) or `DEEP_ARCHIVE_ACCESS` (at least 180).
public struct IntelligentTiering: Sendable, Decodable {
    public var days: Int
    public var accessTier: String

    enum CodingKeys: String, CodingKey {
        case days = "Days", accessTier = "AccessTier"
    }
}
