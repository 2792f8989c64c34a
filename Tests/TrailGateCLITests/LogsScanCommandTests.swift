import Foundation
import Testing

/// `trailgate logs investigate --source` as a user runs it: the same output as ingesting then investigating.
@Suite("logs investigate --source")
struct LogsScanCommandTests {
    static let invictus = LogsCommandTests.invictus

    func temporaryFolder() throws -> URL {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("scan-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        return folder
    }

    @Test("--source prints what ingest then investigate --db prints, in every format")
    func sameOutputAsTheStore() throws {
        let folder = try temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let db = folder.appendingPathComponent("events.db").path
        _ = try TrailGateProcess.run(["logs", "ingest", Self.invictus, "--db", db])
        for (name, extra) in [
            ("cloudtrail-changes", ["--format", "json"]), ("errors-by-source", ["--format", "csv"]),
            ("unusual-regions", ["--wide"]),
            ("principal-activity", ["--principal", "AKIATFQR7NSCUXC3DDDP", "--since", "2023-07-10T12:00:00Z"]),
        ] {
            let stored = try TrailGateProcess.run(["logs", "investigate", name, "--db", db] + extra)
            let scanned = try TrailGateProcess.run(["logs", "investigate", name, "--source", Self.invictus] + extra)
            #expect(stored.exitCode == 0 && scanned.exitCode == 0, "\(name): \(scanned.stderr)")
            #expect(scanned.stdout == stored.stdout, "\(name)")
            #expect(scanned.stdout.count > 100, "\(name): \(scanned.stdout)")
            #expect(scanned.stderr.isEmpty, "\(name): \(scanned.stderr)")
        }
    }

    @Test("a truncated file is reported with its path and reason, the other files answer, and the exit code is 1")
    func skippedInputExitsOne() throws {
        let folder = try temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let names = try FileManager.default.contentsOfDirectory(atPath: Self.invictus + "/CloudTrail").sorted()
        for name in names {
            try FileManager.default.copyItem(
                atPath: Self.invictus + "/CloudTrail/" + name, toPath: folder.appendingPathComponent(name).path)
        }
        let broken = folder.appendingPathComponent("broken.json.gz")
        try Data([0x1F, 0x8B, 0x08, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x03, 0xAB]).write(to: broken)
        let outcome = try TrailGateProcess.run([
            "logs", "investigate", "cloudtrail-changes", "--source", folder.path, "--format", "json",
        ])
        #expect(outcome.exitCode == 1)
        #expect(outcome.stderr == "trailgate: warning: \(broken.path): truncated gzip stream\n")
        let rows = try #require(try JSONSerialization.jsonObject(with: Data(outcome.stdout.utf8)) as? [[String: Any]])
        #expect(rows.count == 15)
    }

    @Test("--db and --source together, or neither, is a usage error; logs query says it needs the store")
    func usage() throws {
        let both = try TrailGateProcess.run([
            "logs", "investigate", "root-activity", "--db", "x.db", "--source", Self.invictus,
        ])
        #expect(both.exitCode == 2 && both.stderr.contains("give --db or --source, not both"))
        let neither = try TrailGateProcess.run(["logs", "investigate", "root-activity"])
        #expect(neither.exitCode == 2 && neither.stderr.contains("--db or --source is required"))
        let missing = try TrailGateProcess.run(["logs", "investigate", "root-activity", "--source", "/nonexistent"])
        #expect(missing.exitCode == 2 && missing.stderr.contains("/nonexistent: no such file or directory"))
        let help = try TrailGateProcess.run(["logs", "query", "--help"])
        #expect(help.stdout.contains("--source") && help.stdout.contains("logs ingest"))
    }
}

/// `logs investigate --source s3://…` against moto: the same rows as ingesting the same objects.
@Suite("logs investigate --source from S3 against moto", .serialized)
struct LogsS3ScanTests {
    @Test("an organization trail's objects in the window answer as ingesting them does; a corrupt object exits 1")
    func scanFromS3() throws {
        let server = try MotoServer()
        defer { server.stop() }
        let script = """
            import boto3, gzip, json, sys
            s3 = boto3.client("s3", endpoint_url=sys.argv[1], region_name="us-east-1")
            s3.create_bucket(Bucket="org-trail")
            def record(i, day, name="CreateAccessKey", source="iam.amazonaws.com", error=None):
                r = {"eventVersion": "1.09", "eventTime": f"2024-03-{day}T10:00:0{i % 3}Z", "eventSource": source,
                     "eventName": name, "awsRegion": "us-east-1", "eventID": f"e-{day}-{i}",
                     "userIdentity": {"type": "IAMUser", "arn": "arn:aws:iam::111122223333:user/alice",
                                      "accessKeyId": "AKIAALICE"},
                     "recipientAccountId": "111122223333", "eventType": "AwsApiCall"}
                if error: r["errorCode"] = error
                return r
            def put(key, records):
                s3.put_object(Bucket="org-trail", Key=key, Body=gzip.compress(json.dumps({"Records": records}).encode()))
            base = "logs/AWSLogs/o-abcdefghij/111122223333/CloudTrail/us-east-1/2024/03/"
            for n in range(12):
                put(base + f"01/f{n:02}.json.gz", [record(n * 10 + i, "01", error="AccessDenied" if i % 4 == 0 else None)
                                                   for i in range(10)])
            put(base + "01/stop.json.gz", [record(500, "01", "StopLogging", "cloudtrail.amazonaws.com")])
            put(base + "05/late.json.gz", [record(600, "05", "StopLogging", "cloudtrail.amazonaws.com")])
            s3.put_object(Bucket="org-trail", Key=base + "01/zz-corrupt.json.gz", Body=b"\\x1f\\x8b\\x08\\x00garbage")
            print("{}")
            """
        _ = try MotoServer.run(["python3", "-c", script, server.endpoint], environment: server.environment)
        let db = FileManager.default.temporaryDirectory.appendingPathComponent("s3-\(UUID().uuidString).db").path
        defer { try? FileManager.default.removeItem(atPath: db) }
        let window = ["--since", "2024-03-01", "--until", "2024-03-01", "--endpoint-url", server.endpoint]
        let ingest = try TrailGateProcess.run(
            ["logs", "ingest", "s3://org-trail/logs", "--db", db] + window, environment: server.environment)
        #expect(ingest.exitCode == 1, "\(ingest.stderr)")
        for (name, extra) in [
            ("cloudtrail-changes", [String]()), ("errors-by-source", []),
            ("principal-activity", ["--principal", "AKIAALICE", "--limit", "7"]),
        ] {
            let stored = try TrailGateProcess.run(
                [
                    "logs", "investigate", name, "--db", db, "--format", "json", "--since", "2024-03-01", "--until",
                    "2024-03-01",
                ]
                    + extra)
            let scanned = try TrailGateProcess.run(
                ["logs", "investigate", name, "--source", "s3://org-trail/logs", "--format", "json"] + window + extra,
                environment: server.environment)
            #expect(scanned.exitCode == 1, "\(name): \(scanned.stderr)")
            #expect(
                scanned.stderr.contains(
                    "s3://org-trail/logs/AWSLogs/o-abcdefghij/111122223333/CloudTrail/us-east-1/2024/03/01/zz-corrupt.json.gz: "
                ), "\(scanned.stderr)")
            #expect(scanned.stdout == stored.stdout, "\(name)")
            #expect(scanned.stdout.count > 50, "\(name): \(scanned.stdout)")
        }
    }
}
