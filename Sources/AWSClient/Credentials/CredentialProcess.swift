import Foundation

/// What a finished `credential_process` command produced.
public struct ProcessOutput: Sendable, Equatable {
    public var exitCode: Int32
    public var standardOutput: Data
    public var standardError: Data

    public init(exitCode: Int32, standardOutput: Data = Data(), standardError: Data = Data()) {
        self.exitCode = exitCode
        self.standardOutput = standardOutput
        self.standardError = standardError
    }
}

/// Runs `credential_process` commands: the seam tests replace.
public protocol CredentialProcessRunning: Sendable {
    /// Runs `arguments[0]` (searched on `PATH` when it has no `/`) with the remaining arguments, without a shell,
    /// and waits for it to finish. Throws only when the command cannot be started.
    func run(_ arguments: [String]) async throws -> ProcessOutput
}

/// A `credential_process` command that ran past its time and was stopped; `standardError` is what it had written.
public struct CredentialProcessTimedOut: Error, Sendable, Equatable {
    public var timeout: Duration
    public var standardError: Data

    public init(timeout: Duration, standardError: Data) {
        self.timeout = timeout
        self.standardError = standardError
    }
}

/// Runs commands with Foundation's `Process`, inheriting this process's environment; standard input is empty. A
/// command that has not exited and closed its output within ``timeout`` is stopped (its process group gets SIGTERM,
/// then SIGKILL a second later) and ``CredentialProcessTimedOut`` thrown.
public struct FoundationProcessRunner: CredentialProcessRunning {
    /// The most a command may run.
    public var timeout: Duration
    /// The most of its standard error kept (the end of it).
    static let standardErrorLimit = 64 << 10

    public init(timeout: Duration = .seconds(60)) {
        self.timeout = timeout
    }

    public func run(_ arguments: [String]) async throws -> ProcessOutput {
        guard let program = arguments.first else { throw CocoaError(.fileNoSuchFile) }
        let timeout = timeout
        return try await withCheckedThrowingContinuation { continuation in
            Thread.detachNewThread {
                do {
                    continuation.resume(
                        returning: try Self.runBlocking(
                            program: program, arguments: Array(arguments.dropFirst()), timeout: timeout))
                } catch {
                    continuation.resume(throwing: error)
                }
            }
        }
    }

    private static func runBlocking(program: String, arguments: [String], timeout: Duration) throws -> ProcessOutput {
        let process = Process()
        if program.contains("/") {
            process.executableURL = URL(fileURLWithPath: program)
            process.arguments = arguments
        } else {
            process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
            process.arguments = [program] + arguments
        }
        let output = Pipe()
        let error = Pipe()
        process.standardOutput = output
        process.standardError = error
        process.standardInput = FileHandle.nullDevice
        let finished = DispatchGroup()
        finished.enter()
        process.terminationHandler = { _ in finished.leave() }
        try process.run()
        let standardOutput = PipeReader(output.fileHandleForReading, keepingLast: nil, group: finished)
        let standardError = PipeReader(error.fileHandleForReading, keepingLast: standardErrorLimit, group: finished)
        let (seconds, attoseconds) = timeout.components
        guard finished.wait(timeout: .now() + Double(seconds) + Double(attoseconds) / 1e18) == .success else {
            stop(process)
            throw CredentialProcessTimedOut(timeout: timeout, standardError: standardError.data)
        }
        return ProcessOutput(
            exitCode: process.terminationStatus, standardOutput: standardOutput.data,
            standardError: standardError.data)
    }

    /// Sends SIGTERM to the command's process group (Foundation starts it in its own), and SIGKILL a second later
    /// if the command has not exited.
    private static func stop(_ process: Process) {
        let group = -process.processIdentifier
        kill(group, SIGTERM)
        let deadline = Date().addingTimeInterval(1)
        while process.isRunning && Date() < deadline { Thread.sleep(forTimeInterval: 0.02) }
        kill(group, SIGKILL)
    }

    /// Reads a pipe to its end on its own thread, inside `group` until then.
    private final class PipeReader: @unchecked Sendable {
        private let lock = NSLock()
        private var collected = Data()

        init(_ handle: FileHandle, keepingLast limit: Int?, group: DispatchGroup) {
            group.enter()
            Thread.detachNewThread {
                while case let chunk = handle.availableData, !chunk.isEmpty {
                    self.lock.withLock {
                        self.collected.append(chunk)
                        if let limit, self.collected.count > limit {
                            self.collected = Data(self.collected.suffix(limit))
                        }
                    }
                }
                group.leave()
            }
        }

        /// What has been read so far.
        var data: Data { lock.withLock { collected } }
    }
}

/// Runs a profile's `credential_process` and reads its version 1 JSON output:
/// `{"Version": 1, "AccessKeyId": …, "SecretAccessKey": …, "SessionToken": …, "Expiration": …}`.
struct CredentialProcess: Sendable {
    var profile: String
    var command: String
    var runner: any CredentialProcessRunning

    func credentials() async throws -> AWSCredentials {
        let arguments: [String]
        do {
            arguments = try ShellWords.split(command)
        } catch {
            throw CredentialsError.processNotStarted(
                profile: profile, command: command, reason: "unterminated quotation")
        }
        guard !arguments.isEmpty else {
            throw CredentialsError.processNotStarted(profile: profile, command: command, reason: "the command is empty")
        }
        let output: ProcessOutput
        do {
            output = try await runner.run(arguments)
        } catch let error as CredentialsError {
            throw error
        } catch let timedOut as CredentialProcessTimedOut {
            throw CredentialsError.processTimedOut(
                profile: profile, command: command, timeout: timedOut.timeout,
                standardError: Self.excerpt(timedOut.standardError, redacting: SecretRedactor(secrets: [])))
        } catch {
            throw CredentialsError.processNotStarted(profile: profile, command: command, reason: Self.reason(error))
        }
        guard output.exitCode == 0 else {
            throw CredentialsError.processFailed(
                profile: profile, command: command, exitCode: output.exitCode,
                standardError: Self.excerpt(output.standardError, redacting: Self.redactor(output.standardOutput)))
        }
        do throws(CredentialsDocument.Invalid) {
            let object = try CredentialsDocument.object(output.standardOutput)
            guard object["Version"] == .int(1) else {
                throw CredentialsDocument.Invalid(reason: "Version must be 1")
            }
            return try CredentialsDocument.credentials(
                object, tokenKey: "SessionToken", tokenRequired: false,
                expirationRequired: false)
        } catch {
            throw CredentialsError.processOutputInvalid(profile: profile, command: command, reason: error.reason)
        }
    }

    /// The most lines of a command's standard error shown.
    static let excerptLines = 3
    /// The most characters of a command's standard error shown.
    static let excerptLength = 300

    /// The end of a command's standard error for a message: its last ``excerptLines`` non-blank lines, trimmed and
    /// joined by ` | `, secrets redacted (by `redactor`, by name, and runs that look like keys or tokens), at most
    /// ``excerptLength`` characters (the end kept).
    static func excerpt(_ data: Data, redacting redactor: SecretRedactor) -> String {
        let lines = String(decoding: data, as: UTF8.self).split(whereSeparator: \.isNewline)
            .map { $0.trimmingCharacters(in: .whitespaces) }
            .filter { !$0.isEmpty }
            .suffix(excerptLines)
        let text = SecretRedactor.redactSecretShapes(redactor.redact(lines.joined(separator: " | ")))
        return text.count > excerptLength ? "…" + text.suffix(excerptLength - 1) : text
    }

    /// A redactor for the secrets a failed command may still have printed on standard output.
    static func redactor(_ standardOutput: Data) -> SecretRedactor {
        let object = (try? JSONSerialization.jsonObject(with: standardOutput)) as? [String: Any]
        return SecretRedactor(secrets: [object?["SecretAccessKey"] as? String, object?["SessionToken"] as? String])
    }

    /// The first non-blank line of `data`, trimmed.
    static func firstLine(_ data: Data) -> String {
        let text = String(decoding: data, as: UTF8.self)
        return text.split(whereSeparator: \.isNewline)
            .map { $0.trimmingCharacters(in: .whitespaces) }
            .first { !$0.isEmpty } ?? ""
    }

    private static func reason(_ error: any Error) -> String {
        if let cocoa = error as? CocoaError {
            switch cocoa.code {
            case .fileNoSuchFile, .fileReadNoSuchFile: return "no such file"
            case .fileReadNoPermission, .fileWriteNoPermission: return "permission denied"
            default: return "error code \(cocoa.code.rawValue)"
            }
        }
        let nsError = error as NSError
        if nsError.domain == NSPOSIXErrorDomain {
            return String(cString: strerror(Int32(nsError.code)))
        }
        return "\(nsError.domain) error \(nsError.code)"
    }
}
