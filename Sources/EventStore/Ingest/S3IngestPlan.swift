import Foundation
import TrailGateBasics
import TrailObjects

/// An `s3://bucket[/prefix]` location that cannot be planned.
public struct S3IngestPlanError: Error, Sendable, Equatable, CustomStringConvertible {
    public var location: String
    public var reason: String

    public var description: String { "\(location): \(reason)" }
}

/// Plans an ingest from `s3://bucket[/prefix]`: finds the organization, accounts and Regions by listing the log
/// folders when the filter does not name them, then lists only the date prefixes of the window, so a bucket is
/// never listed whole.
public struct S3IngestPlan: Sendable {
    public var bucket: String
    /// The trail's key prefix, without slashes at either end; empty for none.
    public var prefix: String

    /// The plan of `location`; throws unless it is `s3://` and a bucket name.
    public init(location: String) throws(S3IngestPlanError) {
        guard let parsed = S3Location(location) else {
            throw S3IngestPlanError(location: location, reason: "expected s3://bucket[/prefix]")
        }
        bucket = parsed.bucket
        prefix = parsed.prefix
    }

    /// The log objects of the window `filter` names (its `since` is required; `until` defaults to `now`), in
    /// account, Region and day order. Throws ``S3IngestPlanError`` or the source's ``ObjectSourceError``.
    public func sources(
        objects: any ObjectSource, organizationId: String?, filter: IngestFilter,
        now: Date
    ) async throws -> [IngestSource] {
        guard let since = filter.since else {
            throw S3IngestPlanError(
                location: "s3://\(bucket)/\(prefix)",
                reason: "--since is required for S3 sources, so that only the days asked for are listed")
        }
        let until = filter.until ?? Int(now.timeIntervalSince1970)
        let folders = LogFolders(objects: objects, bucket: bucket, prefix: prefix)
        var organization = organizationId
        if organization == nil { organization = try await folders.organization() }
        var accounts = filter.accounts.sorted()
        if accounts.isEmpty { accounts = try await folders.accounts(organization: organization) }
        var sources: [IngestSource] = []
        for account in accounts {
            var regions = filter.regions.sorted()
            if regions.isEmpty { regions = try await folders.regions(organization: organization, account: account) }
            let prefixes = S3LogPrefixes.prefixes(
                prefix: prefix, organizationId: organization, accounts: [account],
                regions: regions, since: since, until: until)
            for datePrefix in prefixes {
                for object in try await objects.allObjects(bucket: bucket, prefix: datePrefix)
                where !object.key.hasSuffix("/") {
                    sources.append(IngestSource(location: .object(bucket: bucket, key: object.key), size: object.size))
                }
            }
        }
        return sources
    }
}
