import Foundation
import Testing

/// A `moto_server` (the moto package in server mode) on a free port of 127.0.0.1, serving the AWS APIs over HTTP
/// for one test. Stopped by ``stop()``.
final class MotoServer {
    let port: Int
    private let process: Process

    var endpoint: String { "http://127.0.0.1:\(port)" }

    /// The environment every AWS client in a test uses: fake keys, a Region, no real config files.
    var environment: [String: String] {
        [
            "AWS_ACCESS_KEY_ID": "testing", "AWS_SECRET_ACCESS_KEY": "testing", "AWS_REGION": "us-east-1",
            "AWS_DEFAULT_REGION": "us-east-1", "AWS_CONFIG_FILE": "/dev/null",
            "AWS_SHARED_CREDENTIALS_FILE": "/dev/null",
            "AWS_EC2_METADATA_DISABLED": "true",
        ]
    }

    init() throws {
        port = try Self.freePort()
        process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["moto_server", "-H", "127.0.0.1", "-p", String(port)]
        process.standardOutput = FileHandle.nullDevice
        process.standardError = FileHandle.nullDevice
        try process.run()
        try waitUntilReady()
    }

    /// Kills the server (it does not always stop on SIGTERM) and waits for it.
    func stop() {
        kill(process.processIdentifier, SIGKILL)
        process.waitUntilExit()
    }

    /// A port of 127.0.0.1 that nothing listens on (it was free a moment ago).
    static func freePort() throws -> Int {
        let output = try run([
            "python3", "-c", "import socket; s=socket.socket(); s.bind(('127.0.0.1',0)); print(s.getsockname()[1])",
        ])
        return try #require(Int(output.trimmingCharacters(in: .whitespacesAndNewlines)))
    }

    private func waitUntilReady() throws {
        for _ in 0..<100 {
            if (try? Self.run(["curl", "-s", "-o", "/dev/null", "-w", "%{http_code}", "\(endpoint)/moto-api/"]))
                == "200"
            {
                return
            }
            Thread.sleep(forTimeInterval: 0.1)
        }
        Issue.record(
            "moto_server did not start on port \(port); is moto[server] installed? scripts/test installs it from requirements-test.txt"
        )
        throw CancellationError()
    }

    /// Builds a scenario with `Support/moto_scenario.py` (boto3) and returns what it printed (JSON).
    func scenario(_ name: String, _ arguments: [String] = []) throws -> [String: Any] {
        let script = TrailGateProcess.packageRoot.appendingPathComponent(
            "Tests/TrailGateCLITests/Support/moto_scenario.py"
        ).path
        let output = try Self.run(["python3", script, endpoint, name] + arguments, environment: environment)
        return try #require(try JSONSerialization.jsonObject(with: Data(output.utf8)) as? [String: Any])
    }

    /// What `aws --endpoint-url … <arguments>` prints, parsed (an empty output is `{}`), as the shape oracle.
    func awsCLI(_ arguments: [String]) throws -> Any {
        let output = try Self.run(
            ["aws", "--endpoint-url", endpoint, "--output", "json"] + arguments, environment: environment)
        if output.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty { return [String: Any]() }
        return try JSONSerialization.jsonObject(with: Data(output.utf8))
    }

    /// Runs a command to completion and returns its standard output; a non-zero exit is an error with its stderr.
    static func run(_ arguments: [String], environment: [String: String] = [:]) throws -> String {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = arguments
        process.environment = ProcessInfo.processInfo.environment.merging(environment) { $1 }
        let out = Pipe()
        let err = Pipe()
        process.standardOutput = out
        process.standardError = err
        try process.run()
        let data = out.fileHandleForReading.readDataToEndOfFile()
        let errors = err.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        guard process.terminationStatus == 0 else {
            throw CommandFailure(
                command: arguments.joined(separator: " "), stderr: String(decoding: errors, as: UTF8.self))
        }
        return String(decoding: data, as: UTF8.self)
    }

    struct CommandFailure: Error, CustomStringConvertible {
        var command: String
        var stderr: String
        var description: String { "\(command) failed: \(stderr)" }
    }
}

/// `Support/fault_proxy.py` in front of a moto server: injects throttling, 503s, slowness, silence, oversized or
/// header-quoting answers, or AccessDenied.
final class FaultProxy {
    let port: Int
    private let process: Process

    var endpoint: String { "http://127.0.0.1:\(port)" }

    /// A proxy in `mode` in front of `upstream` (modes that answer everything themselves never contact it).
    init(mode: String, upstream: String) throws {
        let script = TrailGateProcess.packageRoot.appendingPathComponent(
            "Tests/TrailGateCLITests/Support/fault_proxy.py"
        ).path
        port = try MotoServer.freePort()
        process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["python3", script, String(port), upstream, mode]
        let out = Pipe()
        process.standardOutput = out
        process.standardError = FileHandle.nullDevice
        try process.run()
        let ready = out.fileHandleForReading.availableData
        try #require(String(decoding: ready, as: UTF8.self).hasPrefix("READY"), "the fault proxy did not start")
    }

    /// Kills the server (it does not always stop on SIGTERM) and waits for it.
    func stop() {
        kill(process.processIdentifier, SIGKILL)
        process.waitUntilExit()
    }
}
