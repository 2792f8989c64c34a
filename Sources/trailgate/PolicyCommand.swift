import ArgumentParser
import Foundation
import TrailGateCore

/// `trailgate policy`: the statements the service's roles need in the trail's bucket and key policies.
struct PolicyCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "policy",
        abstract:
            "Write the bucket and key policy statements that let the service's ams-access-* roles read the trail.",
        discussion: """
            render prints the required statements; merge adds them to an existing policy
            (--check judges whether it already grants the access); simulate decides and
            explains one request.

            Examples:
              trailgate policy render --bucket acme-org-trail-logs --org-id o-a1b2c3d4e5
              trailgate policy merge --for bucket --existing bucket-policy.json \\
                --bucket acme-org-trail-logs --org-id o-a1b2c3d4e5 --prefix cloudtrail
              trailgate policy simulate --resource-policy bucket-policy.json \\
                --principal anonymous --action s3:GetObject \\
                --resource arn:aws:s3:::acme-org-trail-logs/AWSLogs/x.json.gz

            Exit codes: 0 success (merge --check: already granted; simulate: allowed),
            1 merge --check: a change is needed; simulate: denied,
            2 invalid input or usage, 3 unexpected failure.
            """,
        subcommands: [PolicyRenderCommand.self, PolicyMergeCommand.self, PolicySimulateCommand.self]
    )
}

/// The values written into the required statements, shared by `policy render` and `policy merge`.
struct RequiredStatementOptions: ParsableArguments {
    @Option(help: "The trail's S3 bucket.")
    var bucket: String

    @OptionGroup var organization: OrganizationOptions

    @Option(help: "The trail's S3 key prefix (S3KeyPrefix), if it has one.")
    var prefix: String?

    @OptionGroup var principals: PrincipalPatternOptions

    @OptionGroup var config: ConfigOptions

    /// The validated statements, the organization and patterns completed from the configuration file; a note on
    /// standard error says when slashes were trimmed from the prefix.
    func requiredStatements() throws(CLIFailure) -> RequiredStatements {
        let configuration = try config.load()
        let inputs: PolicyInputs
        let organizationId = try organization.requiredOrganizationId(configuration)
        do {
            inputs = try PolicyInputs(
                bucket: bucket, organizationId: organizationId, prefix: prefix,
                extraPrincipalArnPatterns: principals.patterns(configuration))
        } catch {
            throw CLIFailure.invalidInput(error.description(naming: Self.option(error.input)))
        }
        if let untrimmed = inputs.untrimmedPrefix {
            let result = inputs.prefix.map { "\"\($0)\"" } ?? "no prefix"
            StandardError.note(
                "--prefix \"\(untrimmed)\" trimmed to \(result): "
                    + "CloudTrail's S3KeyPrefix has no leading or trailing slash")
        }
        return RequiredStatements(inputs)
    }

    private static func option(_ input: PolicyInputError.Input) -> String {
        switch input {
        case .bucket: return "--bucket"
        case .organizationId: return "--org-id"
        case .prefix: return "--prefix"
        case .principalArnPattern: return "--principal-arn-pattern"
        }
    }
}
