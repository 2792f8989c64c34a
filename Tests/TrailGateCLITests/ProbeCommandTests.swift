import Foundation
import Testing

/// `trailgate probe` against moto_server: the whole run as the role, and each refusal through fault_proxy.py's
/// `deny:` and `fail-query:` modes, which answer with AWS's own error shapes.
@Suite("probe against moto", .serialized)
struct ProbeCommandTests {
    /// A moto server with the `probe` scenario (`empty`: no log objects, nothing seeded), and what it printed.
    static func scenario(_ arguments: [String] = []) throws -> (MotoServer, [String: Any]) {
        let server = try MotoServer()
        do {
            return (server, try server.scenario("probe", arguments))
        } catch {
            server.stop()
            throw error
        }
    }

    static func probe(
        _ server: MotoServer, endpoint: String? = nil, role: String, _ arguments: [String] = []
    ) throws -> TrailGateProcess.Outcome {
        try TrailGateProcess.run(
            [
                "probe", "--role-arn", role, "--output-location", "s3://acme-athena-results/probe/",
                "--endpoint-url", endpoint ?? server.endpoint,
            ] + arguments, environment: server.environment)
    }

    /// The report's steps by id: status, summary, and the requests' operations and error codes.
    static func steps(_ stdout: String) throws -> [String: [String: Any]] {
        let report = try #require(try JSONSerialization.jsonObject(with: Data(stdout.utf8)) as? [String: Any])
        let steps = try #require(report["steps"] as? [[String: Any]])
        return Dictionary(uniqueKeysWithValues: steps.map { ($0["id"] as? String ?? "", $0) })
    }

    static func status(_ steps: [String: [String: Any]], _ id: String) -> String? {
        steps[id]?["status"] as? String
    }

    static func errors(_ step: [String: Any]?) -> [String] {
        (step?["requests"] as? [[String: Any]] ?? []).compactMap { request in
            (request["errorCode"] as? String).map { "\(request["operation"] ?? "") \($0)" }
        }
    }

    /// The SQL of every query moto was sent, in order.
    /// The statements Athena was sent in the role's account (where the probe runs them), oldest first.
    static func statements(_ server: MotoServer, _ scenario: [String: Any]) throws -> [String] {
        let environment = server.environment.merging(scenario["roleAccountEnvironment"] as? [String: String] ?? [:]) {
            $1
        }
        func athena(_ arguments: [String]) throws -> [String: Any]? {
            let output = try MotoServer.run(
                ["aws", "--endpoint-url", server.endpoint, "--output", "json", "athena"] + arguments,
                environment: environment)
            return try JSONSerialization.jsonObject(with: Data(output.utf8)) as? [String: Any]
        }
        let ids = try athena(["list-query-executions"])?["QueryExecutionIds"] as? [String] ?? []
        return try ids.map { id in
            (try athena(["get-query-execution", "--query-execution-id", id])?["QueryExecution"] as? [String: Any])?[
                "Query"] as? String ?? ""
        }
    }

    @Test("the happy path: every step passes as the role, rows come back through Athena, all is cleaned up, exit 0")
    func happyPath() throws {
        let (server, scenario) = try Self.scenario()
        let account = try #require(scenario["roleAccount"] as? String)
        defer { server.stop() }
        let role = try #require(scenario["roleArn"] as? String)
        let outcome = try Self.probe(server, role: role, ["--format", "json"])
        #expect(outcome.exitCode == 0, "\(outcome.stderr)\n\(outcome.stdout)")
        let report = try #require(try JSONSerialization.jsonObject(with: Data(outcome.stdout.utf8)) as? [String: Any])
        #expect(report["schema"] as? String == "trailgate.probe/v1")
        #expect(report["verdict"] as? String == "pass")
        #expect(report["roleArn"] as? String == role)
        #expect(report["trailArn"] as? String == scenario["trailArn"] as? String)
        #expect(report["bucket"] as? String == "acme-org-trail-logs")
        let steps = try Self.steps(outcome.stdout)
        #expect(
            (report["steps"] as? [[String: Any]])?.compactMap { $0["id"] as? String } == [
                "probe.assume-role", "probe.bucket-config", "probe.athena-table", "probe.athena-query",
                "probe.direct-read", "probe.cleanup",
            ])
        for id in ["probe.assume-role", "probe.bucket-config", "probe.athena-table", "probe.athena-query"] {
            #expect(Self.status(steps, id) == "pass", "\(id): \(steps[id] ?? [:])")
        }
        #expect(Self.status(steps, "probe.direct-read") == "allowed")
        #expect(Self.status(steps, "probe.cleanup") == "pass", "\(steps["probe.cleanup"] ?? [:])")
        let query = try #require(steps["probe.athena-query"])
        #expect(query["summary"] as? String == "2 row(s) read through Athena")
        let details = query["details"] as? [String] ?? []
        let objects = scenario["objects"] as? [String] ?? []
        #expect(details.contains("newest log object: \(objects.last ?? "")"), "\(details)")
        #expect(details.contains { $0.hasPrefix("window: ") && $0.contains("(7 days), account \(account)") })
        let operations = (query["requests"] as? [[String: Any]] ?? []).compactMap { $0["operation"] as? String }
        #expect(operations == ["StartQueryExecution", "GetQueryExecution", "GetQueryResults"])
        let sent = try Self.statements(server, scenario)
        #expect(sent.count == 5, "\(sent)")
        #expect(sent.first?.hasPrefix("CREATE DATABASE IF NOT EXISTS trailgate_probe_") == true)
        #expect(sent.contains { $0.hasPrefix("SELECT eventtime, eventsource, eventname FROM trailgate_probe_") })
        #expect(sent.contains { $0.hasPrefix("CREATE EXTERNAL TABLE") && $0.contains("'eu-west-1,us-east-1'") })
        #expect(sent.suffix(2).map { String($0.prefix(13)) } == ["DROP TABLE IF", "DROP DATABASE"])
        let created = report["created"] as? [String] ?? []
        #expect(created.count == 7, "database, table and 5 result objects: \(created)")
        #expect(created.allSatisfy { $0.hasSuffix("(removed)") }, "\(created)")
        let results = try server.awsCLI(["s3api", "list-objects-v2", "--bucket", "acme-athena-results"])
        #expect((results as? [String: Any])?["Contents"] == nil, "query results left: \(results)")
    }

    @Test("text output: one line per step and the verdict last; --keep leaves the scratch objects and says where")
    func textAndKeep() throws {
        let (server, scenario) = try Self.scenario()
        defer { server.stop() }
        let outcome = try Self.probe(server, role: try #require(scenario["roleArn"] as? String), ["--keep"])
        #expect(outcome.exitCode == 0, "\(outcome.stderr)\n\(outcome.stdout)")
        let lines = outcome.stdout.split(separator: "\n").map(String.init)
        #expect(lines.last == "PASS: the role can query the trail's logs through Athena")
        #expect(lines.contains { $0.contains("✔ PASS     probe.athena-query") })
        #expect(lines.contains { $0.contains("probe.cleanup") && $0.contains("kept (--keep)") })
        #expect(lines.contains { $0.hasPrefix("  database: trailgate_probe_") && $0.hasSuffix("(kept: --keep)") })
        let sent = try Self.statements(server, scenario)
        #expect(sent.count == 3 && !sent.contains { $0.hasPrefix("DROP") }, "\(sent)")
    }

    @Test("--bucket, --prefix and --org-id probe a bucket without reading its trail: no trail ARN, the same steps pass")
    func bucketGiven() throws {
        let (server, scenario) = try Self.scenario()
        defer { server.stop() }
        let outcome = try Self.probe(
            server, role: try #require(scenario["roleArn"] as? String),
            [
                "--bucket", "acme-org-trail-logs", "--prefix", "cloudtrail", "--org-id",
                try #require(scenario["organizationId"] as? String), "--format", "json",
            ])
        #expect(outcome.exitCode == 0, "\(outcome.stderr)\n\(outcome.stdout)")
        let report = try #require(try JSONSerialization.jsonObject(with: Data(outcome.stdout.utf8)) as? [String: Any])
        #expect(report["trailArn"] is NSNull)
        #expect(report["prefix"] as? String == "cloudtrail")
        let query = try #require(try Self.steps(outcome.stdout)["probe.athena-query"])
        let objects = scenario["objects"] as? [String] ?? []
        #expect((query["details"] as? [String] ?? []).contains("newest log object: \(objects.last ?? "")"))
    }

    @Test("a role that cannot be assumed: probe.assume-role fails with AWS's words, every other step skipped, exit 1")
    func assumeRoleRefused() throws {
        let (server, scenario) = try Self.scenario()
        defer { server.stop() }
        let proxy = try FaultProxy(mode: "deny:AssumeRole", upstream: server.endpoint)
        defer { proxy.stop() }
        let outcome = try Self.probe(
            server, endpoint: proxy.endpoint, role: try #require(scenario["roleArn"] as? String), ["--format", "json"])
        #expect(outcome.exitCode == 1, "\(outcome.stderr)\n\(outcome.stdout)")
        let steps = try Self.steps(outcome.stdout)
        #expect(Self.status(steps, "probe.assume-role") == "fail")
        #expect(Self.errors(steps["probe.assume-role"]) == ["AssumeRole AccessDenied"])
        for id in [
            "probe.bucket-config", "probe.athena-table", "probe.athena-query", "probe.direct-read", "probe.cleanup",
        ] {
            #expect(Self.status(steps, id) == "skipped", "\(id)")
            #expect(steps[id]?["summary"] as? String == "skipped: the role could not be assumed", "\(id)")
        }
        #expect(try Self.statements(server, scenario).isEmpty)
    }

    @Test(
        "a refused bucket configuration read fails probe.bucket-config; Athena is not tried, the direct read still is")
    func bucketConfigRefused() throws {
        let (server, scenario) = try Self.scenario()
        defer { server.stop() }
        let proxy = try FaultProxy(mode: "deny:GetBucketLogging,GetBucketEncryption", upstream: server.endpoint)
        defer { proxy.stop() }
        let outcome = try Self.probe(
            server, endpoint: proxy.endpoint, role: try #require(scenario["roleArn"] as? String), ["--format", "json"])
        #expect(outcome.exitCode == 1, "\(outcome.stderr)\n\(outcome.stdout)")
        let steps = try Self.steps(outcome.stdout)
        #expect(Self.status(steps, "probe.bucket-config") == "fail")
        #expect(
            Self.errors(steps["probe.bucket-config"]) == [
                "GetBucketLogging AccessDenied", "GetBucketEncryption AccessDenied",
            ])
        #expect(Self.status(steps, "probe.athena-table") == "skipped")
        #expect(Self.status(steps, "probe.athena-query") == "skipped")
        #expect(Self.status(steps, "probe.direct-read") == "allowed")
        #expect(Self.status(steps, "probe.cleanup") == "pass")
    }

    @Test("direct reads refused while the Athena path passes: verdict pass, probe.direct-read refused, exit 0")
    func calledViaOnly() throws {
        let (server, scenario) = try Self.scenario()
        defer { server.stop() }
        let proxy = try FaultProxy(mode: "deny:ListObjectsV2,GetObject", upstream: server.endpoint)
        defer { proxy.stop() }
        let outcome = try Self.probe(
            server, endpoint: proxy.endpoint, role: try #require(scenario["roleArn"] as? String), ["--format", "json"])
        #expect(outcome.exitCode == 0, "\(outcome.stderr)\n\(outcome.stdout)")
        let steps = try Self.steps(outcome.stdout)
        #expect(Self.status(steps, "probe.athena-query") == "pass")
        #expect(Self.status(steps, "probe.direct-read") == "refused")
        #expect(
            Self.errors(steps["probe.direct-read"]) == ["ListObjectsV2 AccessDenied", "GetObject AccessDenied"])
        let report = try #require(try JSONSerialization.jsonObject(with: Data(outcome.stdout.utf8)) as? [String: Any])
        #expect(report["verdict"] as? String == "pass")
        let why = steps["probe.direct-read"]?["explanation"] as? String ?? ""
        #expect(why.contains("refused as intended"), "\(why)")
        #expect(why.contains("\"DONOTDELETE-AMS-ALLOWGETOBJECT\"") && why.contains("only through Athena"), "\(why)")
        #expect(why.contains("\"DONOTDELETE-AMS-ALLOWLISTBUCKET\""), "the listing too: \(why)")
    }

    @Test("a query that ends FAILED: probe.athena-query fails with its StateChangeReason and the cleanup still drops")
    func queryFailed() throws {
        let (server, scenario) = try Self.scenario()
        defer { server.stop() }
        let reason = "Permission denied on S3 path: s3://acme-org-trail-logs/cloudtrail/AWSLogs"
        let proxy = try FaultProxy(mode: "fail-query:\(reason)", upstream: server.endpoint)
        defer { proxy.stop() }
        let outcome = try Self.probe(
            server, endpoint: proxy.endpoint, role: try #require(scenario["roleArn"] as? String), ["--format", "json"])
        #expect(outcome.exitCode == 1, "\(outcome.stderr)\n\(outcome.stdout)")
        let steps = try Self.steps(outcome.stdout)
        #expect(Self.status(steps, "probe.athena-query") == "fail")
        #expect((steps["probe.athena-query"]?["summary"] as? String)?.hasSuffix("ended FAILED: \(reason)") == true)
        #expect(Self.errors(steps["probe.athena-query"]) == ["GetQueryExecution FAILED"])
        #expect(Self.status(steps, "probe.cleanup") == "pass", "\(steps["probe.cleanup"] ?? [:])")
        let sent = try Self.statements(server, scenario)
        #expect(sent.suffix(2).map { String($0.prefix(13)) } == ["DROP TABLE IF", "DROP DATABASE"], "\(sent)")
    }

    @Test("Ctrl-C while the query runs stops it (StopQueryExecution), still drops the scratch table, and reports")
    func interrupted() throws {
        let (server, scenario) = try Self.scenario()
        defer { server.stop() }
        let marker = FileManager.default.temporaryDirectory.appendingPathComponent("probe-held-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: marker) }
        let proxy = try FaultProxy(mode: "hold-query:\(marker.path)", upstream: server.endpoint)
        defer { proxy.stop() }
        let process = Process()
        process.executableURL = try TrailGateProcess.executable
        process.arguments = [
            "probe", "--role-arn", try #require(scenario["roleArn"] as? String), "--output-location",
            "s3://acme-athena-results/probe/", "--endpoint-url", proxy.endpoint, "--timeout", "120", "--format", "json",
        ]
        process.environment = ProcessInfo.processInfo.environment.merging(server.environment) { $1 }
        let out = Pipe()
        process.standardOutput = out
        process.standardError = FileHandle.nullDevice
        try process.run()
        while !FileManager.default.fileExists(atPath: marker.path) && process.isRunning {
            Thread.sleep(forTimeInterval: 0.1)
        }
        kill(process.processIdentifier, SIGINT)
        let stdout = String(decoding: out.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        process.waitUntilExit()
        #expect(process.terminationStatus == 1, "\(stdout)")
        let steps = try Self.steps(stdout)
        let query = try #require(steps["probe.athena-query"])
        #expect(query["summary"] as? String == "interrupted (Ctrl-C)")
        let operations = (query["requests"] as? [[String: Any]] ?? []).compactMap { $0["operation"] as? String }
        #expect(operations.last == "StopQueryExecution", "\(operations)")
        #expect(Self.status(steps, "probe.direct-read") == "skipped")
        #expect(Self.status(steps, "probe.cleanup") == "pass", "\(steps["probe.cleanup"] ?? [:])")
        let sent = try Self.statements(server, scenario)
        #expect(sent.suffix(2).map { String($0.prefix(13)) } == ["DROP TABLE IF", "DROP DATABASE"], "\(sent)")
    }

    @Test("a workgroup that does not exist fails probe.athena-table with Athena's words; nothing is left to drop")
    func missingWorkgroup() throws {
        let (server, scenario) = try Self.scenario()
        defer { server.stop() }
        let outcome = try Self.probe(
            server, role: try #require(scenario["roleArn"] as? String),
            ["--workgroup", "no-such-wg", "--format", "json"])
        #expect(outcome.exitCode == 1, "\(outcome.stderr)\n\(outcome.stdout)")
        let steps = try Self.steps(outcome.stdout)
        #expect(Self.status(steps, "probe.athena-table") == "fail")
        #expect((steps["probe.athena-table"]?["summary"] as? String)?.contains("WorkGroup does not exist") == true)
        #expect(Self.status(steps, "probe.athena-query") == "skipped")
        #expect(Self.status(steps, "probe.cleanup") == "pass")
        #expect(steps["probe.cleanup"]?["summary"] as? String == "nothing was created")
    }

    @Test("no log objects yet: the last --days days are queried, the details say so, no rows fails naming the window")
    func noLogObjects() throws {
        let (server, scenario) = try Self.scenario(["empty"])
        let account = try #require(scenario["roleAccount"] as? String)
        defer { server.stop() }
        let outcome = try Self.probe(
            server, role: try #require(scenario["roleArn"] as? String), ["--days", "3", "--format", "json"])
        #expect(outcome.exitCode == 1, "\(outcome.stderr)\n\(outcome.stdout)")
        let steps = try Self.steps(outcome.stdout)
        let query = try #require(steps["probe.athena-query"])
        #expect(query["status"] as? String == "fail")
        #expect((query["summary"] as? String)?.hasPrefix("no rows: no events of the window were read") == true)
        let details = query["details"] as? [String] ?? []
        let prefix = scenario["logPrefix"] as? String ?? ""
        #expect(details.contains("no log objects of account \(account) under s3://acme-org-trail-logs/\(prefix) yet"))
        #expect(details.contains { $0.hasPrefix("window: ") && $0.contains("(3 days)") }, "\(details)")
        #expect(details.contains { $0.hasPrefix("partitions asked: account = '\(account)'") }, "\(details)")
        #expect(Self.status(steps, "probe.cleanup") == "pass")
    }

    @Test("--verbose never shows the caller's or the role's credentials")
    func noCredentialsInOutput() throws {
        let (server, scenario) = try Self.scenario()
        defer { server.stop() }
        let outcome = try Self.probe(server, role: try #require(scenario["roleArn"] as? String), ["--verbose"])
        #expect(outcome.exitCode == 0, "\(outcome.stderr)")
        #expect(outcome.stderr.contains("StartQueryExecution"), "no request log: \(outcome.stderr.prefix(300))")
        let everything = outcome.stdout + outcome.stderr
        #expect(!everything.contains("Signature="))
        #expect(!everything.contains("X-Amz-Security-Token: F"), "a session token was printed")
        for line in everything.split(separator: "\n") where line.contains("ASIA") {
            #expect(!line.contains("SecretAccessKey") && !line.contains("SessionToken"), "\(line)")
        }
    }

    @Test("bad input is one line and exit 2: a role ARN that is not one, --prefix without --bucket, --days 0")
    func badInput() throws {
        for (arguments, message) in [
            (["--role-arn", "ams-access-probe"], "--role-arn \"ams-access-probe\": expected a role ARN"),
            (
                ["--role-arn", "arn:aws:iam::123456789012:role/r", "--prefix", "p"],
                "--prefix and --org-id go with --bucket"
            ),
            (["--role-arn", "arn:aws:iam::123456789012:role/r", "--days", "0"], "--days must be a positive number"),
        ] {
            let outcome = try TrailGateProcess.run(
                ["probe"] + arguments, environment: ["AWS_REGION": "us-east-1", "AWS_ACCESS_KEY_ID": "x"])
            #expect(outcome.exitCode == 2, "\(arguments)")
            #expect(outcome.stderr.hasPrefix("trailgate: error: \(message)"), "\(outcome.stderr)")
            #expect(outcome.stderr.split(separator: "\n").count == 1)
        }
    }
}
