import Foundation
import TrailGateBasics

/// Writes `bytes` to the file descriptor, retrying partial and interrupted writes; the `errno` of a failure.
private func writeAll(_ descriptor: Int32, _ text: String) -> Int32? {
    var text = text
    return text.withUTF8 { buffer -> Int32? in
        var offset = 0
        while offset < buffer.count {
            let written = Foundation.write(descriptor, buffer.baseAddress! + offset, buffer.count - offset)
            if written < 0 {
                if errno == EINTR { continue }
                return errno
            }
            offset += written
        }
        return nil
    }
}

/// Standard output, where results go. A reader that closed the pipe early (`trailgate … | head`) ends the command
/// quietly with exit 0; any other failure (a full disk, a closed descriptor) ends it with one line and exit 3.
enum StandardOutput {
    /// Standard output was closed when the process started (`>&-`); /dev/null holds its descriptor so that no file
    /// the command opens can take it and receive the output.
    nonisolated(unsafe) private static var closedAtStart = false

    /// Keeps descriptors 0, 1 and 2 from being reused by files the command opens: a closed one is given /dev/null
    /// (writing to a closed standard output then fails with one line, as any other write failure does).
    static func reserveDescriptors() {
        for descriptor in [STDIN_FILENO, STDOUT_FILENO, STDERR_FILENO] where fcntl(descriptor, F_GETFD) == -1 {
            let null = open("/dev/null", descriptor == STDIN_FILENO ? O_RDONLY : O_WRONLY)
            if null >= 0, null != descriptor {
                dup2(null, descriptor)
                close(null)
            }
            if descriptor == STDOUT_FILENO { closedAtStart = true }
        }
    }

    /// Writes `text` as it is.
    static func write(_ text: String) throws(CLIFailure) {
        if closedAtStart {
            throw CLIFailure(
                message: "cannot write to standard output: it is closed", exitCode: ExitStatus.unexpected.code)
        }
        guard let failure = writeAll(STDOUT_FILENO, text) else { return }
        if failure == EPIPE { throw CLIFailure.outputClosed }
        throw CLIFailure(
            message: "cannot write to standard output: \(String(cString: strerror(failure)))",
            exitCode: ExitStatus.unexpected.code)
    }

    /// Writes `text` and a newline.
    static func line(_ text: String) throws(CLIFailure) {
        try write(text + "\n")
    }
}

/// Lines for people on standard error, so standard output holds only results. Writing them is best effort: when
/// standard error is closed or full there is nowhere left to say so, and the command goes on (a `fix --apply` must
/// still finish or roll back).
enum StandardError {
    /// Writes `line` as it is.
    static func print(_ line: String, newline: Bool = true) {
        _ = writeAll(STDERR_FILENO, newline ? "\(line)\n" : line)
    }

    /// Writes `trailgate: note: ` and `text`.
    static func note(_ text: String) {
        print("trailgate: note: \(text)")
    }
}

/// A command's result: written to the file of `-o/--output`, else to standard output.
enum ResultOutput {
    /// Writes `text` to `path` (never over one of `inputs`, the files the command read), or to standard output.
    static func write(_ text: String, toFile path: String?, inputs: [String] = []) throws(CLIFailure) {
        guard let path else { return try StandardOutput.write(text) }
        try refuseOverwriting(inputs, with: path)
        do {
            try Data(text.utf8).write(to: URL(fileURLWithPath: path))
        } catch {
            throw CLIFailure.invalidInput("cannot write \(path): \(SystemErrorReason.of(error))")
        }
    }

    /// Refuses a result file `path` that is one of `inputs`, the files the command read, however it is spelled.
    static func refuseOverwriting(_ inputs: [String], with path: String) throws(CLIFailure) {
        if let input = inputs.first(where: { InputFile.sameFile(path, $0) }) {
            throw CLIFailure.invalidInput("refusing to write \(path): it is the input \(input)")
        }
    }
}
