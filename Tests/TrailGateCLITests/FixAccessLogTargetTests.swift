import AWSClient
import Foundation
import OrderedJSON
import Testing
import TrailGateLive

/// `trailgate fix --access-log-bucket` against moto_server, whose PutBucketLogging refuses a target that does not
/// grant the logging service (InvalidTargetBucketForLogging): the target's policy change, every precondition
/// stopping `--apply` before any change, and restoring the target's policy exactly.
@Suite("fix's access-log target against moto", .serialized)
struct FixAccessLogTargetTests {
    static let sid = "DONOTDELETE-AMS-ALLOWS3SERVERACCESSLOGS"

    /// moto with the needs-fix scenario and the access-log buckets of `log-targets`.
    static func server() throws -> (MotoServer, created: [String: Any]) {
        let server = try MotoServer()
        let created = try server.scenario("needs-fix")
        _ = try server.scenario("log-targets")
        return (server, created)
    }

    /// `get-bucket-policy` of `bucket`, or nil when it has none.
    static func policyText(_ server: MotoServer, _ bucket: String) -> String? {
        (try? server.awsCLI(["s3api", "get-bucket-policy", "--bucket", bucket]) as? [String: Any])?["Policy"]
            as? String
    }

    func apply(_ server: MotoServer, endpoint: String? = nil, target: String, backups: String) throws
        -> TrailGateProcess.Outcome
    {
        try TrailGateProcess.run(
            [
                "fix", "--apply", "--yes", "--access-log-bucket", target, "--backup-dir", backups,
                "--endpoint-url", endpoint ?? server.endpoint,
            ], environment: server.environment)
    }

    @Test("a target with a policy of its own gets the statement before PutBucketLogging; ready after one apply")
    func sharedTarget() throws {
        let (server, created) = try Self.server()
        defer { server.stop() }
        let before = try FixCommandTests.State(server, created)
        let targetBefore = try #require(Self.policyText(server, "acme-shared-logs"))
        let plan = try TrailGateProcess.run(
            ["fix", "--access-log-bucket", "acme-shared-logs", "--endpoint-url", server.endpoint],
            environment: server.environment)
        #expect(plan.exitCode == 1, "\(plan.stderr)")
        #expect(plan.stdout.contains("1. PutBucketPolicy on bucket acme-shared-logs (fixes bucket.access-logging)"))
        #expect(plan.stdout.contains("$ aws s3api put-bucket-policy --bucket acme-shared-logs --policy '"))
        #expect(plan.stdout.contains("+      \"Sid\": \"\(Self.sid)\""))
        #expect(plan.stdout.contains("Plan: 9 changes, 0 manual steps."))

        let backups = FixCommandTests.temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: backups) }
        let applied = try apply(server, target: "acme-shared-logs", backups: backups)
        #expect(applied.exitCode == 0, "\(applied.stderr)")
        #expect(applied.stdout.hasSuffix("READY\n"))
        let statements = try FixCommandTests.statements(
            try server.awsCLI(["s3api", "get-bucket-policy", "--bucket", "acme-shared-logs"]))
        for statement in try FixCommandTests.statements(["Policy": targetBefore]) {
            #expect(
                statements.contains { LiveCommandTests.same($0, statement) },
                "statement \(statement["Sid"] ?? "?") was lost")
        }
        let grant = try #require(statements.first { $0["Sid"] as? String == Self.sid })
        #expect(grant["Resource"] as? String == "arn:aws:s3:::acme-shared-logs/acme-central-trail/*")
        #expect((grant["Principal"] as? [String: Any])?["Service"] as? String == "logging.s3.amazonaws.com")
        let logging = try server.awsCLI(["s3api", "get-bucket-logging", "--bucket", "acme-central-trail"])
        #expect(
            ((logging as? [String: Any])?["LoggingEnabled"] as? [String: Any])?["TargetBucket"] as? String
                == "acme-shared-logs")

        let restored = try TrailGateProcess.run(
            ["fix", "--restore", backups, "--yes", "--endpoint-url", server.endpoint], environment: server.environment)
        #expect(restored.exitCode == 0, "\(restored.stderr)")
        #expect(restored.stderr.contains("restored bucket-policy of bucket acme-shared-logs"))
        #expect(Self.policyText(server, "acme-shared-logs") == targetBefore, "the target's policy text is restored")
        #expect(try FixCommandTests.State(server, created).differences(from: before).isEmpty)
    }

    @Test("a just-created target gets a policy; restore deletes it again")
    func freshTarget() throws {
        let (server, _) = try Self.server()
        defer { server.stop() }
        let backups = FixCommandTests.temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: backups) }
        let applied = try apply(server, target: "acme-fresh-logs", backups: backups)
        #expect(applied.exitCode == 0, "\(applied.stderr)")
        #expect(applied.stdout.hasSuffix("READY\n"))
        let statements = try FixCommandTests.statements(
            try server.awsCLI(["s3api", "get-bucket-policy", "--bucket", "acme-fresh-logs"]))
        #expect(statements.map { $0["Sid"] as? String } == [Self.sid])
        let again = try apply(server, target: "acme-fresh-logs", backups: backups + "-again")
        #expect(again.exitCode == 0, "\(again.stderr)")
        #expect(again.stderr.contains("Nothing to change"))

        let restored = try TrailGateProcess.run(
            ["fix", "--restore", backups, "--yes", "--endpoint-url", server.endpoint], environment: server.environment)
        #expect(restored.exitCode == 0, "\(restored.stderr)")
        #expect(Self.policyText(server, "acme-fresh-logs") == nil, "DeleteBucketPolicy puts back 'no policy'")
    }

    @Test(
        "a target in another Region, the trail bucket itself, or a policy the caller cannot write stops before any change"
    )
    func preconditionsStopApply() throws {
        let (server, created) = try Self.server()
        defer { server.stop() }
        let before = try FixCommandTests.State(server, created)
        let targets = ["acme-eu-logs", "acme-shared-logs", "acme-fresh-logs"]
        let policies = targets.map { Self.policyText(server, $0) }
        let cases: [(target: String, message: String)] = [
            (
                "acme-eu-logs",
                "The access-log bucket acme-eu-logs is in eu-west-1, the trail bucket acme-central-trail in us-east-1"
            ),
            ("acme-central-trail", "The access-log bucket must not be the trail bucket acme-central-trail itself"),
        ]
        for (target, message) in cases {
            let plan = try TrailGateProcess.run(
                ["fix", "--access-log-bucket", target, "--endpoint-url", server.endpoint],
                environment: server.environment)
            #expect(plan.stdout.contains("- bucket.access-logging: \(message)"), "\(plan.stdout)")
            #expect(plan.stdout.contains("--apply stops before any change until this is done."))
            let backups = FixCommandTests.temporaryDirectory()
            let applied = try apply(server, target: target, backups: backups)
            #expect(applied.exitCode == 1, "\(applied.stderr)")
            #expect(applied.stderr.contains("nothing changed: \(message)"), "\(applied.stderr)")
            #expect(!FileManager.default.fileExists(atPath: backups), "no backup: nothing was about to change")
        }

        let proxy = try FaultProxy(mode: "deny-put-bucket-policy:acme-shared-logs", upstream: server.endpoint)
        defer { proxy.stop() }
        let backups = FixCommandTests.temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: backups) }
        let denied = try apply(server, endpoint: proxy.endpoint, target: "acme-shared-logs", backups: backups)
        #expect(denied.exitCode == 1, "\(denied.stderr)")
        #expect(
            denied.stderr.contains(
                "nothing changed: PutBucketPolicy on bucket acme-shared-logs was refused (S3 PutBucketPolicy failed with AccessDenied"
            ), "\(denied.stderr)")
        #expect(denied.stderr.contains("Grant the caller s3:PutBucketPolicy on the access-log bucket acme-shared-logs"))
        #expect(!denied.stderr.contains("applied "), "no call was made before the refused one")

        #expect(try FixCommandTests.State(server, created).differences(from: before).isEmpty)
        #expect(targets.map { Self.policyText(server, $0) } == policies)
    }

    @Test("the target's Object Lock slot equals what the AWS CLI prints, and a default retention stops apply")
    func objectLock() async throws {
        let (server, _) = try Self.server()
        defer { server.stop() }
        let options = LiveOptions(region: "us-east-1", endpointURL: server.endpoint, timeout: .seconds(10))
        let taken = try await LiveSession.with(options, environment: AWSEnvironment(variables: server.environment)) {
            try await $0.collector.collect(extraBuckets: ["acme-locked-logs", "acme-fresh-logs"])
        }
        let locked = try JSONSerialization.jsonObject(
            with: Data((taken["buckets"]?["acme-locked-logs"]?["objectLock"] ?? .null).serialized().utf8))
        let expected = try server.awsCLI(["s3api", "get-object-lock-configuration", "--bucket", "acme-locked-logs"])
        #expect(LiveCommandTests.same(locked, expected), "TrailGate \(locked) vs AWS CLI \(expected)")
        #expect(
            taken["buckets"]?["acme-fresh-logs"]?["objectLock"]?["Error"]?["Code"]
                == "ObjectLockConfigurationNotFoundError")
        #expect(taken["buckets"]?["acme-central-trail"]?["objectLock"] == nil, "only the named buckets")

        let backups = FixCommandTests.temporaryDirectory()
        let applied = try apply(server, target: "acme-locked-logs", backups: backups)
        #expect(applied.exitCode == 1, "\(applied.stderr)")
        #expect(
            applied.stderr.contains(
                "nothing changed: The access-log bucket acme-locked-logs retains new objects by default "
                    + "(Object Lock GOVERNANCE 1 day)"), "\(applied.stderr)")
        #expect(!FileManager.default.fileExists(atPath: backups))
    }
}
