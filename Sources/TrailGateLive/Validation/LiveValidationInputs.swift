import AWSClient
import Foundation
import Integrity
import OrderedJSON
import TrailGateBasics

extension ValidationInputs {
    /// The inputs of `trail` read live: DescribeTrails and DescribeOrganization for the scope, S3 for the objects,
    /// CloudTrail ListPublicKeys in each chain's source Region for the keys (unless `overrideKeys`). When `bucket`
    /// is given, a refused DescribeTrails is reported through `warn` and the bucket validated as an account trail.
    public static func live(
        session: LiveSession, trail: TrailARN, overrideKeys: [PublicKeyRecord]?, bucket: String?,
        warn: (String) -> Void
    ) async throws -> ValidationInputs {
        let clients = session.clients
        let describeTrails: JSONValue?
        do {
            describeTrails = try await clients.cloudTrail.describeTrails(region: trail.homeRegion)
        } catch let error as AWSServiceError where bucket != nil {
            warn("DescribeTrails failed (\(error.code)); validating \(bucket ?? "") as an account trail")
            describeTrails = nil
        }
        let entry = describeTrails.flatMap { TrailScope.trailEntry(trail, in: $0) }
        var organizationId: String?
        if entry?["IsOrganizationTrail"] == .bool(true) {
            organizationId = try await clients.organizations.describeOrganization()["Organization"]?["Id"]?.stringValue
        }
        let keys: any PublicKeySource =
            overrideKeys.map { StaticPublicKeySource(everywhere: $0) }
            ?? CloudTrailPublicKeySource(cloudTrail: clients.cloudTrail)
        return ValidationInputs(
            source: S3ObjectSource(s3: clients.s3, defaultRegion: trail.homeRegion), keys: keys,
            describeTrails: describeTrails, organizationId: organizationId)
    }
}

/// Keys from CloudTrail's ListPublicKeys, asked in the chain's source Region, every page.
public struct CloudTrailPublicKeySource: PublicKeySource {
    public var cloudTrail: CloudTrailClient

    public init(cloudTrail: CloudTrailClient) {
        self.cloudTrail = cloudTrail
    }

    public func publicKeys(region: String, from: Timestamp, to: Timestamp) async throws -> [PublicKeyRecord] {
        let answer = try await cloudTrail.listPublicKeys(startTime: from.date, endTime: to.date, region: region)
        return try PublicKeyRecord.list(fromListPublicKeys: answer)
    }
}
