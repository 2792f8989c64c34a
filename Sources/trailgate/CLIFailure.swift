import AWSClient
import ArgumentParser
import EventStore
import Foundation
import Integrity
import TrailGateCore
import TrailGateLive

/// The process exit codes documented in the README.
enum ExitStatus: Int32 {
    case ready = 0
    case notReady = 1
    case invalidInput = 2
    case unexpected = 3

    var code: ExitCode { ExitCode(rawValue) }
}

/// A failure reported to the user as one line, ending the process with its exit code.
struct CLIFailure: Error {
    var message: String
    var exitCode: ExitCode

    init(message: String, exitCode: ExitCode) {
        self.message = message
        self.exitCode = exitCode
    }

    /// The one mapping from library errors to exit codes: what the user gave or configured (credentials, the AWS
    /// configuration, a trail that is not there) exits 2; anything else, AWS's refusals, unreachable endpoints and
    /// timeouts (a `credential_process` that hangs included), exits 3.
    init(_ error: any Error) {
        switch error {
        case let failure as CLIFailure:
            self = failure
        case OrganizationScanError.organizationUnreadable:
            self.init(message: String(describing: error), exitCode: ExitStatus.unexpected.code)
        case is OrganizationScanError:
            self = .invalidInput(String(describing: error))
        case CredentialsError.processTimedOut:
            self.init(message: String(describing: error), exitCode: ExitStatus.unexpected.code)
        case is CredentialsError, is LiveConfigurationError, is TrailSelectionError, is S3IngestPlanError,
            is ValidationInputError, is TrailScopeError, is PublicKeyListError:
            self = .invalidInput(String(describing: error))
        default:
            self.init(message: String(describing: error), exitCode: ExitStatus.unexpected.code)
        }
    }

    static func invalidInput(_ message: String) -> CLIFailure {
        CLIFailure(message: message, exitCode: ExitStatus.invalidInput.code)
    }

    /// The reader of standard output went away (`| head`): the command stops quietly with exit 0.
    static let outputClosed = CLIFailure(message: "", exitCode: .success)

    /// True for ``outputClosed``: nothing is printed.
    var isQuiet: Bool { message.isEmpty }
}

/// Runs `body` with a live session, shuts the session down, and turns every failure into one ``CLIFailure`` (an
/// exit code `body` throws passes through).
func withLiveSession<T: Sendable>(_ options: LiveOptions, _ body: (LiveSession) async throws -> T) async throws -> T {
    do {
        return try await LiveSession.with(options) { try await body($0) }
    } catch let exit as ExitCode {
        throw exit
    } catch {
        throw CLIFailure(error)
    }
}
