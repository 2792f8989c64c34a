import EventStore
import Foundation
import TrailGateLive

/// Log files named on the command line (directories, files, `s3://bucket/prefix`), found as `logs ingest` and
/// `logs investigate --source` both find them: local trees walked, S3 listed only under the date prefixes in range.
struct LogSources {
    var locations: [String]

    /// Runs `body` with the files `filter` may keep and a reader for them; S3 locations share one AWS session.
    func withSources<T: Sendable>(
        filter: IngestFilter, organizationId: String?, aws: AWSOptions,
        _ body: ([IngestSource], any LogObjectReader) async throws -> T
    ) async throws -> T {
        let remote = locations.filter { $0.hasPrefix("s3://") }
        var planned: [IngestSource]
        do {
            planned = try LocalLogTree.sources(locations.filter { !$0.hasPrefix("s3://") }, filter: filter)
        } catch let error as LogFileError {
            throw CLIFailure.invalidInput(error.description)
        }
        guard !remote.isEmpty else { return try await body(planned, StandardLogReader()) }
        return try await aws.withSession(verbose: false) { session in
            let objects = S3ObjectSource(s3: session.clients.s3, defaultRegion: session.region)
            for location in remote {
                planned += try await S3IngestPlan(location: location)
                    .sources(objects: objects, organizationId: organizationId, filter: filter, now: Date())
            }
            return try await body(planned, StandardLogReader(objects: objects))
        }
    }

    /// Prints one warning per file and record that could not be read (the first of them; the rest counted).
    static func warnSkipped(files: [LogFileError], records: [RecordError], rejected: Int) {
        for error in files {
            StandardError.print("trailgate: warning: \(error.description.escapingControlCharacters())")
        }
        for error in records {
            StandardError.print("trailgate: warning: \(error.description.escapingControlCharacters())")
        }
        if rejected > records.count {
            StandardError.print("trailgate: warning: \(rejected - records.count) more rejected records not listed")
        }
    }
}
