import Foundation
import Testing

/// The transport's behaviour against a proxy that injects faults in front of moto_server.
@Suite("Live AWS faults", .serialized)
struct FaultTests {
    func run(
        _ mode: String, _ arguments: [String], scenario: String = "needs-work", environment: [String: String]? = nil
    ) throws -> (TrailGateProcess.Outcome, MotoServer) {
        let server = try MotoServer()
        _ = try server.scenario(scenario)
        let proxy = try FaultProxy(mode: mode, upstream: server.endpoint)
        defer { proxy.stop() }
        let outcome = try TrailGateProcess.run(
            arguments + ["--endpoint-url", proxy.endpoint], environment: environment ?? server.environment)
        return (outcome, server)
    }

    @Test("throttling and 503 SlowDown answers are retried and the snapshot succeeds")
    func throttledThenOK() throws {
        let (outcome, server) = try run("throttle-then-ok", ["snapshot", "--verbose"])
        defer { server.stop() }
        #expect(outcome.exitCode == 0, "\(outcome.stderr)")
        #expect(outcome.stderr.contains("→ 400 (attempt 1)"))
        #expect(outcome.stderr.contains("→ 503 (attempt 1)"))
        #expect(outcome.stderr.contains("→ 200 (attempt 2)"))
        #expect(!outcome.stdout.contains("ThrottlingException"), "no slot holds a throttling error")
    }

    @Test("a service that always fails is one clear error line and exit 3")
    func alwaysFails() throws {
        let (outcome, server) = try run("always-503", ["snapshot"])
        defer { server.stop() }
        #expect(outcome.exitCode == 3)
        #expect(outcome.stderr.hasPrefix("trailgate: error: CloudTrail DescribeTrails failed with ServiceUnavailable"))
        #expect(outcome.stderr.split(separator: "\n").count == 1)
    }

    @Test("a slow endpoint times out with a clear error")
    func slow() throws {
        let (outcome, server) = try run("slow", ["snapshot", "--timeout", "1"])
        defer { server.stop() }
        #expect(outcome.exitCode == 3)
        #expect(outcome.stderr.contains("timed out"))
    }

    @Test("AccessDenied on one call fills its slot; the access checks say unknown and name the permission")
    func accessDenied() throws {
        let (outcome, server) = try run("deny-bucket-policy", ["check", "--format", "json"])
        defer { server.stop() }
        let report = try #require(try JSONSerialization.jsonObject(with: Data(outcome.stdout.utf8)) as? [String: Any])
        let checks = try #require(((report["trails"] as? [[String: Any]])?.first)?["checks"] as? [[String: Any]])
        let outside = try #require(checks.first { $0["id"] as? String == "bucket.outside-access" })
        #expect(outside["status"] as? String == "unknown")
        #expect(
            (outside["summary"] as? String)?.contains(
                "GetBucketPolicy on acme-prod-cloudtrail failed with AccessDenied") == true)
        #expect((outside["summary"] as? String)?.contains("s3:GetBucketPolicy") == true)
        #expect(
            checks.first { $0["id"] as? String == "bucket.lifecycle-retention" }?["status"] as? String == "fail",
            "the other calls still answered")
    }

    /// Runs trailgate against a proxy in `mode` that answers everything itself (no moto server behind it).
    func runAlone(_ mode: String, _ arguments: [String], environment: [String: String] = Self.environment) throws -> (
        outcome: TrailGateProcess.Outcome, seconds: Double, endpoint: String
    ) {
        let proxy = try FaultProxy(mode: mode, upstream: "http://127.0.0.1:9")
        defer { proxy.stop() }
        let (outcome, seconds) = try timed(arguments + ["--endpoint-url", proxy.endpoint], environment: environment)
        return (outcome, seconds, "127.0.0.1:\(proxy.port)")
    }

    func timed(_ arguments: [String], environment: [String: String]) throws -> (TrailGateProcess.Outcome, Double) {
        let start = ContinuousClock.now
        let outcome = try TrailGateProcess.run(arguments, environment: environment)
        let elapsed = (ContinuousClock.now - start).components
        let seconds = Double(elapsed.seconds) + Double(elapsed.attoseconds) / 1e18
        return (outcome, seconds)
    }

    /// Fake long-term keys with a session token shaped like AWS's, so a leak of either would be visible.
    static let secretKey = "wJalrXUtnFEMI/K7MDENG/bPxRfiCYzEXAMPLEKEY"
    static let sessionToken =
        "IQoJb3JpZ2luX2VjEJr//////////wEaCXVzLWVhc3QtMSJHMEUCIQDexampleTOKENvalue+AbCdEf0123456789/xyz=="
    static let environment = [
        "AWS_ACCESS_KEY_ID": "ASIAEXAMPLEFAULTKEY", "AWS_SECRET_ACCESS_KEY": secretKey,
        "AWS_SESSION_TOKEN": sessionToken, "AWS_REGION": "us-east-1", "AWS_CONFIG_FILE": "/dev/null",
        "AWS_SHARED_CREDENTIALS_FILE": "/dev/null", "AWS_EC2_METADATA_DISABLED": "true",
    ]

    /// One line naming the operation and what happened, exit 3, well within a generous bound of `--timeout 2`.
    func expectOneLine(_ outcome: TrailGateProcess.Outcome, _ line: String, within bound: Double, _ seconds: Double) {
        #expect(outcome.exitCode == 3)
        #expect(outcome.stderr == "trailgate: error: \(line)\n")
        #expect(seconds < bound, "took \(seconds) s")
    }

    @Test("an endpoint trickling its answer a byte a second is abandoned at the --timeout deadline")
    func trickle() throws {
        let (outcome, seconds, endpoint) = try runAlone("trickle", ["snapshot", "--timeout", "2"])
        expectOneLine(
            outcome, "CloudTrail DescribeTrails: timed out after 2 s waiting for \(endpoint) (1 attempt)", within: 15,
            seconds)
    }

    @Test("an endpoint that never answers is abandoned at the --timeout deadline")
    func silent() throws {
        let (outcome, seconds, endpoint) = try runAlone("silent", ["snapshot", "--timeout", "2"])
        expectOneLine(
            outcome, "CloudTrail DescribeTrails: timed out after 2 s waiting for \(endpoint) (1 attempt)", within: 15,
            seconds)
    }

    @Test("a refused connection is retried after the backoff only, then named with its host and port")
    func refused() throws {
        let port = try MotoServer.freePort()
        let (outcome, seconds) = try timed(
            ["snapshot", "--endpoint-url", "http://127.0.0.1:\(port)"], environment: Self.environment)
        expectOneLine(
            outcome, "CloudTrail DescribeTrails: connection refused at 127.0.0.1:\(port) (3 attempts)", within: 15,
            seconds)
    }

    @Test("an answer larger than TrailGate reads is named in the user's terms, not retried")
    func tooLarge() throws {
        let (outcome, _, _) = try runAlone("too-large", ["snapshot"])
        #expect(outcome.exitCode == 3)
        #expect(outcome.stderr == "trailgate: error: CloudTrail DescribeTrails: the response exceeded 64 MiB\n")
    }

    @Test("a credential_process that never ends is stopped at --timeout, with the end of its standard error redacted")
    func hangingCredentialProcess() throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent(UUID().uuidString)
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        let script = directory.appendingPathComponent("hang.sh")
        try """
        #!/bin/sh
        echo "starting" >&2
        echo "aws_secret_access_key=\(Self.secretKey)" >&2
        echo "waiting for the token service" >&2
        sleep 1000
        """.write(to: script, atomically: true, encoding: .utf8)
        try FileManager.default.setAttributes([.posixPermissions: 0o755], ofItemAtPath: script.path)
        let config = directory.appendingPathComponent("config")
        try "[profile hang]\ncredential_process = \(script.path)\n".write(to: config, atomically: true, encoding: .utf8)
        let port = try MotoServer.freePort()
        let (outcome, seconds) = try timed(
            ["snapshot", "--timeout", "2", "--profile", "hang", "--endpoint-url", "http://127.0.0.1:\(port)"],
            environment: [
                "AWS_CONFIG_FILE": config.path, "AWS_SHARED_CREDENTIALS_FILE": "/dev/null", "AWS_REGION": "us-east-1",
                "AWS_EC2_METADATA_DISABLED": "true",
            ])
        expectOneLine(
            outcome,
            "credential_process of profile \"hang\" (\(script.path)) did not finish within 2 s and was stopped: "
                + "starting | aws_secret_access_key=<redacted> | waiting for the token service",
            within: 15, seconds)
    }

    @Test(
        "an endpoint quoting the request headers back shows neither the secret key, the session token nor the signature",
        arguments: [["snapshot"], ["snapshot", "--verbose"], ["check", "--verbose"]])
    func reflectedHeaders(_ arguments: [String]) throws {
        let (outcome, _, _) = try runAlone("reflect-headers", arguments)
        #expect(outcome.exitCode == 3)
        let output = outcome.stdout + outcome.stderr
        #expect(
            outcome.stderr.contains("trailgate: error: CloudTrail DescribeTrails failed with AccessDenied: Denied."))
        #expect(outcome.stderr.contains("X-Amz-Security-Token: <redacted>"))
        #expect(!output.contains(Self.secretKey))
        #expect(!output.contains(Self.sessionToken))
        #expect(try output.firstMatch(of: Regex("Signature=[0-9a-f]{8}")) == nil)
    }

    @Test("a refusal quoting the request headers lands in the report with the secrets redacted")
    func reflectedIntoReport() throws {
        let (outcome, server) = try run(
            "reflect-bucket-policy", ["check", "--format", "json", "--verbose"], environment: Self.environment)
        defer { server.stop() }
        #expect(
            outcome.stdout.contains(
                "GetBucketPolicy on acme-prod-cloudtrail failed with AccessDenied (Denied. Request headers:"))
        #expect(outcome.stdout.contains("X-Amz-Security-Token: <redacted>"))
        let output = outcome.stdout + outcome.stderr
        #expect(!output.contains(Self.secretKey))
        #expect(!output.contains(Self.sessionToken))
        #expect(try output.firstMatch(of: Regex("Signature=[0-9a-f]{8}")) == nil)
    }
}
