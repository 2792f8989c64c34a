import ArgumentParser
import Foundation
import TrailGateBasics
import TrailGateCore

/// The `trailgate` root command.
struct TrailGateCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "trailgate",
        abstract:
            "Decide whether a CloudTrail trail, its S3 bucket and KMS keys are ready for a managed-operations service.",
        discussion: """
            Examples:
              trailgate check --snapshot examples/needs-work.json
              trailgate checks list
              trailgate snapshot --region us-east-1 -o snapshot.json
              trailgate policy render --bucket acme-org-trail-logs --org-id o-a1b2c3d4e5
              trailgate fix --snapshot examples/needs-work.json

            Exit codes: 0 ready (check) or done, 1 not ready (or denied, a change needed),
            2 invalid input or usage, 3 unexpected failure or AWS unreachable.
            """,
        version: ReportContext.toolVersion,
        subcommands: [
            CheckCommand.self,
            ChecksCommand.self,
            FixCommand.self,
            SnapshotCommand.self,
            LogsCommand.self,
            AthenaCommand.self,
            PolicyCommand.self,
            ValidateLogsCommand.self,
            ProbeCommand.self,
        ]
    )
}

@main
enum Main {
    static func main() async {
        // A closed pipe is reported by write(2) as EPIPE, handled where results are written, instead of a signal.
        signal(SIGPIPE, SIG_IGN)
        StandardOutput.reserveDescriptors()
        do {
            var command = try TrailGateCommand.parseAsRoot()
            if var asyncCommand = command as? AsyncParsableCommand {
                try await asyncCommand.run()
            } else {
                try command.run()
            }
        } catch let exit as ExitCode {
            Foundation.exit(exit.rawValue)
        } catch let failure as CLIFailure {
            if !failure.isQuiet {
                StandardError.print("trailgate: error: \(failure.message.escapingControlCharacters())")
            }
            Foundation.exit(failure.exitCode.rawValue)
        } catch {
            let code = TrailGateCommand.exitCode(for: error)
            if code == .success {
                TrailGateCommand.exit(withError: error)
            }
            StandardError.print(
                TrailGateCommand.fullMessage(for: error).escapingControlCharacters(keepingLineBreaks: true))
            Foundation.exit(
                code == .validationFailure ? ExitStatus.invalidInput.rawValue : ExitStatus.unexpected.rawValue)
        }
    }
}
