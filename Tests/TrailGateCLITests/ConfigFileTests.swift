import Foundation
import Testing
import TrailGateCore

/// `--config FILE` and `./.trailgate.yml`: the defaults a team keeps in one file, overridden by options.
@Suite("configuration file")
struct ConfigFileTests {
    /// A temporary directory holding `.trailgate.yml` with `text`; removed by the caller.
    private func directory(with text: String) throws -> URL {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("trailgate-config-\(UUID())")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        try Data(text.utf8).write(to: directory.appendingPathComponent(".trailgate.yml"))
        return directory
    }

    @Test("org-id and principal-arn-patterns from --config fill policy render; an option wins")
    func organizationAndPatterns() throws {
        let folder = try directory(
            with: "org-id: o-configured01\nprincipal-arn-patterns:\n  - arn:aws:iam::*:role/audit-*\n")
        defer { try? FileManager.default.removeItem(at: folder) }
        let config = folder.appendingPathComponent(".trailgate.yml").path
        let fromFile = try TrailGateProcess.run(["policy", "render", "--bucket", "acme-logs", "--config", config])
        #expect(fromFile.exitCode == 0)
        #expect(fromFile.stdout.contains("\"o-configured01\""))
        #expect(fromFile.stdout.contains("arn:aws:iam::*:role/audit-*"))
        let overridden = try TrailGateProcess.run([
            "policy", "render", "--bucket", "acme-logs", "--config", config, "--org-id", "o-fromoption1",
        ])
        #expect(overridden.stdout.contains("\"o-fromoption1\""))
        #expect(!overridden.stdout.contains("o-configured01"))
        let none = try TrailGateProcess.run(["policy", "render", "--bucket", "acme-logs"])
        #expect(none.exitCode == 2)
        #expect(none.stderr == "trailgate: error: --org-id is required (or org-id in the configuration file)\n")
    }

    @Test("format and retention-days from the file apply to check; --format overrides the file's format")
    func formatAndRetention() throws {
        let folder = try directory(with: "format: json\nretention-days: 300\n")
        defer { try? FileManager.default.removeItem(at: folder) }
        let config = folder.appendingPathComponent(".trailgate.yml").path
        let json = try TrailGateProcess.run(["check", "--snapshot", "examples/needs-work.json", "--config", config])
        #expect(json.exitCode == 1)
        let document = try #require(
            try JSONSerialization.jsonObject(with: Data(json.stdout.utf8)) as? [String: Any])
        let checks = (document["trails"] as? [[String: Any]])?.first?["checks"] as? [[String: Any]] ?? []
        let lifecycle = checks.first { $0["id"] as? String == "bucket.lifecycle-retention" }
        #expect(lifecycle?["status"] as? String == "warn", "365 days of retention pass a 300-day requirement")
        let text = try TrailGateProcess.run([
            "check", "--snapshot", "examples/needs-work.json", "--config", config, "--format", "text",
        ])
        #expect(text.stdout.hasSuffix("NOT READY: 5 checks fail\n"))
    }

    @Test("./.trailgate.yml is read from the current directory; access-log-bucket reaches fix's plan")
    func discoveredInCurrentDirectory() throws {
        let folder = try directory(with: "access-log-bucket: acme-access-logs\n")
        defer { try? FileManager.default.removeItem(at: folder) }
        let snapshot = TrailGateProcess.packageRoot.appendingPathComponent("examples/needs-work.json").path
        let outcome = try TrailGateProcess.shell(
            "cd \(shellWord(folder.path)) && \"$TRAILGATE\" fix --snapshot \(shellWord(snapshot))")
        #expect(outcome.exitCode == 1)
        #expect(outcome.stdout.contains("The access-log bucket acme-access-logs is not in the snapshot"))
    }

    @Test(
        "a file that cannot be used is one line naming the file, line and key, exit 2",
        arguments: [
            (
                "orgid: o-a1b2c3d4e5\n",
                ":1: unknown key \"orgid\" (known keys: org-id, retention-days, access-log-bucket, principal-arn-patterns, format, waivers)"
            ),
            ("retention-days: -3\n", ":1: retention-days: expected a positive number of days"),
            ("format: [json\n", ":2: not valid YAML: did not find expected ',' or ']'"),
        ])
    func refused(text: String, message: String) throws {
        let folder = try directory(with: text)
        defer { try? FileManager.default.removeItem(at: folder) }
        let config = folder.appendingPathComponent(".trailgate.yml").path
        let outcome = try TrailGateProcess.run(["check", "--snapshot", "examples/needs-work.json", "--config", config])
        #expect(outcome.exitCode == 2)
        #expect(outcome.stdout.isEmpty)
        #expect(outcome.stderr == "trailgate: error: \(config)\(message)\n")
    }

    @Test("a missing --config file is one line, exit 2")
    func missing() throws {
        let outcome = try TrailGateProcess.run([
            "check", "--snapshot", "examples/needs-work.json", "--config", "no-such.yml",
        ])
        #expect(outcome.exitCode == 2)
        #expect(outcome.stderr.hasPrefix("trailgate: error: cannot read configuration no-such.yml: "))
    }
}
