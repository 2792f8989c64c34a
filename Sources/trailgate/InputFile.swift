import Foundation
import TrailGateBasics

/// The file a command reads its input from; `-` is standard input.
enum InputFile {
    /// The contents of `path`, which may be any readable stream (a pipe, `/dev/stdin`, a shell's `<(…)`); a failure
    /// names `what` was read (`snapshot`) and the operating system's reason.
    static func read(_ path: String, what: String) throws(CLIFailure) -> Data {
        if path == "-" { return FileHandle.standardInput.readDataToEndOfFile() }
        do {
            let handle = try FileHandle(forReadingFrom: URL(fileURLWithPath: path))
            defer { try? handle.close() }
            return try handle.readToEnd() ?? Data()
        } catch {
            throw CLIFailure.invalidInput("cannot read \(what) \(path): \(SystemErrorReason.of(error))")
        }
    }

    /// The contents of `path` as UTF-8 text, as ``read(_:what:)`` reads them; other bytes are one line naming it.
    static func readText(_ path: String, what: String) throws(CLIFailure) -> String {
        guard let text = String(data: try read(path, what: what), encoding: .utf8) else {
            throw CLIFailure.invalidInput("\(path): not UTF-8 text")
        }
        return text
    }

    /// True when both paths name one existing file (same device and inode), however they are spelled.
    static func sameFile(_ first: String, _ second: String) -> Bool {
        guard second != "-" else { return false }
        var a = stat()
        var b = stat()
        guard stat(first, &a) == 0, stat(second, &b) == 0 else { return false }
        return a.st_dev == b.st_dev && a.st_ino == b.st_ino
    }
}
