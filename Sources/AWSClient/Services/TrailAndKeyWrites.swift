import OrderedJSON

/// The CloudTrail calls `fix` makes. Each sets the trail to a given state, so repeating one is harmless: they are
/// retried like reads.
extension CloudTrailClient {
    /// `cloudtrail update-trail` with `input` (`Name` plus the settings to change); returns the updated trail.
    public func updateTrail(_ input: JSONValue, region: String) async throws -> JSONValue {
        try await json.call("UpdateTrail", input, region: region)
    }

    /// `cloudtrail put-event-selectors` with `input` (`TrailName` plus `EventSelectors` or `AdvancedEventSelectors`).
    public func putEventSelectors(_ input: JSONValue, region: String) async throws -> JSONValue {
        try await json.call("PutEventSelectors", input, region: region)
    }

    /// `cloudtrail start-logging --name ARN`.
    public func startLogging(_ trailArn: String, region: String) async throws {
        _ = try await json.call("StartLogging", ["Name": .string(trailArn)], region: region)
    }

    /// `cloudtrail stop-logging --name ARN`.
    public func stopLogging(_ trailArn: String, region: String) async throws {
        _ = try await json.call("StopLogging", ["Name": .string(trailArn)], region: region)
    }
}

/// The KMS call `fix` makes.
extension KMSClient {
    /// `kms put-key-policy --key-id KEY --policy-name default --policy TEXT`: the text is sent as given.
    public func putKeyPolicy(_ keyId: String, policy: String, region: String) async throws {
        _ = try await json.call(
            "PutKeyPolicy", ["KeyId": .string(keyId), "PolicyName": "default", "Policy": .string(policy)],
            region: region)
    }
}
