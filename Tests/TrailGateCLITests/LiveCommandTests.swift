import Foundation
import Testing

/// `trailgate snapshot` and live `check` against moto_server on 127.0.0.1: findings, the AWS CLI as the oracle
/// for every slot's shape, and the read-only permissions the code needs.
@Suite("Live AWS against moto", .serialized)
struct LiveCommandTests {
    /// Runs `trailgate` against the server with its test environment.
    func trailgate(_ server: MotoServer, _ arguments: [String]) throws -> TrailGateProcess.Outcome {
        try TrailGateProcess.run(arguments + ["--endpoint-url", server.endpoint], environment: server.environment)
    }

    func snapshot(_ server: MotoServer, _ extra: [String] = []) throws -> [String: Any] {
        let outcome = try trailgate(server, ["snapshot"] + extra)
        #expect(outcome.exitCode == 0, "\(outcome.stderr)")
        return try #require(try JSONSerialization.jsonObject(with: Data(outcome.stdout.utf8)) as? [String: Any])
    }

    /// Compares two parsed JSON values for equality, whatever the key order; members named in `clock` only need to
    /// be present on both sides (moto fills them with the time of each call).
    static func same(_ a: Any?, _ b: Any?, clock: Set<String> = []) -> Bool {
        switch (a, b) {
        case (nil, nil): return true
        case let (x as [String: Any], y as [String: Any]):
            return x.count == y.count
                && x.allSatisfy { clock.contains($0.key) ? y[$0.key] != nil : same($0.value, y[$0.key], clock: clock) }
        case let (x as [Any], y as [Any]):
            return x.count == y.count && zip(x, y).allSatisfy { same($0, $1, clock: clock) }
        case let (x as NSNumber, y as NSNumber): return x == y
        case let (x as String, y as String): return x == y
        case (is NSNull, is NSNull): return true
        default: return false
        }
    }

    @Test("every slot equals what the AWS CLI prints for the same call")
    func shapesMatchTheAWSCLI() throws {
        let server = try MotoServer()
        defer { server.stop() }
        let created = try server.scenario("ready")
        let bucket = try #require(created["bucket"] as? String)
        let trailArn = try #require(created["trailArn"] as? String)
        let key = try #require(created["key"] as? String)
        let taken = try snapshot(server)
        let slots = try #require((taken["buckets"] as? [String: Any])?[bucket] as? [String: Any])
        let oracle: [(String, [String])] = [
            ("location", ["s3api", "get-bucket-location", "--bucket", bucket]),
            ("encryption", ["s3api", "get-bucket-encryption", "--bucket", bucket]),
            ("logging", ["s3api", "get-bucket-logging", "--bucket", bucket]),
            ("lifecycle", ["s3api", "get-bucket-lifecycle-configuration", "--bucket", bucket]),
            ("ownershipControls", ["s3api", "get-bucket-ownership-controls", "--bucket", bucket]),
            ("policy", ["s3api", "get-bucket-policy", "--bucket", bucket]),
            ("publicAccessBlock", ["s3api", "get-public-access-block", "--bucket", bucket]),
        ]
        for (slot, command) in oracle {
            let expected = try server.awsCLI(command)
            #expect(
                Self.same(slots[slot], expected),
                "\(slot): TrailGate \(String(describing: slots[slot])) vs AWS CLI \(expected)")
        }
        let trails = try #require(taken["trails"] as? [[String: Any]])
        let entry = try #require(trails.first)
        let listed = try #require(
            (try server.awsCLI(["cloudtrail", "describe-trails"]) as? [String: Any])?["trailList"] as? [Any])
        #expect(Self.same(entry["trail"], listed.first))
        #expect(
            Self.same(
                entry["status"], try server.awsCLI(["cloudtrail", "get-trail-status", "--name", trailArn]),
                clock: [
                    "LatestDeliveryAttemptTime", "LatestDeliveryAttemptSucceeded", "LatestDeliveryTime",
                    "TimeLoggingStarted", "StartLoggingTime",
                ]))
        #expect(
            Self.same(
                entry["eventSelectors"],
                try server.awsCLI(["cloudtrail", "get-event-selectors", "--trail-name", trailArn])))
        #expect(Self.same(taken["callerIdentity"], try server.awsCLI(["sts", "get-caller-identity"])))
        #expect(Self.same(taken["organization"], try server.awsCLI(["organizations", "describe-organization"])))
        let keys = try #require(taken["keys"] as? [String: Any])
        let keyData = try #require(keys[key] as? [String: Any])
        #expect(Self.same(keyData["metadata"], try server.awsCLI(["kms", "describe-key", "--key-id", key])))
        let policy = try server.awsCLI(["kms", "get-key-policy", "--key-id", key, "--policy-name", "default"])
        #expect(Self.same((keyData["policy"] as? [String: Any])?["Policy"], (policy as? [String: Any])?["Policy"]))
        #expect(
            (slots["ownerAccountId"] as? String) == "123456789012",
            "the caller owns the bucket, so its owner is recorded")
    }

    @Test("live check of a trail that needs work names its failures")
    func liveCheck() throws {
        let server = try MotoServer()
        defer { server.stop() }
        _ = try server.scenario("needs-work")
        let outcome = try trailgate(server, ["check", "--format", "json"])
        #expect(outcome.exitCode == 1, "\(outcome.stderr)")
        let report = try #require(try JSONSerialization.jsonObject(with: Data(outcome.stdout.utf8)) as? [String: Any])
        let checks = try #require(((report["trails"] as? [[String: Any]])?.first)?["checks"] as? [[String: Any]])
        func status(_ id: String) -> String? { checks.first { $0["id"] as? String == id }?["status"] as? String }
        #expect(status("trail.kms-events") == "fail")
        #expect(status("trail.log-file-validation") == "fail")
        #expect(status("bucket.lifecycle-retention") == "fail")
        #expect(status("bucket.object-ownership") == "fail")
        #expect(status("bucket.access-logging") == "fail")
        #expect(status("trail.management-events") == "pass")
        #expect(status("bucket.encryption") == "pass")
    }

    @Test("--save-snapshot keeps what live check read, and check on it gives the same report")
    func saveSnapshot() throws {
        let server = try MotoServer()
        defer { server.stop() }
        _ = try server.scenario("ready")
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("live-\(UUID().uuidString).json").path
        defer { try? FileManager.default.removeItem(atPath: path) }
        let live = try trailgate(server, ["check", "--format", "json", "--save-snapshot", path])
        let offline = try TrailGateProcess.run(["check", "--format", "json", "--snapshot", path])
        #expect(live.exitCode == offline.exitCode)
        #expect(live.stdout == offline.stdout)
    }

    @Test("--verbose shows each request but never a secret")
    func verboseRedacts() throws {
        let server = try MotoServer()
        defer { server.stop() }
        _ = try server.scenario("needs-work")
        var environment = server.environment
        environment["AWS_SECRET_ACCESS_KEY"] = "SECRETsecretSECRET0123456789"
        environment["AWS_SESSION_TOKEN"] = "TOKENtokenTOKEN0123456789"
        let outcome = try TrailGateProcess.run(
            ["snapshot", "--verbose", "--endpoint-url", server.endpoint], environment: environment)
        #expect(outcome.exitCode == 0, "\(outcome.stderr)")
        #expect(outcome.stderr.contains("CloudTrail DescribeTrails POST 127.0.0.1 / → 200"))
        #expect(outcome.stderr.contains("Authorization: <redacted>"))
        for secret in ["SECRETsecretSECRET0123456789", "TOKENtokenTOKEN0123456789", "Signature="] {
            #expect(!outcome.stderr.contains(secret))
            #expect(!outcome.stdout.contains(secret))
        }
    }

    @Test("a profile with role_arn and source_profile assumes the role through STS before reading")
    func assumeRoleProfile() throws {
        let server = try MotoServer()
        defer { server.stop() }
        _ = try server.scenario("needs-work")
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("aws-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        let config = directory.appendingPathComponent("config")
        try """
        [profile base]
        region = us-east-1

        [profile auditor]
        role_arn = arn:aws:iam::123456789012:role/trailgate-audit
        source_profile = base
        external_id = trailgate-external
        """.write(to: config, atomically: true, encoding: .utf8)
        let credentials = directory.appendingPathComponent("credentials")
        try "[base]\naws_access_key_id = AKIABASE\naws_secret_access_key = base-secret-never-printed\n"
            .write(to: credentials, atomically: true, encoding: .utf8)
        var environment = server.environment
        environment["AWS_ACCESS_KEY_ID"] = ""
        environment["AWS_SECRET_ACCESS_KEY"] = ""
        environment["AWS_CONFIG_FILE"] = config.path
        environment["AWS_SHARED_CREDENTIALS_FILE"] = credentials.path
        let outcome = try TrailGateProcess.run(
            ["snapshot", "--profile", "auditor", "--verbose", "--endpoint-url", server.endpoint],
            environment: environment)
        #expect(outcome.exitCode == 0, "\(outcome.stderr)")
        #expect(outcome.stderr.hasPrefix("STS AssumeRole POST 127.0.0.1 / → 200 (attempt 1)"))
        #expect(outcome.stdout.contains("\"Account\": \"123456789012\""))
        #expect(!outcome.stderr.contains("base-secret-never-printed"))
        let missing = try TrailGateProcess.run(
            ["snapshot", "--profile", "nobody", "--endpoint-url", server.endpoint], environment: environment)
        #expect(missing.exitCode == 2)
        #expect(missing.stderr.hasPrefix("trailgate: error: "))
        #expect(missing.stderr.contains("nobody"))
        #expect(missing.stderr.split(separator: "\n").count == 1)
    }

    @Test("docs/permissions.md lists exactly the actions of the calls the code makes")
    func permissions() throws {
        let server = try MotoServer()
        defer { server.stop() }
        _ = try server.scenario("ready")
        let outcome = try TrailGateProcess.run(
            ["snapshot", "--verbose", "--endpoint-url", server.endpoint], environment: server.environment)
        let used = CalledActions.actions(in: outcome.stderr).used
        let statement = try #require(try CalledActions.documentedStatements().first)
        let documented = Set(try #require(statement["Action"] as? [String]))
        #expect(used == documented, "called: \(used.sorted()), documented: \(documented.sorted())")
    }
}
