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
    /// A prefix, a tag, or both (`And`): the shape of a lifecycle rule's filter, without its size conditions.
    public var filter: LifecycleFilter?
    /// `Enabled` or `Disabled`.
    public var status: String
    public var tierings: [IntelligentTiering]

    enum CodingKeys: String, CodingKey {
        case id = "Id", filter = "Filter", status = "Status", tierings = "Tierings"
    }

    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        id = try c.decode(String.self, forKey: .id)
        filter = try c.decodeIfPresent(LifecycleFilter.self, forKey: .filter)
        status = try c.decode(String.self, forKey: .status)
        tierings = try c.decodeIfPresent([IntelligentTiering].self, forKey: .tierings) ?? []
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
