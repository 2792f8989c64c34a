import ArgumentParser
import Dispatch
import Foundation
import TrailGateCore
import TrailGateLive

/// `trailgate probe`: make the onboarding's requests as the service's role, through Athena, and report each step.
struct ProbeCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "probe",
        abstract: "Prove a role can query the trail's logs through Athena, as onboarding does.",
        discussion: """
            Finds the trail (or takes --bucket) and its newest log object with your
            credentials, then assumes --role-arn and, as that role: reads the bucket's
            configuration, creates a scratch Athena database and table, queries a few
            events, tries a direct read, and drops what it created (unless --keep). It
            never changes the trail, the bucket or a policy (docs/probe.md).

            Examples:
              trailgate probe --role-arn arn:aws:iam::111122223333:role/ams-access-ro \\
                --output-location s3://acme-athena-results/probe/
              trailgate probe --role-arn arn:aws:iam::111122223333:role/acme-query \\
                --bucket acme-org-trail-logs --prefix cloudtrail \\
                --org-id o-a1b2c3d4e5 --workgroup audit --format json

            Exit codes: 0 every step passed, 1 a step failed, 2 invalid input or usage,
            3 unexpected failure or AWS unreachable.
            """
    )

    enum Format: String, OutputFormat {
        case text, json
        static let standard = Format.text
    }

    @Option(
        name: .customLong("role-arn"),
        help: ArgumentHelp("The role to probe as (the service's ams-access-* role).", valueName: "arn"))
    var roleArn: String

    @Option(
        name: .customLong("role-session-name"),
        help: ArgumentHelp("The session name of the assumed role.", valueName: "name"))
    var roleSessionName = "trailgate-probe"

    @Option(
        name: .customLong("external-id"),
        help: ArgumentHelp("The external id the role's trust policy asks for.", valueName: "id"))
    var externalId: String?

    @OptionGroup var trailOption: TrailOptions

    @Option(help: "The trail's S3 bucket.")
    var bucket: String?

    @Option(help: "With --bucket, the trail's S3 key prefix, if any.")
    var prefix: String?

    @OptionGroup var organization: OrganizationOptions

    @OptionGroup var athena: AthenaWorkgroupOptions

    @Option(help: "The Glue database.")
    var database: String?

    @Flag(help: "Leave the scratch table, database and query results in place.")
    var keep = false

    @Option(
        help: ArgumentHelp(
            "Days of logs the query reads, ending at the newest log object's day.", valueName: "days"))
    var days = 7

    @OptionGroup var output: FormatOptions<Format>

    @OptionGroup var outputFile: OutputFileOptions

    @OptionGroup var config: ConfigOptions

    @Flag(help: "List every request of every step; log each AWS request (credentials redacted) to standard error.")
    var verbose = false

    @OptionGroup var aws: AWSOptions

    func run() async throws {
        let configuration = try config.load()
        let organizationId = try organization.given()
        let settings: ProbeSettings
        do {
            settings = try ProbeSettings(
                roleArn: roleArn, sessionName: roleSessionName, externalId: externalId, trail: trailOption.trail,
                bucket: bucket, prefix: prefix, organizationId: organizationId, workgroup: athena.workgroup,
                outputLocation: athena.outputLocation, database: database, keep: keep, days: days,
                queryTimeout: aws.network.timeoutDuration)
        } catch {
            throw CLIFailure.invalidInput(String(describing: error))
        }
        let probed = try await aws.withSession(verbose: verbose) { session in
            try await Self.runInterruptibly {
                do {
                    return try await ProbeRunner(session: session, settings: settings).run()
                } catch let error as ProbeInputError {
                    throw CLIFailure.invalidInput(error.description)
                }
            }
        }
        let report = ProbeExplainer().explain(probed)
        let rendered: String
        switch output.format(configuration) {
        case .json:
            rendered = ProbeJSONRenderer().render(report)
        case .text:
            rendered = ProbeTextRenderer(
                colour: outputFile.outputFile == nil && Terminal.supportsColour, verbose: verbose
            ).render(report)
        }
        try outputFile.write(rendered)
        throw (report.passed ? ExitStatus.ready : ExitStatus.notReady).code
    }

    /// Runs `body` in a task that Ctrl-C (SIGINT) cancels: the runner then stops its query and cleans up.
    static func runInterruptibly<T: Sendable>(_ body: @escaping @Sendable () async throws -> T) async throws -> T {
        let task = Task { try await body() }
        signal(SIGINT, SIG_IGN)
        let source = DispatchSource.makeSignalSource(signal: SIGINT, queue: .global())
        source.setEventHandler {
            StandardError.print("trailgate: interrupted; stopping the query and cleaning up")
            task.cancel()
        }
        source.resume()
        defer {
            source.cancel()
            signal(SIGINT, SIG_DFL)
        }
        return try await task.value
    }
}
