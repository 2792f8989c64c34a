import Foundation
import Testing

/// `trailgate fix` against moto_server: the plan, applying it until `check` passes while every existing statement,
/// rule and selector survives, idempotence, restoring backups exactly, and rollback when a call fails.
@Suite("fix against moto", .serialized)
struct FixCommandTests {
    /// Everything `fix` may change in the needs-fix scenario, as the AWS CLI prints it.
    struct State {
        var bucketPolicy: Any
        var lifecycle: Any
        var ownership: Any
        var logging: Any
        var selectors: Any
        var keyPolicy: Any
        var trail: Any
        var isLogging: Any?

        init(_ server: MotoServer, _ created: [String: Any]) throws {
            let bucket = try #require(created["bucket"] as? String)
            let key = try #require(created["key"] as? String)
            let trailArn = try #require(created["trailArn"] as? String)
            bucketPolicy = try server.awsCLI(["s3api", "get-bucket-policy", "--bucket", bucket])
            lifecycle = try server.awsCLI(["s3api", "get-bucket-lifecycle-configuration", "--bucket", bucket])
            ownership = try server.awsCLI(["s3api", "get-bucket-ownership-controls", "--bucket", bucket])
            logging = try server.awsCLI(["s3api", "get-bucket-logging", "--bucket", bucket])
            selectors = try server.awsCLI(["cloudtrail", "get-event-selectors", "--trail-name", trailArn])
            keyPolicy = try server.awsCLI(["kms", "get-key-policy", "--key-id", key, "--policy-name", "default"])
            trail = try server.awsCLI(["cloudtrail", "describe-trails", "--trail-name-list", trailArn])
            isLogging =
                (try server.awsCLI(["cloudtrail", "get-trail-status", "--name", "org-trail"]) as? [String: Any])?[
                    "IsLogging"]
        }

        /// The settings that differ from `other`, by name.
        func differences(from other: State) -> [String] {
            let pairs: [(String, Any?, Any?)] = [
                ("bucket policy", bucketPolicy, other.bucketPolicy), ("lifecycle", lifecycle, other.lifecycle),
                ("ownership", ownership, other.ownership), ("logging", logging, other.logging),
                ("selectors", selectors, other.selectors),
                ("key policy", keyPolicy, other.keyPolicy), ("trail", trail, other.trail),
                ("IsLogging", isLogging, other.isLogging),
            ]
            return pairs.filter { !LiveCommandTests.same($0.1, $0.2) }.map(\.0)
        }
    }

    func trailgate(_ endpoint: String, _ server: MotoServer, _ arguments: [String]) throws -> TrailGateProcess.Outcome {
        try TrailGateProcess.run(arguments + ["--endpoint-url", endpoint], environment: server.environment)
    }

    static func statements(_ policyAnswer: Any) throws -> [[String: Any]] {
        let text = try #require((policyAnswer as? [String: Any])?["Policy"] as? String)
        let policy = try #require(try JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: Any])
        return try #require(policy["Statement"] as? [[String: Any]])
    }

    static func temporaryDirectory() -> String {
        FileManager.default.temporaryDirectory.appendingPathComponent("trailgate-fix-\(UUID().uuidString)").path
    }

    @Test("the plan names every call and changes nothing; JSON output carries the requests")
    func planOnly() throws {
        let server = try MotoServer()
        defer { server.stop() }
        let created = try server.scenario("needs-fix")
        let before = try State(server, created)
        let outcome = try trailgate(server.endpoint, server, ["fix", "--access-log-bucket", "acme-access-logs"])
        #expect(outcome.exitCode == 1, "\(outcome.stderr)")
        for operation in [
            "PutKeyPolicy", "PutBucketPolicy", "PutBucketLifecycleConfiguration", "PutBucketLogging",
            "PutBucketOwnershipControls", "PutEventSelectors", "UpdateTrail", "StartLogging",
        ] {
            #expect(outcome.stdout.contains("\(operation) on "), "\(operation) missing from the plan")
        }
        #expect(outcome.stdout.contains("Plan: 8 changes, 0 manual steps."))
        #expect(outcome.stdout.contains("+        \"Days\": 550"))
        let json = try trailgate(server.endpoint, server, ["fix", "--format", "json"])
        let document = try #require(try JSONSerialization.jsonObject(with: Data(json.stdout.utf8)) as? [String: Any])
        #expect(document["schema"] as? String == "trailgate.fix-plan/v1")
        #expect(document["changes"] as? Int == 7)
        #expect(document["manualSteps"] as? Int == 1, "without --access-log-bucket, access logging is a manual step")
        #expect(try State(server, created).differences(from: before).isEmpty)
    }

    @Test(
        "apply makes check pass, keeps every statement, rule and selector, runs twice as a no-op, and restores exactly")
    func applyThenRestore() throws {
        let server = try MotoServer()
        defer { server.stop() }
        let created = try server.scenario("needs-fix")
        let before = try State(server, created)
        let backups = Self.temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: backups) }
        let applied = try trailgate(
            server.endpoint, server,
            [
                "fix", "--apply", "--yes", "--access-log-bucket", "acme-access-logs",
                "--backup-dir", backups,
            ])
        #expect(applied.exitCode == 0, "\(applied.stderr)")
        #expect(applied.stdout.hasSuffix("READY\n"))
        #expect(try trailgate(server.endpoint, server, ["check"]).exitCode == 0)

        let after = try State(server, created)
        let kept = try Self.statements(before.bucketPolicy)
        let now = try Self.statements(after.bucketPolicy)
        for statement in kept {
            #expect(
                now.contains { LiveCommandTests.same($0, statement) }, "statement \(statement["Sid"] ?? "?") was lost")
        }
        let keyStatements = try Self.statements(after.keyPolicy)
        for statement in try Self.statements(before.keyPolicy) {
            #expect(
                keyStatements.contains { LiveCommandTests.same($0, statement) },
                "key statement \(statement["Sid"] ?? "?") was lost")
        }
        let rules = try #require((after.lifecycle as? [String: Any])?["Rules"] as? [[String: Any]])
        let oldRules = try #require((before.lifecycle as? [String: Any])?["Rules"] as? [[String: Any]])
        #expect(
            LiveCommandTests.same(
                rules.first { $0["ID"] as? String == "scratch" }, oldRules.first { $0["ID"] as? String == "scratch" }))
        #expect(
            (rules.first { $0["ID"] as? String == "trail-logs" }?["Expiration"] as? [String: Any])?["Days"] as? Int
                == 550)
        let selectors = try #require((after.selectors as? [String: Any])?["AdvancedEventSelectors"] as? [[String: Any]])
        let oldSelectors = try #require(
            (before.selectors as? [String: Any])?["AdvancedEventSelectors"] as? [[String: Any]])
        #expect(selectors.contains { LiveCommandTests.same($0, oldSelectors[1]) }, "the data-event selector was lost")

        let again = try trailgate(
            server.endpoint, server,
            [
                "fix", "--apply", "--yes", "--access-log-bucket", "acme-access-logs",
                "--backup-dir", backups + "-again", "--verbose",
            ])
        #expect(again.exitCode == 0, "\(again.stderr)")
        #expect(again.stderr.contains("Nothing to change"))
        #expect(!FileManager.default.fileExists(atPath: backups + "-again"))
        for write in ["PutKeyPolicy", "PutBucketPolicy", "UpdateTrail", "StartLogging", "PutEventSelectors"] {
            #expect(!again.stderr.contains(" \(write) "), "a second apply sent \(write)")
        }

        let undo = try #require(
            applied.stderr.components(separatedBy: "Undo with: ").dropFirst().first?.split(separator: "\n").first)
        #expect(undo.hasPrefix("trailgate fix --region us-east-1 --endpoint-url \(server.endpoint) --restore "))
        _ = try MotoServer.run(
            ["bash", "-c", #""$TRAILGATE""# + undo.dropFirst("trailgate".count) + " --yes"],
            environment: server.environment.merging(["TRAILGATE": try TrailGateProcess.executable.path]) { $1 })
        #expect(try State(server, created).differences(from: before).isEmpty, "the printed undo command restores")
        let bucketPolicyText = (before.bucketPolicy as? [String: Any])?["Policy"] as? String
        let restoredText =
            (try server.awsCLI(["s3api", "get-bucket-policy", "--bucket", "acme-central-trail"]) as? [String: Any])?[
                "Policy"] as? String
        #expect(bucketPolicyText == restoredText, "the bucket policy text is restored byte for byte")
    }

    @Test("a failed third call stops and rolls the first two back")
    func rollbackOnFailure() throws {
        let server = try MotoServer()
        defer { server.stop() }
        let created = try server.scenario("needs-fix")
        let before = try State(server, created)
        let proxy = try FaultProxy(mode: "fail-third-write", upstream: server.endpoint)
        defer { proxy.stop() }
        let backups = Self.temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: backups) }
        let outcome = try trailgate(
            proxy.endpoint, server,
            [
                "fix", "--apply", "--yes", "--access-log-bucket", "acme-access-logs",
                "--backup-dir", backups,
            ])
        #expect(outcome.exitCode == 3)
        #expect(
            outcome.stderr.contains(
                "PutBucketLifecycleConfiguration on bucket acme-central-trail failed (S3 PutBucketLifecycleConfiguration failed with AccessDenied"
            ))
        #expect(outcome.stderr.contains("every change made so far was rolled back"))
        #expect(outcome.stderr.contains("bucket-policy of bucket acme-central-trail: restored from"))
        #expect(outcome.stderr.contains("key-policy of key \(created["key"] as? String ?? "?"): restored from"))
        #expect(try State(server, created).differences(from: before).isEmpty)
    }

    @Test("--apply needs a live account, --yes without a terminal, and an existing access-log bucket")
    func applyNeedsConfirmation() throws {
        let withSnapshot = try TrailGateProcess.run(["fix", "--snapshot", "examples/needs-work.json", "--apply"])
        #expect(withSnapshot.exitCode == 2)
        #expect(withSnapshot.stderr.contains("--apply reads the account live"))
        let server = try MotoServer()
        defer { server.stop() }
        let created = try server.scenario("needs-fix")
        let before = try State(server, created)
        let outcome = try trailgate(server.endpoint, server, ["fix", "--apply"])
        #expect(outcome.exitCode == 2)
        #expect(outcome.stderr.contains("pass --yes to confirm"))
        let missingTarget = try trailgate(
            server.endpoint, server,
            [
                "fix", "--apply", "--yes", "--access-log-bucket", "no-such-bucket",
                "--backup-dir", Self.temporaryDirectory(),
            ])
        #expect(missingTarget.exitCode == 1)
        #expect(missingTarget.stderr.contains("nothing changed: The access-log bucket no-such-bucket does not exist"))
        #expect(try State(server, created).differences(from: before).isEmpty)
    }
}
