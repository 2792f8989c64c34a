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

/// Runs commands with Foundation's `Process`, inheriting this process's environment; standard input is empty.
public struct FoundationProcessRunner: CredentialProcessRunning {
    public init() {}

    public func run(_ arguments: [String]) async throws -> ProcessOutput {
        guard let program = arguments.first else { throw CocoaError(.fileNoSuchFile) }
        return try await withCheckedThrowingContinuation { continuation in
            Thread.detachNewThread {
                do {
                    continuation.resume(
                        returning: try Self.runBlocking(program: program, arguments: Array(arguments.dropFirst())))
                } catch {
                    continuation.resume(throwing: error)
                }
            }
        }
    }

    private static func runBlocking(program: String, arguments: [String]) throws -> ProcessOutput {
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
        try process.run()
        let errorHandle = error.fileHandleForReading
        let errorData = LockedData()
        let reader = Thread { errorData.set(errorHandle.readDataToEndOfFile()) }
        reader.start()
        let outputData = output.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        let standardError = errorData.wait()
        return ProcessOutput(
            exitCode: process.terminationStatus, standardOutput: outputData, standardError: standardError)
    }

    /// Data handed from the standard-error reader thread.
    private final class LockedData: @unchecked Sendable {
        private let condition = NSCondition()
        private var data: Data?

        func set(_ value: Data) {
            condition.lock()
            data = value
            condition.signal()
            condition.unlock()
        }

        func wait() -> Data {
            condition.lock()
            defer { condition.unlock() }
            while data == nil { condition.wait() }
            return data!
        }
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
        } catch {
            throw CredentialsError.processNotStarted(profile: profile, command: command, reason: Self.reason(error))
        }
        guard output.exitCode == 0 else {
            throw CredentialsError.processFailed(
                profile: profile, command: command, exitCode: output.exitCode,
                standardErrorLine: Self.firstLine(output.standardError))
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
