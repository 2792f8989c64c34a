/// The answers of the KMS calls about one key.
public struct KeyData: Sendable, Decodable {
    /// `kms describe-key`.
    public var metadata: Slot<KeyMetadataResponse>
    /// `kms get-key-policy --policy-name default`.
    public var policy: Slot<PolicyResponse>

    enum CodingKeys: String, CodingKey {
        case metadata, policy
    }

    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        metadata = try c.decodeSlot(KeyMetadataResponse.self, forKey: .metadata)
        policy = try c.decodeSlot(PolicyResponse.self, forKey: .policy)
    }
}

/// `kms describe-key`.
public struct KeyMetadataResponse: Sendable, Decodable {
    public var keyMetadata: KeyMetadata

    enum CodingKeys: String, CodingKey {
        case keyMetadata = "KeyMetadata"
    }
}

/// The parts of `KeyMetadata` TrailGate reads.
public struct KeyMetadata: Sendable, Decodable {
    public var keyId: String
    public var arn: String?
    /// `AWS` for AWS-managed keys, whose policy cannot be changed; `CUSTOMER` otherwise.
    public var keyManager: String?
    public var keyState: String?

    enum CodingKeys: String, CodingKey {
        case keyId = "KeyId", arn = "Arn", keyManager = "KeyManager", keyState = "KeyState"
    }
}
