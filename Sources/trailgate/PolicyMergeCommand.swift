import ArgumentParser
import Foundation
import IAMPolicy
import TrailGateBasics
import TrailGateCore

/// `trailgate policy merge`: add the required statements to an existing bucket or key policy.
struct PolicyMergeCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "merge",
        abstract: "Add the required statements to an existing bucket or key policy.",
        usage: """
            trailgate policy merge --for <policy> --existing <file> --bucket <bucket>
                     [--org-id <org-id>] [<options>]
            """,
        discussion: """
            Prints the existing policy with the required statements in it. Every other
            statement is kept as it is; a statement with a required Sid is replaced in
            place by the required form; missing ones are appended. What changed is
            reported on standard error. The merged policy must fit the service's limit:
            20,480 bytes for a bucket policy, 32,768 for a key policy, counted on the
            minified JSON.

            Examples:
              trailgate policy merge --for bucket --existing bucket-policy.json \\
                --bucket acme-org-trail-logs --org-id o-a1b2c3d4e5 --prefix cloudtrail
              aws s3api get-bucket-policy --bucket acme-org-trail-logs \\
                --query Policy --output text |
                trailgate policy merge --for bucket --existing - --diff \\
                --bucket acme-org-trail-logs --org-id o-a1b2c3d4e5 --prefix cloudtrail
              aws kms get-key-policy --key-id KEY --policy-name default \\
                --query Policy --output text |
                trailgate policy merge --for key --existing - \\
                --bucket acme-org-trail-logs --org-id o-a1b2c3d4e5

            Exit codes: 0 success (--check: already granted), 1 --check: a change is
            needed, 2 invalid input or usage, 3 unexpected failure.
            """
    )

    enum Target: String, ExpressibleByArgument, CaseIterable {
        case bucket, key

        var kind: PolicyKind {
            switch self {
            case .bucket: return .bucket
            case .key: return .key
            }
        }
    }

    @Option(
        name: .customLong("for"),
        help: ArgumentHelp("Which policy the existing one is: bucket or key.", valueName: "policy"))
    var target: Target

    @Option(help: ArgumentHelp("The existing policy document (- reads standard input).", valueName: "file"))
    var existing: String

    @OptionGroup var statements: RequiredStatementOptions

    @Flag(help: "Print a diff of the existing and the merged policy instead of the merged policy.")
    var diff = false

    @OptionGroup var outputFile: OutputFileOptions

    @Flag(help: "Only judge whether the existing policy already grants the required access (exit 0) or not (exit 1).")
    var check = false

    func run() throws {
        let required = try statements.requiredStatements()
        let name = existing == "-" ? "standard input" : existing
        let data = try InputFile.read(existing, what: "existing policy")
        let existingText: String
        let result: PolicyMergeResult
        do {
            let document = try PolicyMerge.parseExisting(data)
            if check { try judge(document, inputs: required.inputs) }
            existingText = document.json.serialized(pretty: true)
            result = try PolicyMerge.merge(required.statements(for: target.kind), into: document, kind: target.kind)
        } catch let error as ExistingPolicyError {
            throw CLIFailure.invalidInput("\(name): \(error.description)")
        } catch let error as PolicyMergeError {
            throw CLIFailure.invalidInput(error.description)
        }
        for change in result.changes {
            StandardError.print(change.description.escapingControlCharacters())
        }
        if result.changes.isEmpty { StandardError.print("no change needed") }
        let mergedText = result.policy.serialized(pretty: true)
        let output =
            diff
            ? TextDiff(from: existingText, to: mergedText).unified(oldName: name, newName: "merged")
            : mergedText + "\n"
        try outputFile.write(output, inputs: [existing])
    }

    /// `--check`: prints what the existing policy does not grant, judged by the policy evaluator, and exits.
    private func judge(_ document: PolicyDocument, inputs: PolicyInputs) throws -> Never {
        let missing = RequiredAccess(inputs).missing(in: document, kind: target.kind)
        if missing.isEmpty {
            try StandardOutput.line(
                "The existing \(target.kind.displayName) already grants every request the required statements are for.")
            throw ExitStatus.ready.code
        }
        try StandardOutput.line(
            "The existing \(target.kind.displayName) does not grant \(missing.count) request(s); merge the required statements:"
        )
        for entry in missing { try StandardOutput.line("- \(entry.request): \(entry.reason)") }
        throw ExitStatus.notReady.code
    }
}
