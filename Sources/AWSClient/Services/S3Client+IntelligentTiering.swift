import OrderedJSON

extension S3Client {
    /// `s3api list-bucket-intelligent-tiering-configurations`, every page: `{"IsTruncated": false,
    /// "IntelligentTieringConfigurationList": [...]}` (the list is absent when the bucket has none).
    public func listBucketIntelligentTieringConfigurations(_ bucket: String, region: String) async throws -> JSONValue {
        var configurations: [JSONValue] = []
        var token: String?
        repeat {
            let query =
                (token.map { "continuation-token=\(URIEncoding.encode($0.utf8))&" } ?? "") + "intelligent-tiering"
            let response = try await get(
                "ListBucketIntelligentTieringConfigurations", bucket: bucket, region: region, query: query)
            let page = S3Shapes.intelligentTieringList.json(
                from: try xml(response, "ListBucketIntelligentTieringConfigurations"))
            if case .array(let list)? = page["IntelligentTieringConfigurationList"] { configurations += list }
            token = page["IsTruncated"]?.boolValue == true ? page["NextContinuationToken"]?.stringValue : nil
        } while token != nil
        var json: JSONValue = ["IsTruncated": false]
        if !configurations.isEmpty { json["IntelligentTieringConfigurationList"] = .array(configurations) }
        return json
    }
}
