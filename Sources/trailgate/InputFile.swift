import Foundation
import TrailGateBasics

/// The file a command reads its input from; `-` is standard input.
enum InputFile {
    /// The contents of `path`; a failure names `what` was read (`snapshot`) and the operating system's reason.
    static func read(_ path: String, what: String) throws(CLIFailure) -> Data {
        if path == "-" { return FileHandle.standardInput.readDataToEndOfFile() }
        do {
            return try Data(contentsOf: URL(fileURLWithPath: path))
        } catch {
            throw CLIFailure.invalidInput("cannot read \(what) \(path): \(SystemErrorReason.of(error))")
        }
    }
}
