import Foundation
import OrderedJSON
import TrailGateBasics

/// Everything `check` judges: the raw answers of the AWS read calls, in the AWS CLI's JSON shapes.
///
/// The format is documented in `docs/snapshot.md`. Unknown fields are ignored; a wrong type in a field
/// TrailGate uses is a ``SnapshotError`` naming its JSON path.
public struct Snapshot: Sendable, Decodable {
    /// The format versions this build reads: 1 (one account) and 2 (an organization run, with
    /// ``organizationScan``).
    public static let supportedVersions = 1...2

    public var snapshotVersion: Int
    /// When the data was read; the reference time for date-based judgements (e.g. lifecycle dates).
    public var collectedAt: Timestamp
    /// `sts get-caller-identity`.
    public var callerIdentity: Slot<CallerIdentity>
    /// `organizations describe-organization`.
    public var organization: Slot<DescribeOrganizationResponse>
    /// The trails, each with its status and event selectors.
    public var trails: [TrailEntry]
    /// The delivery buckets, by bucket name.
    public var buckets: [String: BucketData]
    /// The KMS keys, by key ARN.
    public var keys: [String: KeyData]
    /// The organization part of an organization run (version 2 only, where it is required).
    public var organizationScan: OrganizationScan?

    enum CodingKeys: String, CodingKey {
        case snapshotVersion, collectedAt, callerIdentity, organization, trails, buckets, keys, organizationScan
    }

    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        snapshotVersion = try c.decode(Int.self, forKey: .snapshotVersion)
        guard Snapshot.supportedVersions.contains(snapshotVersion) else {
            throw DecodingError.dataCorruptedError(
                forKey: .snapshotVersion, in: c,
                debugDescription:
                    "unsupported snapshotVersion \(snapshotVersion) (this TrailGate reads versions 1 and 2)"
            )
        }
        collectedAt = try c.decode(Timestamp.self, forKey: .collectedAt)
        callerIdentity = try c.decodeSlot(CallerIdentity.self, forKey: .callerIdentity)
        organization = try c.decodeSlot(DescribeOrganizationResponse.self, forKey: .organization)
        trails = try c.decodeIfPresent([TrailEntry].self, forKey: .trails) ?? []
        buckets = try c.decodeIfPresent([String: BucketData].self, forKey: .buckets) ?? [:]
        keys = try c.decodeIfPresent([String: KeyData].self, forKey: .keys) ?? [:]
        organizationScan = snapshotVersion == 2 ? try c.decode(OrganizationScan.self, forKey: .organizationScan) : nil
    }

    /// Parses a snapshot document, turning parse and decoding failures into a ``SnapshotError`` with a JSON path.
    public static func parse(_ data: Data) throws(SnapshotError) -> Snapshot {
        let json: JSONValue
        do {
            json = try JSONValue.parse(data)
        } catch {
            throw SnapshotError(path: error.path, reason: "not valid JSON (\(error))")
        }
        return try decode(json)
    }

    /// Decodes a snapshot document already parsed (as collected live), without serializing it again.
    public static func decode(_ json: JSONValue) throws(SnapshotError) -> Snapshot {
        do {
            return try json.decode(Snapshot.self)
        } catch let error as DecodingError {
            throw SnapshotError(decodingError: error)
        } catch {
            throw SnapshotError(path: "$", reason: "\(error)")
        }
    }
}

/// `sts get-caller-identity`.
public struct CallerIdentity: Sendable, Decodable {
    public var account: String
    public var arn: String?
    public var userId: String?

    enum CodingKeys: String, CodingKey {
        case account = "Account", arn = "Arn", userId = "UserId"
    }
}

/// `organizations describe-organization`.
public struct DescribeOrganizationResponse: Sendable, Decodable {
    public var organization: Organization

    enum CodingKeys: String, CodingKey {
        case organization = "Organization"
    }
}

/// The organization the snapshot's account belongs to.
public struct Organization: Sendable, Decodable {
    /// `o-` followed by 10–32 lowercase letters or digits.
    public var id: String
    public var arn: String?
    public var managementAccountId: String?
    public var featureSet: String?

    enum CodingKeys: String, CodingKey {
        case id = "Id", arn = "Arn", managementAccountId = "MasterAccountId", featureSet = "FeatureSet"
    }
}

/// A policy document as S3 and KMS return it: `{"Policy": "<JSON text>"}`.
public struct PolicyResponse: Sendable, Decodable {
    public var policy: String

    enum CodingKeys: String, CodingKey {
        case policy = "Policy"
    }
}
