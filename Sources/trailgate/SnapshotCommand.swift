import ArgumentParser
import Foundation
import TrailGateBasics

/// `trailgate snapshot`: read a live account into the snapshot format.
struct SnapshotCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "snapshot",
        abstract: "Read the trails, their buckets and keys from a live account into a snapshot file.",
        usage: "trailgate snapshot [<options>]",
        discussion: """
            Every slot holds exactly what the AWS CLI prints for its call, or the error AWS
            answered; a refused call never aborts the snapshot (docs/snapshot.md). The
            permissions needed are in docs/permissions.md.

            Examples:
              trailgate snapshot --profile audit --region eu-west-1 -o snapshot.json
              trailgate snapshot --trail org-trail --endpoint-url http://127.0.0.1:5000

            Exit codes: 0 written, 2 invalid input or configuration (no Region, unknown
            profile or trail), 3 AWS could not be reached or refused to list the trails.
            """
    )

    @OptionGroup var aws: AWSOptions

    @OptionGroup var trailOption: TrailOptions

    @OptionGroup var outputFile: OutputFileOptions

    @Flag(help: "Log each AWS request (method, host, path, status; credentials redacted) to standard error.")
    var verbose = false

    func run() async throws {
        let snapshot = try await aws.collect(trail: trailOption.trail, verbose: verbose)
        try outputFile.write(snapshot.serialized(pretty: true) + "\n")
    }
}
