import OrderedJSON
import TrailObjects

/// The chains a run covers, worked out from the trail's settings (DescribeTrails, DescribeOrganization) and the
/// folders that exist in its bucket, narrowed by the user's `--account-id` / `--region` lists.
public struct TrailScope: Sendable, Equatable {
    public var bucket: String
    public var prefix: String?
    public var organizationId: String?
    public var chains: [ChainID]

    public init(bucket: String, prefix: String?, organizationId: String?, chains: [ChainID]) {
        self.bucket = bucket
        self.prefix = prefix
        self.organizationId = organizationId
        self.chains = chains
    }

    /// The trail entry of a DescribeTrails answer whose `TrailARN` is `trail` (or whose name matches).
    public static func trailEntry(_ trail: TrailARN, in describeTrails: JSONValue) -> JSONValue? {
        guard case .array(let trails)? = describeTrails["trailList"] else { return nil }
        return trails.first { $0["TrailARN"]?.stringValue == trail.text }
            ?? trails.first {
                $0["Name"]?.stringValue == trail.name && $0["HomeRegion"]?.stringValue == trail.homeRegion
                    && ($0["TrailARN"]?.stringValue).map { $0.contains(":\(trail.account):") } ?? true
            }
    }

    /// Resolves the scope. `trailEntry` is the DescribeTrails entry (nil when unknown: then `bucket` must be given);
    /// `organizationId` comes from DescribeOrganization for an organization trail. Explicit `bucket`/`prefix` win over
    /// the trail's; an organization trail always uses the organization layout. Without `accounts`, an organization
    /// trail covers every account folder under `AWSLogs/<org>/`, an account trail the ARN's account; without
    /// `regions`, a multi-Region trail covers every Region folder that has digests, a single-Region trail its home.
    public static func resolve(
        trail: TrailARN, trailEntry: JSONValue?, organizationId: String?, bucket: String?, prefix: String?,
        accounts: [String], regions: [String], source: any ObjectSource
    ) async throws -> TrailScope {
        guard let bucket = bucket ?? trailEntry?["S3BucketName"]?.stringValue else {
            throw TrailScopeError(
                reason: "trail \(trail) is not known: pass its bucket, or describe it (DescribeTrails)")
        }
        let prefix = (prefix ?? trailEntry?["S3KeyPrefix"]?.stringValue).flatMap { $0.isEmpty ? nil : $0 }
        let isOrganizationTrail = trailEntry?["IsOrganizationTrail"] == .bool(true)
        if isOrganizationTrail && organizationId == nil {
            throw TrailScopeError(
                reason:
                    "trail \(trail) is an organization trail but the organization ID is not known (DescribeOrganization)"
            )
        }
        let organization = isOrganizationTrail ? organizationId : nil
        let root = (prefix.map { $0 + "/" } ?? "") + "AWSLogs/" + (organization.map { $0 + "/" } ?? "")
        var accountList = accounts
        if accountList.isEmpty {
            if organization != nil {
                accountList = try await source.listFolders(bucket: bucket, prefix: root)
                    .filter { $0.count == 12 && $0.allSatisfy { $0.isASCII && $0.isNumber } }
            } else {
                accountList = [trail.account]
            }
        }
        let multiRegion = trailEntry?["IsMultiRegionTrail"] == .bool(true)
        var chains: [ChainID] = []
        for account in accountList {
            var regionList = regions
            if regionList.isEmpty {
                regionList =
                    multiRegion || trailEntry == nil
                    ? try await source.listFolders(bucket: bucket, prefix: root + "\(account)/CloudTrail-Digest/")
                    : [trail.homeRegion]
                if regionList.isEmpty { regionList = [trail.homeRegion] }
            }
            chains += regionList.map { ChainID(account: account, region: $0) }
        }
        return TrailScope(bucket: bucket, prefix: prefix, organizationId: organization, chains: chains)
    }
}

/// The chains in scope cannot be worked out.
public struct TrailScopeError: Error, Sendable, CustomStringConvertible {
    public var reason: String
    public var description: String { reason }
}
