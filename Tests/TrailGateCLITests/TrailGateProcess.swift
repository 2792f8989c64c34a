import Foundation
import Testing

/// Runs the built `trailgate` executable as a user would, capturing its output and exit code.
struct TrailGateProcess {
    struct Outcome {
        var exitCode: Int32
        var stdout: String
        var stderr: String
    }

    static let packageRoot = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    /// The executable beside the test bundle (SwiftPM builds it because the tests depend on it).
    static var executable: URL {
        get throws {
            let besideTests = URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent()
                .appendingPathComponent("trailgate")
            if FileManager.default.isExecutableFile(atPath: besideTests.path) { return besideTests }
            let debug = packageRoot.appendingPathComponent(".build/debug/trailgate")
            try #require(FileManager.default.isExecutableFile(atPath: debug.path), "trailgate executable not found")
            return debug
        }
    }

    /// Runs `trailgate` with `arguments` in the package root, with `environment` added to the current one and
    /// `stdin`, when given, as its standard input; `launcher`, when given, is a command that runs it (`/usr/bin/time`,
    /// `setpriv`), its arguments first.
    static func run(
        _ arguments: [String], environment: [String: String] = [:], stdin: String? = nil, launcher: [String] = []
    ) throws -> Outcome {
        let process = Process()
        let trailgate = try executable
        if let command = launcher.first {
            process.executableURL = URL(fileURLWithPath: command)
            process.arguments = launcher.dropFirst() + [trailgate.path] + arguments
        } else {
            process.executableURL = trailgate
            process.arguments = arguments
        }
        return try capture(process, environment: environment, stdin: stdin)
    }

    /// Runs `script` with bash in the package root, `$TRAILGATE` naming the executable: for redirections a
    /// `Process` cannot express (a full disk, a closed descriptor, a reader that went away).
    static func shell(_ script: String) throws -> Outcome {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/bin/bash")
        process.arguments = ["-c", script]
        return try capture(process, environment: ["TRAILGATE": try executable.path], stdin: nil)
    }

    /// Runs `process` in the package root with `environment` added, to its end, capturing its output.
    private static func capture(_ process: Process, environment: [String: String], stdin: String?) throws -> Outcome {
        process.currentDirectoryURL = packageRoot
        process.environment = ProcessInfo.processInfo.environment.merging(environment) { $1 }
        let out = Pipe()
        let err = Pipe()
        process.standardOutput = out
        process.standardError = err
        let input = Pipe()
        if stdin != nil { process.standardInput = input }
        try process.run()
        if let stdin {
            input.fileHandleForWriting.write(Data(stdin.utf8))
            try input.fileHandleForWriting.close()
        }
        let stdout = out.fileHandleForReading.readDataToEndOfFile()
        let stderr = err.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return Outcome(
            exitCode: process.terminationStatus, stdout: String(decoding: stdout, as: UTF8.self),
            stderr: String(decoding: stderr, as: UTF8.self))
    }

    /// Runs `trailgate` under `/usr/bin/time`: the outcome (without time's line) and the process's peak resident
    /// memory in MiB.
    static func runMeasuringMemory(_ arguments: [String], launcher: [String] = []) throws -> (Outcome, peakMiB: Int) {
        var outcome = try run(
            arguments, launcher: ["/usr/bin/time", "-q", "-f", "trailgate-peak-rss-kb=%M"] + launcher)
        let marker = try #require(outcome.stderr.range(of: "trailgate-peak-rss-kb=", options: .backwards))
        let kilobytes = try #require(Int(outcome.stderr[marker.upperBound...].trimmingCharacters(in: .newlines)))
        outcome.stderr = String(outcome.stderr[..<marker.lowerBound])
        return (outcome, kilobytes / 1024)
    }
}
