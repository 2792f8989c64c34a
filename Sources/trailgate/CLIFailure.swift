import ArgumentParser
import Foundation

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

    /// The operating system's reason (`No such file or directory`) rather than Foundation's wrapper text.
    static func systemReason(_ error: any Error) -> String {
        let nsError = error as NSError
        if let underlying = nsError.userInfo[NSUnderlyingErrorKey] as? any Error {
            let posix = underlying as NSError
            if posix.domain == NSPOSIXErrorDomain { return String(cString: strerror(Int32(posix.code))) }
        }
        return nsError.localizedDescription
    }
}
