import ArgumentParser
import Foundation
import IAMPolicy
import TrailGateCore

/// `trailgate policy simulate`: decide one request against the given policies and explain the decision.
struct PolicySimulateCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "simulate",
        abstract: "Decide whether a principal may do an action on a resource, and explain why.",
        usage: """
            trailgate policy simulate --principal <principal> --action <action>
                     --resource <resource> [<options>]
            """,
        discussion: """
            Evaluates the request as AWS documents policy evaluation. Identity policies not
            given are assumed to allow, and the answer says so.

            Examples:
              trailgate policy simulate --resource-policy bucket-policy.json \\
                --principal arn:aws:sts::222233334444:assumed-role/ams-access-ro/q \\
                --action s3:GetObject --resource arn:aws:s3:::logs/AWSLogs/x.json.gz \\
                --resource-account 111122223333 \\
                --context aws:PrincipalOrgID=o-a1b2c3d4e5 \\
                --context aws:CalledVia=athena.amazonaws.com

            Exit codes: 0 allowed, 1 denied, 2 invalid input or usage, 3 unexpected failure.
            """
    )

    enum Format: String, OutputFormat {
        case text, json
        static let standard = Format.text
    }

    @Option(name: .customLong("resource-policy"), help: "The resource's policy (bucket or key policy).")
    var resourcePolicy: String?

    @Option(name: .customLong("identity-policy"), help: "An identity policy of the principal (repeatable).")
    var identityPolicies: [String] = []

    @Option(
        name: .customLong("scp"), help: "A service control policy; each file is one organization level (repeatable).")
    var serviceControlPolicies: [String] = []

    @Option(
        name: .customLong("rcp"), help: "A resource control policy; each file is one organization level (repeatable).")
    var resourceControlPolicies: [String] = []

    @Option(help: "The principal's permission boundary.")
    var boundary: String?

    @Option(name: .customLong("session-policy"), help: "The session policy.")
    var sessionPolicy: String?

    @Option(help: "The principal: an IAM or STS ARN, a service principal, or anonymous.")
    var principal: String

    @Option(help: "The action, e.g. s3:GetObject.")
    var action: String

    @Option(help: "The resource ARN.")
    var resource: String

    @Option(name: .customLong("resource-account"), help: "The account that owns the resource (S3 ARNs carry none).")
    var resourceAccount: String?

    @Option(help: "A request context key: KEY=VALUE[,VALUE…] (repeatable).")
    var context: [String] = []

    @OptionGroup var output: FormatOptions<Format>

    @OptionGroup var outputFile: OutputFileOptions

    @OptionGroup var config: ConfigOptions

    func run() throws {
        let request: AuthorizationRequest
        do {
            request = AuthorizationRequest(
                principal: try SimulationInput.principal(principal), action: action, resource: resource,
                resourceAccountId: resourceAccount, context: try SimulationInput.context(context))
        } catch {
            throw CLIFailure.invalidInput(error.description)
        }
        let policies = PolicySet(
            identityPolicies: identityPolicies.isEmpty ? nil : try identityPolicies.map(Self.load),
            resourcePolicy: try resourcePolicy.map(Self.load),
            serviceControlPolicies: try serviceControlPolicies.map { [try Self.load($0)] },
            resourceControlPolicies: try resourceControlPolicies.map { [try Self.load($0)] },
            permissionBoundaries: try boundary.map { [try Self.load($0)] },
            sessionPolicy: try sessionPolicy.map(Self.load))
        let evaluation = PolicyEvaluator().evaluate(request, policies: policies)
        let format = output.format(try config.load())
        try outputFile.write(
            format == .json ? SimulationRenderer.json(evaluation) : SimulationRenderer.text(evaluation),
            inputs: [resourcePolicy, boundary, sessionPolicy].compactMap { $0 } + identityPolicies
                + serviceControlPolicies + resourceControlPolicies)
        throw (evaluation.decision == .allowed ? ExitStatus.ready : ExitStatus.notReady).code
    }

    /// Reads and parses one policy file (`-` for standard input) by the rules `policy merge` reads it with (JSON in
    /// valid UTF-8, no duplicate members, a valid policy), naming the file in any error.
    static func load(_ path: String) throws -> PolicyDocument {
        let data = try InputFile.read(path, what: "policy")
        do {
            return try PolicyMerge.parseExisting(data)
        } catch {
            throw CLIFailure.invalidInput("\(path): \(error.description)")
        }
    }
}
