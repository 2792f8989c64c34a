import Foundation
import TestSupport
import Testing

#if canImport(Glibc)
    import Glibc
#endif

/// Hostile or broken inputs, as a user meets them: bounded memory, no crash, one clear line or finding.
@Suite("hardening", .serialized)
struct HardeningCommandTests {
    /// What a bomb's run may take at most; an unbounded inflate of the 1 GiB bombs takes well over 1 GiB.
    static let memoryBoundMiB = 600

    func temporaryFolder() throws -> URL {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("hardening-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        return url
    }

    /// The keys under `fixture`'s bucket whose path contains `part`, sorted.
    func keys(_ fixture: ValidateLogsFixture, containing part: String) throws -> [String] {
        let bucket = fixture.root.appendingPathComponent("s3/\(fixture.bucket)")
        let all = try FileManager.default.subpathsOfDirectory(atPath: bucket.path)
        return all.filter { $0.contains(part) && $0.hasSuffix(".json.gz") }.sorted()
    }

    func findings(_ outcome: TrailGateProcess.Outcome) throws -> [[String: String]] {
        let json = try #require(try JSONSerialization.jsonObject(with: Data(outcome.stdout.utf8)) as? [String: Any])
        let chains = try #require(json["chains"] as? [[String: Any]])
        return chains.flatMap { $0["findings"] as? [[String: String]] ?? [] }
    }

    @Test("a digest that inflates to 1 GiB is digest-invalid-format, in bounded memory, and the run goes on")
    func digestBomb() throws {
        let fixture = try ValidateLogsFixture([
            "--hours", "4", "--records-per-file", "2", "--accounts", "1", "--regions", "us-east-1", "--seed", "21",
        ])
        defer { fixture.remove() }
        let digests = try keys(fixture, containing: "CloudTrail-Digest/")
        let bombed = digests[digests.count / 2]
        try Gzip.zeros(1 << 30).write(to: fixture.root.appendingPathComponent("s3/\(fixture.bucket)/\(bombed)"))
        let expected = fixture.expected[0]
        let (run, peak) = try TrailGateProcess.runMeasuringMemory([
            "validate-logs", "--local", fixture.root.path, "--trail-arn", expected["trailArn"] as! String,
            "--start-time", expected["startTime"] as! String, "--end-time", expected["endTime"] as! String,
            "--format", "json",
        ])
        #expect(run.exitCode == 1, "\(run.stderr)")
        #expect(peak < Self.memoryBoundMiB, "peak RSS \(peak) MiB")
        let found = try findings(run)
        let bomb = try #require(found.first { $0["s3Uri"] == "s3://\(fixture.bucket)/\(bombed)" })
        #expect(bomb["kind"] == "digest-invalid-format")
        #expect(bomb["detail"]?.contains("inflates to more than 64 MiB") == true)
        let json = try #require(try JSONSerialization.jsonObject(with: Data(run.stdout.utf8)) as? [String: Any])
        let chain = try #require((json["chains"] as? [[String: Any]])?.first)
        #expect((chain["digests"] as? [String: Int])?["valid"] == digests.count - 1, "the walk went on below it")
    }

    @Test("a gzip file that inflates to 1 GiB is skipped with one warning, in bounded memory; the others go in")
    func ingestBomb() throws {
        let folder = try temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let good = folder.appendingPathComponent("good.json").path
        let sample = try #require(
            FileManager.default.subpathsOfDirectory(atPath: LogsCommandTests.invictus).first { $0.hasSuffix(".json") })
        try FileManager.default.copyItem(atPath: LogsCommandTests.invictus + "/" + sample, toPath: good)
        let bomb = folder.appendingPathComponent("bomb.json.gz").path
        try Gzip.zeros(1 << 30).write(to: URL(fileURLWithPath: bomb))
        let db = folder.appendingPathComponent("events.db").path
        let (run, peak) = try TrailGateProcess.runMeasuringMemory(["logs", "ingest", good, bomb, "--db", db])
        #expect(run.exitCode == 1, "\(run.stderr)")
        #expect(peak < Self.memoryBoundMiB, "peak RSS \(peak) MiB")
        #expect(
            run.stderr
                == "trailgate: warning: \(bomb): skipped: it inflates to more than 256 MiB, more than a CloudTrail "
                + "log file holds (to read it anyway, decompress it and give the .json)\n")
        #expect(run.stdout.contains("files: 1 ingested, 0 already ingested, 1 failed"))
    }

    /// How to run trailgate so that a mode-000 folder really cannot be read: as root, without the two capabilities
    /// that bypass file permissions (CI runs as root); else as the user.
    func unprivileged() throws -> [String] {
        guard geteuid() == 0 else { return [] }
        let setpriv = "/usr/bin/setpriv"
        try #require(
            FileManager.default.isExecutableFile(atPath: setpriv),
            "running as root: setpriv (util-linux) is needed to drop CAP_DAC_OVERRIDE and CAP_DAC_READ_SEARCH")
        return [setpriv, "--bounding-set=-dac_override,-dac_read_search"]
    }

    @Test("an unreadable digest folder is access-denied for its chain and fails the run, with --compat too")
    func unreadableDigestFolder() throws {
        let fixture = try ValidateLogsFixture([
            "--hours", "3", "--records-per-file", "2", "--accounts", "1", "--regions", "us-east-1,eu-west-1",
            "--seed", "22",
        ])
        defer { fixture.remove() }
        let expected = fixture.expected[0]
        let account = expected["account"] as! String
        let folder = fixture.root.appendingPathComponent(
            "s3/\(fixture.bucket)/AWSLogs/\(account)/CloudTrail-Digest/eu-west-1")
        try FileManager.default.setAttributes([.posixPermissions: 0], ofItemAtPath: folder.path)
        defer { try? FileManager.default.setAttributes([.posixPermissions: 0o755], ofItemAtPath: folder.path) }
        let launcher = try unprivileged()
        // The folder really is unreadable to the command as it runs.
        let probe = Process()
        probe.executableURL = URL(fileURLWithPath: launcher.first ?? "/bin/ls")
        probe.arguments = launcher.isEmpty ? [folder.path] : Array(launcher.dropFirst()) + ["/bin/ls", folder.path]
        probe.standardOutput = FileHandle.nullDevice
        probe.standardError = FileHandle.nullDevice
        try probe.run()
        probe.waitUntilExit()
        try #require(probe.terminationStatus != 0, "the mode-000 folder is still readable")
        let end = fixture.expected.map { $0["endTime"] as! String }.min()!
        for compat in [false, true] {
            let run = try TrailGateProcess.run(
                [
                    "validate-logs", "--local", fixture.root.path, "--trail-arn", expected["trailArn"] as! String,
                    "--start-time", expected["startTime"] as! String, "--end-time", end, "--format", "json",
                ] + (compat ? ["--compat"] : []), launcher: launcher)
            #expect(run.exitCode == 1, "compat \(compat): \(run.stderr)")
            let found = try findings(run)
            #expect(found.map { $0["kind"] } == ["access-denied"], "compat \(compat): \(found)")
            #expect(found.first?["s3Uri"] == "s3://\(fixture.bucket)/AWSLogs/\(account)/CloudTrail-Digest/eu-west-1/")
            #expect(found.first?["detail"]?.contains("Permission denied") == true)
        }
        let text = try TrailGateProcess.run(
            [
                "validate-logs", "--local", fixture.root.path, "--trail-arn", expected["trailArn"] as! String,
                "--start-time", expected["startTime"] as! String, "--end-time", end, "--compat",
            ], launcher: launcher)
        #expect(text.exitCode == 1)
        #expect((text.stdout + text.stderr).contains("access denied listing s3://\(fixture.bucket)/"))
    }

    @Test("a symlink loop and a malformed sidecar are findings for their objects, not an abort")
    func brokenMirrorObjects() throws {
        let fixture = try ValidateLogsFixture([
            "--hours", "4", "--records-per-file", "2", "--accounts", "1", "--regions", "us-east-1", "--seed", "23",
        ])
        defer { fixture.remove() }
        let bucket = fixture.root.appendingPathComponent("s3/\(fixture.bucket)")
        let log = try #require(try keys(fixture, containing: "/CloudTrail/").first)
        try FileManager.default.removeItem(at: bucket.appendingPathComponent(log))
        try FileManager.default.createSymbolicLink(
            atPath: bucket.appendingPathComponent(log).path,
            withDestinationPath: bucket.appendingPathComponent(log).lastPathComponent)
        let digest = try #require(try keys(fixture, containing: "CloudTrail-Digest/").last)
        try Data("not json".utf8).write(
            to: fixture.root.appendingPathComponent("s3-metadata/\(fixture.bucket)/\(digest).json"))
        let expected = fixture.expected[0]
        for compat in [false, true] {
            let run = try TrailGateProcess.run(
                [
                    "validate-logs", "--local", fixture.root.path, "--trail-arn", expected["trailArn"] as! String,
                    "--start-time", expected["startTime"] as! String, "--end-time", expected["endTime"] as! String,
                    "--format", "json",
                ] + (compat ? ["--compat"] : []))
            #expect(run.exitCode == 1, "\(run.stderr)")
            let found = try findings(run)
            let loop = try #require(found.first { $0["s3Uri"] == "s3://\(fixture.bucket)/\(log)" }, "\(found)")
            #expect(loop["kind"] == "access-denied")
            #expect(loop["detail"]?.contains("Too many levels of symbolic links") == true)
            let sidecar = try #require(found.first { $0["s3Uri"] == "s3://\(fixture.bucket)/\(digest)" })
            #expect(sidecar["kind"] == "digest-signature-invalid")
            #expect(sidecar["detail"]?.contains("InvalidMetadata") == true)
        }
    }

    @Test("bad values are one line with exit 2: a bucket that is not S3's, two statements, impossible dates")
    func badValues() throws {
        let db = try temporaryFolder().appendingPathComponent("events.db").path
        defer { try? FileManager.default.removeItem(atPath: (db as NSString).deletingLastPathComponent) }
        let ingest = try TrailGateProcess.run(["logs", "ingest", LogsCommandTests.otrf, "--db", db])
        #expect(ingest.exitCode == 0, "\(ingest.stderr)")
        let cases: [([String], String)] = [
            (
                [
                    "validate-logs", "--trail-arn", "arn:aws:cloudtrail:us-east-1:111122223333:trail/t",
                    "--start-time", "2024-03-01T00:00:00Z", "--local", "/tmp", "--s3-bucket", "../../..",
                ],
                "trailgate: error: --s3-bucket \"../../..\": "
            ),
            (
                ["logs", "query", "--db", db, "--sql", "SELECT 1; SELECT 2"],
                "trailgate: error: --sql: must be one statement"
            ),
            (
                ["logs", "ingest", LogsCommandTests.otrf, "--db", db, "--since", "2024-02-30"],
                "trailgate: error: --since \"2024-02-30\": "
            ),
            (
                ["logs", "investigate", "root-activity", "--db", db, "--until", "2023-02-29"],
                "trailgate: error: --until \"2023-02-29\": "
            ),
            (
                [
                    "athena", "ddl", "--bucket", "acme", "--log-account", "111122223333", "--log-region", "us-east-1",
                    "--start", "2024/02/30",
                ],
                "trailgate: error: --start \"2024/02/30\": "
            ),
        ]
        for (arguments, prefix) in cases {
            let run = try TrailGateProcess.run(arguments)
            #expect(run.exitCode == 2, "\(arguments): \(run.stderr)")
            #expect(run.stderr.hasPrefix(prefix), "\(run.stderr)")
            #expect(run.stderr.split(separator: "\n").count == 1, "\(run.stderr)")
            #expect(!run.stderr.contains("Database.execute"))
        }
    }

    @Test("a second ingest into a store another ingest holds is refused at once with one line")
    func concurrentIngest() throws {
        let folder = try temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let db = folder.appendingPathComponent("events.db").path
        #expect(try TrailGateProcess.run(["logs", "ingest", LogsCommandTests.otrf, "--db", db]).exitCode == 0)
        // Hold the store as a running ingest does.
        let holder = open(db, O_RDONLY)
        try #require(holder >= 0 && flock(holder, LOCK_EX | LOCK_NB) == 0)
        defer { close(holder) }
        let run = try TrailGateProcess.run(["logs", "ingest", LogsCommandTests.otrf, "--db", db])
        #expect(run.exitCode == 3)
        #expect(
            run.stderr
                == "trailgate: error: \(db): another `trailgate logs ingest` is writing to this store; wait for it "
                + "to finish, or use another --db\n")
        #expect(try TrailGateProcess.run(["logs", "query", "--db", db, "--sql", "SELECT 1"]).exitCode == 0)
    }

    @Test("logs query streams: a huge result cut by `head -c 100` ends at once, in little memory")
    func queryStreams() throws {
        let folder = try temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let db = folder.appendingPathComponent("events.db").path
        #expect(try TrailGateProcess.run(["logs", "ingest", LogsCommandTests.invictus, "--db", db]).exitCode == 0)
        // 2,900 events × 400: 1.16 million rows, over a GB of output.
        let sql = """
            SELECT e.* FROM events e, (WITH RECURSIVE c(x) AS (SELECT 1 UNION ALL SELECT x + 1 FROM c WHERE x < 400)
            SELECT x FROM c)
            """
        let executable = try TrailGateProcess.executable.path
        for format in ["table", "json", "csv"] {
            let started = Date()
            let script = "\"$0\" logs query --db \"$1\" --format \"$2\" --sql \"$3\" | head -c 100 | wc -c"
            let process = Process()
            process.executableURL = URL(fileURLWithPath: "/usr/bin/time")
            process.arguments = [
                "-q", "-f", "%M", "/bin/sh", "-c", script, executable, db, format, sql,
            ]
            let out = Pipe()
            let err = Pipe()
            process.standardOutput = out
            process.standardError = err
            try process.run()
            let printed = String(decoding: out.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
            let peakKB =
                Int(
                    String(decoding: err.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
                        .trimmingCharacters(in: .whitespacesAndNewlines).split(separator: "\n").last ?? "") ?? -1
            process.waitUntilExit()
            let elapsed = Date().timeIntervalSince(started)
            #expect(printed.trimmingCharacters(in: .whitespacesAndNewlines) == "100", "\(format)")
            #expect(elapsed < 15, "\(format): \(elapsed) s")
            #expect(peakKB > 0 && peakKB / 1024 < 200, "\(format): peak RSS \(peakKB / 1024) MiB")
        }
    }

    @Test(
        "an ingest interrupted by SIGINT or SIGKILL resumes to exactly the events Python counts",
        arguments: [
            SIGINT, SIGKILL,
        ])
    func interruptedIngest(signal: Int32) throws {
        let fixture = try ValidateLogsFixture([
            "--hours", "24", "--files-per-hour", "4", "--records-per-file", "400", "--accounts", "1",
            "--regions", "us-east-1", "--seed", "24",
        ])
        defer { fixture.remove() }
        let logs = fixture.root.appendingPathComponent("s3").path
        let independent = try #require(
            Int(
                try MotoServer.run([
                    "python3", "-c",
                    """
                    import glob, gzip, json, sys
                    ids = set()
                    for path in glob.glob(sys.argv[1] + "/**/CloudTrail/**/*.json.gz", recursive=True):
                        ids.update(r["eventID"] for r in json.load(gzip.open(path))["Records"])
                    print(len(ids))
                    """, logs,
                ]).trimmingCharacters(in: .whitespacesAndNewlines)))
        #expect(independent > 30_000)
        let db = fixture.root.appendingPathComponent("events.db").path
        let first = Process()
        first.executableURL = try TrailGateProcess.executable
        first.arguments = ["logs", "ingest", logs, "--db", db]
        first.standardOutput = FileHandle.nullDevice
        first.standardError = FileHandle.nullDevice
        try first.run()
        // Interrupt once the first batches are committed, before the end.
        let deadline = Date().addingTimeInterval(60)
        while first.isRunning, Date() < deadline, (try? Self.committedFiles(db)) ?? 0 == 0 {
            usleep(20_000)
        }
        kill(first.processIdentifier, signal)
        first.waitUntilExit()
        #expect(first.terminationReason == .uncaughtSignal, "the ingest ended before the signal")
        let committed = try Self.committedFiles(db)
        #expect(committed > 0 && committed < 96, "\(committed) files committed before the signal")
        let resumed = try TrailGateProcess.run(["logs", "ingest", logs, "--db", db, "--format", "json"])
        #expect(resumed.exitCode == 0, "\(resumed.stderr)")
        let count = try TrailGateProcess.run([
            "logs", "query", "--db", db, "--format", "csv", "--sql", "SELECT count(*) AS n FROM events",
        ])
        #expect(count.stdout == "n\r\n\(independent)\r\n")
    }

    /// Files the store records as ingested, read with the sqlite3 module of Python (0 before the table exists, or
    /// while the ingest holds the lock). Opened read-write so that, after a kill, SQLite can roll back the
    /// interrupted batch's journal as the next ingest would (a read-only connection cannot).
    static func committedFiles(_ db: String) throws -> Int {
        guard FileManager.default.fileExists(atPath: db) else { return 0 }
        let output = try MotoServer.run([
            "python3", "-c",
            """
            import sqlite3, sys
            try:
                c = sqlite3.connect(sys.argv[1], timeout=0.1)
                print(c.execute("SELECT count(*) FROM ingested_objects").fetchone()[0])
            except sqlite3.Error:
                print(0)
            """, db,
        ])
        return Int(output.trimmingCharacters(in: .whitespacesAndNewlines)) ?? 0
    }
}
