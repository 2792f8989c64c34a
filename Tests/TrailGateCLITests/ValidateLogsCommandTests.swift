import Foundation
import Testing

/// `validate-logs` usage: help with an example, bad input as one line with exit 2, the mirror's own errors.
@Suite("validate-logs usage") struct ValidateLogsCommandTests {
    let arn = "arn:aws:cloudtrail:us-east-1:111122223333:trail/org"

    @Test("--help has an example and the exit codes")
    func help() throws {
        let run = try TrailGateProcess.run(["validate-logs", "--help"])
        #expect(run.exitCode == 0)
        #expect(run.stdout.contains("trailgate validate-logs --local ./mirror --format json"))
        #expect(run.stdout.contains("Exit codes: 0 every chain valid"))
        #expect(run.stdout.contains("--compat"))
    }

    @Test("bad input is one line with exit 2")
    func badInput() throws {
        let badARN = try TrailGateProcess.run([
            "validate-logs", "--trail-arn", "org", "--start-time", "2024-03-01T00:00:00Z",
        ])
        #expect(badARN.exitCode == 2)
        #expect(badARN.stderr.contains("--trail-arn org: not a trail ARN"))
        let badTime = try TrailGateProcess.run([
            "validate-logs", "--trail-arn", arn, "--start-time", "yesterday", "--local", "/nonexistent",
        ])
        #expect(badTime.exitCode == 2)
        #expect(
            badTime.stderr
                == "trailgate: error: --start-time \"yesterday\": not a time; use 2024-03-01T10:00:00Z (or an offset, "
                + "+02:00), 2024-03-01, \"2024-03-01 10:00[:00]\" (UTC), or an age before now: 30m, 24h, 7d, 2w\n")
        let reversed = try TrailGateProcess.run([
            "validate-logs", "--trail-arn", arn, "--start-time", "2024-03-02T00:00:00Z",
            "--end-time", "2024-03-01T00:00:00Z", "--local", "/nonexistent",
        ])
        #expect(reversed.exitCode == 2)
        #expect(
            reversed.stderr == "trailgate: error: Invalid time range specified: start-time must occur before end-time\n"
        )
        let noMirror = try TrailGateProcess.run([
            "validate-logs", "--trail-arn", arn, "--start-time", "2024-03-01T00:00:00Z",
            "--local", "/nonexistent",
        ])
        #expect(noMirror.exitCode == 2)
        #expect(
            noMirror.stderr
                == "trailgate: error: --local /nonexistent: no s3/ folder (expected ROOT/s3/<bucket>/<key>)\n")
        let badJobs = try TrailGateProcess.run([
            "validate-logs", "--trail-arn", arn, "--start-time", "2024-03-01T00:00:00Z", "--jobs", "0",
        ])
        #expect(badJobs.exitCode == 2)
    }

    @Test("an unknown trail in the mirror needs a bucket")
    func unknownTrail() throws {
        let root = FileManager.default.temporaryDirectory.appendingPathComponent("vl-empty-\(UUID().uuidString)")
        try FileManager.default.createDirectory(
            at: root.appendingPathComponent("s3/bucket"), withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: root) }
        let unknown = try TrailGateProcess.run([
            "validate-logs", "--local", root.path, "--trail-arn", arn,
            "--start-time", "2024-03-01T00:00:00Z", "--end-time", "2024-03-02T00:00:00Z",
        ])
        #expect(unknown.exitCode == 2)
        #expect(unknown.stderr.contains("trail \(arn) not found (DescribeTrails); pass --s3-bucket"))
        // With the bucket given, a chain with no digests and no keys: the AWS CLI's "No public keys" stop, exit 1.
        let empty = try TrailGateProcess.run([
            "validate-logs", "--local", root.path, "--trail-arn", arn, "--s3-bucket", "bucket",
            "--start-time", "2024-03-01T00:00:00Z", "--end-time", "2024-03-02T00:00:00Z",
            "--format", "json",
        ])
        #expect(empty.exitCode == 1, "\(empty.stderr)")
        let json = try #require(JSONSerialization.jsonObject(with: Data(empty.stdout.utf8)) as? [String: Any])
        let chain = try #require((json["chains"] as? [[String: Any]])?.first)
        #expect(chain["region"] as? String == "us-east-1")
        let findings = try #require(chain["findings"] as? [[String: String]])
        #expect(findings.map { $0["kind"] } == ["public-key-not-found"])
        #expect(
            findings.first?["detail"] == "No public keys found between 2024-03-01T00:00:00Z and 2024-03-02T02:00:00Z")
    }
}
