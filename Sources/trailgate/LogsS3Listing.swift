import EventStore
import Foundation
import TrailGateLive
import TrailObjects

/// Plans an ingest from `s3://bucket/prefix`: finds accounts and Regions by listing folders when not given, then
/// lists only the date prefixes of the window.
enum LogsS3Listing {
    static func sources(_ location: String, objects: S3ObjectSource, organizationId: String?,
                        filter: IngestFilter) async throws -> [IngestSource] {
        let path = location.dropFirst("s3://".count)
        let bucket = String(path.prefix { $0 != "/" })
        let prefix = String(path.dropFirst(bucket.count)).trimmingCharacters(in: CharacterSet(charactersIn: "/"))
        guard !bucket.isEmpty else { throw CLIFailure.invalidInput("\(location): expected s3://bucket[/prefix]") }
        guard let since = filter.since else {
            throw CLIFailure.invalidInput("\(location): --since is required for S3 sources, so that only the days asked for are listed")
        }
        let until = filter.until ?? Int(Date().timeIntervalSince1970)
        let folders = LogFolders(objects: objects, bucket: bucket, prefix: prefix)
        do {
            var organization = organizationId
            if organization == nil { organization = try await folders.organization() }
            var accounts = filter.accounts.sorted()
            if accounts.isEmpty { accounts = try await folders.accounts(organization: organization) }
            var sources: [IngestSource] = []
            for account in accounts {
                var regions = filter.regions.sorted()
                if regions.isEmpty { regions = try await folders.regions(organization: organization, account: account) }
                let prefixes = S3LogPrefixes.prefixes(prefix: prefix, organizationId: organization, accounts: [account],
                                                      regions: regions, since: since, until: until)
                for datePrefix in prefixes {
                    for object in try await objects.allObjects(bucket: bucket, prefix: datePrefix) where !object.key.hasSuffix("/") {
                        sources.append(IngestSource(location: .object(bucket: bucket, key: object.key), size: object.size))
                    }
                }
            }
            return sources
        } catch let error as ObjectSourceError {
            throw CLIFailure(message: error.description, exitCode: ExitStatus.unexpected.code)
        }
    }
}
