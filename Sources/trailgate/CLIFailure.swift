import ArgumentParser

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

    static func invalidInput(_ message: String) -> CLIFailure {
        CLIFailure(message: message, exitCode: ExitStatus.invalidInput.code)
    }
}
