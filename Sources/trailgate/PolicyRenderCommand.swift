import ArgumentParser
import Foundation
import TrailGateCore

/// `trailgate policy render`: print the required statements as a policy document.
struct PolicyRenderCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "render",
        abstract: "Print the required bucket or key policy statements as a policy document.",
        usage: "trailgate policy render --bucket <bucket> [--org-id <org-id>] [<options>]",
        discussion: """
            Prints {"Version": "2012-10-17", "Statement": [...]} with the statements the
            service's roles need: three for the trail's bucket policy, one for the policy
            of every KMS key that encrypts the trail's objects. --for all prints both
            documents as {"bucketPolicy": ..., "keyPolicy": ...}.

            Examples:
              trailgate policy render --bucket acme-org-trail-logs --org-id o-a1b2c3d4e5
              trailgate policy render --bucket acme-org-trail-logs --org-id o-a1b2c3d4e5 \\
                --prefix cloudtrail --for all
              trailgate policy render --bucket acme-org-trail-logs --org-id o-a1b2c3d4e5 \\
                --for key --principal-arn-pattern 'arn:aws:iam::*:role/security-audit-*'

            Exit codes: 0 success, 2 invalid input or usage, 3 unexpected failure.
            """
    )

    enum Target: String, ExpressibleByArgument, CaseIterable {
        case bucket, key, all
    }

    enum Format: String, OutputFormat {
        case json
        static let standard = Format.json
    }

    @OptionGroup var statements: RequiredStatementOptions

    @Option(name: .customLong("for"), help: ArgumentHelp("Which policy: bucket, key or all.", valueName: "policy"))
    var target: Target = .bucket

    @OptionGroup var output: FormatOptions<Format>

    @OptionGroup var outputFile: OutputFileOptions

    func run() throws {
        let required = try statements.requiredStatements()
        let document =
            switch target {
            case .bucket: required.document(for: .bucket)
            case .key: required.document(for: .key)
            case .all: required.bothDocuments
            }
        try outputFile.write(document.serialized(pretty: true) + "\n")
    }
}
