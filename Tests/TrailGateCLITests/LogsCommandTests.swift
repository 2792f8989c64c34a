import Foundation
import Testing

/// `trailgate logs` as a user runs it, on the real datasets in ../shared, checked against counts computed
/// independently by Python's json module over the same files.
@Suite("logs commands")
struct LogsCommandTests {
    static let shared = TrailGateProcess.packageRoot.deletingLastPathComponent().appendingPathComponent(
        "shared/datasets")
    static let invictus = shared.appendingPathComponent("invictus-aws-stratus").path
    static let otrf = shared.appendingPathComponent("otrf-ec2-proxy-s3-exfiltration").path

    func temporaryDatabase() -> String {
        FileManager.default.temporaryDirectory.appendingPathComponent("logs-\(UUID().uuidString).db").path
    }

    /// What Python's json module counts over every record of the invictus files.
    static func pythonFacts() throws -> [String: [String: Int]] {
        let script = """
            import json, glob, collections, sys
            sources, principals, errors = collections.Counter(), collections.Counter(), collections.Counter()
            for path in glob.glob(sys.argv[1] + "/**/*.json", recursive=True):
                for r in json.load(open(path))["Records"]:
                    sources[r["eventSource"]] += 1
                    ui = r.get("userIdentity") or {}
                    principals[ui.get("arn") or (ui.get("sessionContext") or {}).get("sessionIssuer", {}).get("arn") or ui.get("invokedBy") or ui.get("principalId") or ui.get("type")] += 1
                    if r.get("errorCode"): errors[r["errorCode"]] += 1
            print(json.dumps({"sources": sources, "principals": principals, "errors": errors}))
            """
        let output = try MotoServer.run(["python3", "-c", script, invictus])
        return try #require(try JSONSerialization.jsonObject(with: Data(output.utf8)) as? [String: [String: Int]])
    }

    /// Rows of `logs query --format json` as a dictionary of the first column to the second (a count).
    func counts(_ db: String, _ sql: String) throws -> [String: Int] {
        let outcome = try TrailGateProcess.run(["logs", "query", "--db", db, "--format", "json", "--sql", sql])
        #expect(outcome.exitCode == 0, "\(outcome.stderr)")
        let rows = try #require(try JSONSerialization.jsonObject(with: Data(outcome.stdout.utf8)) as? [[String: Any]])
        var result: [String: Int] = [:]
        for row in rows {
            let key = try #require(row["k"] as? String)
            result[key] = try #require(row["n"] as? Int, "a count is a JSON number")
        }
        return result
    }

    @Test("ingesting the Stratus dataset gives the counts per source, principal and error that Python counts")
    func responderFacts() throws {
        let db = temporaryDatabase()
        defer { try? FileManager.default.removeItem(atPath: db) }
        let outcome = try TrailGateProcess.run(["logs", "ingest", Self.invictus, "--db", db])
        #expect(outcome.exitCode == 0, "\(outcome.stderr)")
        #expect(outcome.stdout.contains("files: 55 ingested, 0 already ingested, 0 failed"))
        #expect(
            outcome.stdout.contains(
                "records: 2900 inserted, 0 duplicate, 0 outside the filter, 0 rejected (of 2900 read)"))
        let facts = try Self.pythonFacts()
        #expect(try counts(db, "SELECT eventsource AS k, count(*) AS n FROM events GROUP BY 1") == facts["sources"])
        #expect(try counts(db, "SELECT actor AS k, count(*) AS n FROM events GROUP BY 1") == facts["principals"])
        #expect(
            try counts(db, "SELECT errorcode AS k, count(*) AS n FROM events WHERE errorcode IS NOT NULL GROUP BY 1")
                == facts["errors"])
        let again = try TrailGateProcess.run(["logs", "ingest", Self.invictus, "--db", db, "--format", "json"])
        #expect(again.exitCode == 0)
        let summary = try #require(try JSONSerialization.jsonObject(with: Data(again.stdout.utf8)) as? [String: Any])
        #expect((summary["files"] as? [String: Int])?["alreadyIngested"] == 55)
        #expect((summary["records"] as? [String: Int])?["inserted"] == 0)
    }

    @Test("the pipeline export (NDJSON, @timestamp) maps record by record; a broken line is reported and exits 1")
    func otrfVariant() throws {
        let db = temporaryDatabase()
        defer { try? FileManager.default.removeItem(atPath: db) }
        let outcome = try TrailGateProcess.run(["logs", "ingest", Self.otrf, "--db", db])
        #expect(outcome.exitCode == 0, "\(outcome.stderr)")
        #expect(outcome.stdout.contains("records: 103 inserted"))
        let broken = FileManager.default.temporaryDirectory.appendingPathComponent("broken-\(UUID().uuidString).ndjson")
            .path
        defer { try? FileManager.default.removeItem(atPath: broken) }
        let name = try #require(
            try FileManager.default.contentsOfDirectory(atPath: Self.otrf).first { $0.hasSuffix(".json") })
        let text = try String(contentsOfFile: Self.otrf + "/" + name, encoding: .utf8)
        let line = try #require(text.split(separator: "\n").first)
        try Data((line.replacingOccurrences(of: "fd4f1042", with: "00000000") + "\n{\"eventID\":\n").utf8).write(
            to: URL(fileURLWithPath: broken))
        let partial = try TrailGateProcess.run(["logs", "ingest", broken, "--db", db])
        #expect(partial.exitCode == 1)
        #expect(
            partial.stderr.contains(
                "trailgate: warning: \(broken): record 2: malformed JSON at column 12: unexpected end of input"))
        #expect(partial.stdout.contains("records: 1 inserted"))
    }

    @Test("investigate: the catalogue lists at least ten; results come in table, json and csv; bad input exits 2")
    func investigate() throws {
        let list = try TrailGateProcess.run(["logs", "investigate", "--list", "--format", "json"])
        let entries = try #require(try JSONSerialization.jsonObject(with: Data(list.stdout.utf8)) as? [[String: Any]])
        #expect(entries.count >= 10)
        let db = temporaryDatabase()
        defer { try? FileManager.default.removeItem(atPath: db) }
        _ = try TrailGateProcess.run(["logs", "ingest", Self.invictus, "--db", db])
        let denied = try TrailGateProcess.run([
            "logs", "investigate", "access-denied-by-principal", "--db", db, "--format", "csv",
        ])
        #expect(denied.exitCode == 0)
        #expect(denied.stdout.hasPrefix("actor,denied,apis,first_seen,last_seen\r\n"))
        #expect(denied.stdout.contains("arn:aws:iam::123837392027:user/bert-jan,15,3,"))
        let table = try TrailGateProcess.run([
            "logs", "investigate", "principal-activity", "--db", db, "--principal",
            "arn:aws:iam::123837392027:user/benjamin", "--since", "2023-07-10T11:42:00Z",
            "--until", "2023-07-10T11:43:00Z",
        ])
        #expect(table.exitCode == 0 && table.stdout.contains("benjamin"))
        for (arguments, message) in [
            (["logs", "investigate", "nope", "--db", db], "no investigation \"nope\""),
            (["logs", "investigate", "principal-activity", "--db", db], "principal-activity needs --principal"),
            (
                ["logs", "investigate", "root-activity", "--db", db, "--since", "yesterday"],
                "--since \"yesterday\": not a time; use 2024-03-01T10:00:00Z (or an offset, +02:00), 2024-03-01, "
                    + "\"2024-03-01 10:00[:00]\" (UTC), or an age before now: 30m, 24h, 7d, 2w"
            ),
            (
                ["logs", "investigate", "root-activity", "--db", db, "--since", "2023-07-11", "--until", "2023-07-10"],
                "--since 2023-07-11T00:00:00Z is after --until 2023-07-10T23:59:59Z"
            ),
            (["logs", "investigate", "root-activity", "--db", "/nonexistent/x.db"], "no such database"),
            (["logs", "query", "--db", db, "--sql", "DELETE FROM events"], "--sql: "),
        ] {
            let outcome = try TrailGateProcess.run(arguments)
            #expect(outcome.exitCode == 2, "\(arguments)")
            #expect(
                outcome.stderr.hasPrefix("trailgate: error: ") && outcome.stderr.contains(message), "\(outcome.stderr)")
        }
    }

    @Test("the time options take an offset, a date and time without seconds, or an age, and agree on one instant")
    func timeForms() throws {
        let db = temporaryDatabase()
        defer { try? FileManager.default.removeItem(atPath: db) }
        _ = try TrailGateProcess.run(["logs", "ingest", Self.invictus, "--db", db])
        let principal = ["--principal", "arn:aws:iam::123837392027:user/benjamin", "--format", "csv"]
        func activity(_ window: [String]) throws -> String {
            let outcome = try TrailGateProcess.run(
                ["logs", "investigate", "principal-activity", "--db", db] + principal + window)
            #expect(outcome.exitCode == 0, "\(window): \(outcome.stderr)")
            return outcome.stdout
        }
        let utc = try activity(["--since", "2023-07-10T11:42:00Z", "--until", "2023-07-10T11:43:00Z"])
        #expect(utc.contains("benjamin"))
        #expect(try activity(["--since", "2023-07-10T13:42:00+02:00", "--until", "2023-07-10T13:43:00+02:00"]) == utc)
        #expect(try activity(["--since", "2023-07-10 11:42", "--until", "2023-07-10 11:43"]) == utc)
        #expect(try activity(["--since", "1w"]).split(separator: "\r\n").count == 1, "nothing in the last week")
    }

    @Test("logs query --format json prints integers and reals as numbers, NULL as null, text as strings")
    func jsonTypes() throws {
        let db = temporaryDatabase()
        defer { try? FileManager.default.removeItem(atPath: db) }
        _ = try TrailGateProcess.run(["logs", "ingest", Self.otrf, "--db", db])
        let sql = "SELECT count(*) AS n, 0.5 AS r, NULL AS z, 'x' AS t, '12' AS s FROM events"
        let json = try TrailGateProcess.run(["logs", "query", "--db", db, "--format", "json", "--sql", sql])
        #expect(json.exitCode == 0, "\(json.stderr)")
        #expect(json.stdout == "[\n  {\"n\": 103, \"r\": 0.5, \"z\": null, \"t\": \"x\", \"s\": \"12\"}\n]\n")
        let csv = try TrailGateProcess.run(["logs", "query", "--db", db, "--format", "csv", "--sql", sql])
        #expect(csv.stdout == "n,r,z,t,s\r\n103,0.5,,x,12\r\n")
        let table = try TrailGateProcess.run(["logs", "query", "--db", db, "--sql", sql])
        #expect(table.stdout.contains("\n103  0.5  NULL  x  12\n"))
    }

    @Test("through a pipe, unusual-regions shows every value whole, so rows that differ at the end read apart")
    func noCutsInAPipe() throws {
        let db = temporaryDatabase()
        defer { try? FileManager.default.removeItem(atPath: db) }
        _ = try TrailGateProcess.run(["logs", "ingest", Self.invictus, "--db", db])
        let table = try TrailGateProcess.run(["logs", "investigate", "unusual-regions", "--db", db, "--limit", "0"])
        #expect(table.exitCode == 0, "\(table.stderr)")
        let csv = try TrailGateProcess.run([
            "logs", "investigate", "unusual-regions", "--db", db, "--limit", "0", "--format", "csv",
        ])
        let values = Set(csv.stdout.split(separator: "\r\n").dropFirst().flatMap { $0.split(separator: ",") })
        let longest = try #require(values.max { $0.count < $1.count })
        #expect(longest.count > 80, "the data set has a value a terminal would cut (ResultFormatter.terminalCellLimit)")
        #expect(table.stdout.contains(longest))
        #expect(!table.stdout.contains("…"))
        let wide = try TrailGateProcess.run([
            "logs", "investigate", "unusual-regions", "--db", db, "--limit", "0", "--wide",
        ])
        #expect(wide.stdout == table.stdout)
    }

    @Test("local and Athena renderings of every investigation select the same columns")
    func sameColumns() throws {
        let list = try TrailGateProcess.run(["logs", "investigate", "--list", "--format", "json"])
        let names = try #require(try JSONSerialization.jsonObject(with: Data(list.stdout.utf8)) as? [[String: Any]])
            .compactMap { $0["name"] as? String }
        let db = temporaryDatabase()
        defer { try? FileManager.default.removeItem(atPath: db) }
        _ = try TrailGateProcess.run(["logs", "ingest", Self.invictus, "--db", db])
        let script = """
            import sqlglot, sys
            print(",".join(sqlglot.parse_one(sys.stdin.read(), read="trino").named_selects))
            """
        for name in names {
            let common = ["--since", "2023-07-10", "--principal", "arn:aws:iam::123837392027:user/bert-jan"]
            let local = try TrailGateProcess.run(["logs", "investigate", name, "--db", db, "--format", "csv"] + common)
            #expect(local.exitCode == 0, "\(name): \(local.stderr)")
            let header = local.stdout.components(separatedBy: "\r\n").first ?? ""
            let athena = try TrailGateProcess.run(["athena", "run", "--investigation", name, "--show-sql"] + common)
            #expect(athena.exitCode == 0, "\(name): \(athena.stderr)")
            let selected = try TrailGateProcess.pipe(["python3", "-c", script], stdin: athena.stdout)
            #expect(selected.trimmingCharacters(in: .whitespacesAndNewlines) == header, "\(name)")
        }
    }
}

extension TrailGateProcess {
    /// Runs a helper command with `stdin` and returns its standard output.
    static func pipe(_ arguments: [String], stdin: String) throws -> String {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = arguments
        let input = Pipe(), output = Pipe()
        process.standardInput = input
        process.standardOutput = output
        try process.run()
        input.fileHandleForWriting.write(Data(stdin.utf8))
        try input.fileHandleForWriting.close()
        let data = output.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return String(decoding: data, as: UTF8.self)
    }
}

/// `logs ingest s3://…` against moto: only the date prefixes of the window are read.
@Suite("logs ingest from S3 against moto", .serialized)
struct LogsS3IngestTests {
    @Test("an organization trail's objects in the window are ingested; other days, digests and other accounts are not")
    func ingestFromS3() throws {
        let server = try MotoServer()
        defer { server.stop() }
        let script = """
            import boto3, gzip, json, sys
            s3 = boto3.client("s3", endpoint_url=sys.argv[1], region_name="us-east-1")
            s3.create_bucket(Bucket="org-trail")
            def record(i, day):
                return {"eventVersion": "1.09", "eventTime": f"2024-03-{day}T10:00:00Z", "eventSource": "iam.amazonaws.com",
                        "eventName": "CreateAccessKey", "awsRegion": "us-east-1", "eventID": f"e-{day}-{i}",
                        "userIdentity": {"type": "IAMUser", "arn": "arn:aws:iam::111122223333:user/alice"},
                        "recipientAccountId": "111122223333"}
            def put(key, records, compress=True):
                body = json.dumps({"Records": records}).encode()
                s3.put_object(Bucket="org-trail", Key=key, Body=gzip.compress(body) if compress else body)
            base = "logs/AWSLogs/o-abcdefghij/111122223333/CloudTrail/us-east-1/2024/03/"
            put(base + "01/a.json.gz", [record(i, "01") for i in range(3)])
            put(base + "02/b.json.gz", [record(i, "01") for i in range(3, 5)] + [record(0, "02")])
            put(base + "05/c.json.gz", [record(i, "05") for i in range(4)])
            put("logs/AWSLogs/o-abcdefghij/111122223333/CloudTrail-Digest/us-east-1/2024/03/01/d.json.gz", [])
            put("logs/AWSLogs/o-abcdefghij/444455556666/CloudTrail/eu-west-1/2024/03/01/e.json.gz", [record(9, "01")])
            print("{}")
            """
        _ = try MotoServer.run(["python3", "-c", script, server.endpoint], environment: server.environment)
        let db = FileManager.default.temporaryDirectory.appendingPathComponent("s3-\(UUID().uuidString).db").path
        defer { try? FileManager.default.removeItem(atPath: db) }
        let outcome = try TrailGateProcess.run(
            [
                "logs", "ingest", "s3://org-trail/logs", "--db", db, "--since", "2024-03-01",
                "--until", "2024-03-01", "--log-account", "111122223333", "--endpoint-url", server.endpoint,
                "--format", "json",
            ], environment: server.environment)
        #expect(outcome.exitCode == 0, "\(outcome.stderr)")
        let summary = try #require(try JSONSerialization.jsonObject(with: Data(outcome.stdout.utf8)) as? [String: Any])
        #expect((summary["files"] as? [String: Int])?["ingested"] == 2)
        #expect(
            (summary["records"] as? [String: Int]) == [
                "read": 6, "inserted": 5, "duplicate": 0, "filteredOut": 1, "rejected": 0,
            ])
        let keys = try TrailGateProcess.run([
            "logs", "query", "--db", db, "--format", "csv", "--sql",
            "SELECT DISTINCT sourcekey, account, region, date FROM events ORDER BY 1",
        ])
        #expect(
            keys.stdout == "sourcekey,account,region,date\r\n"
                + "s3://org-trail/logs/AWSLogs/o-abcdefghij/111122223333/CloudTrail/us-east-1/2024/03/01/a.json.gz,111122223333,us-east-1,2024/03/01\r\n"
                + "s3://org-trail/logs/AWSLogs/o-abcdefghij/111122223333/CloudTrail/us-east-1/2024/03/02/b.json.gz,111122223333,us-east-1,2024/03/02\r\n"
        )
        let missing = try TrailGateProcess.run(
            ["logs", "ingest", "s3://org-trail/logs", "--db", db, "--endpoint-url", server.endpoint],
            environment: server.environment)
        #expect(missing.exitCode == 2 && missing.stderr.contains("--since is required for S3 sources"))
    }
}
