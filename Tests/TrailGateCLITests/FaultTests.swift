import Foundation
import Testing

/// The transport's behaviour against a proxy that injects faults in front of moto_server.
@Suite("Live AWS faults", .serialized)
struct FaultTests {
    func run(_ mode: String, _ arguments: [String], scenario: String = "needs-work") throws -> (
        TrailGateProcess.Outcome, MotoServer
    ) {
        let server = try MotoServer()
        _ = try server.scenario(scenario)
        let proxy = try FaultProxy(mode: mode, upstream: server)
        defer { proxy.stop() }
        let outcome = try TrailGateProcess.run(
            arguments + ["--endpoint-url", proxy.endpoint], environment: server.environment)
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
}
