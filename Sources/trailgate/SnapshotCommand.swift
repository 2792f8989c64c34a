import ArgumentParser
import Foundation
import OrderedJSON
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

            With --organization, run as the management account (or a delegated
            administrator), it also reads the OU tree, the SCPs and RCPs, and in every
            account the role named by --assume-role-name lets it into: the trails it sees
            and its roles matching the principal patterns, with their policies; the bucket
            and keys are read in the accounts that own them (snapshotVersion 2).

            Examples:
              trailgate snapshot --profile audit --region eu-west-1 -o snapshot.json
              trailgate snapshot --trail org-trail --endpoint-url http://127.0.0.1:5000
              trailgate snapshot --organization --profile management \\
                --ou ou-ab12-cdefgh12 --exclude-accounts 111111111111 -o org.json

            Exit codes: 0 written, 2 invalid input or configuration (no Region, unknown
            profile, trail, account or OU), 3 AWS could not be reached, refused to list
            the trails, or (--organization) refused to list the organization.
            """
    )

    @OptionGroup var aws: AWSOptions

    @OptionGroup var trailOption: TrailOptions

    @OptionGroup var scan: OrganizationScanOptions

    @OptionGroup var outputFile: OutputFileOptions

    @OptionGroup var config: ConfigOptions

    @Flag(help: "Log each AWS request (method, host, path, status; credentials redacted) to standard error.")
    var verbose = false

    func run() async throws {
        let snapshot: JSONValue
        if scan.organization {
            snapshot = try await aws.collectOrganization(
                trail: trailOption.trail, request: try scan.request(try config.load()), verbose: verbose)
        } else {
            snapshot = try await aws.collect(trail: trailOption.trail, verbose: verbose)
        }
        try outputFile.write(snapshot.serialized(pretty: true) + "\n")
    }
}
