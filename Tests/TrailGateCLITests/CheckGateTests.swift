import Foundation
import Testing

/// `check`'s CI side, through the real binary: waivers, `--fail-on`, `--fail-on-severity`, `--soft-fail`, every
/// report format by name, and `checks list`.
@Suite("trailgate check gates and waivers")
struct CheckGateTests {
    /// A file in a fresh temporary folder, holding `text`.
    static func file(_ name: String, _ text: String) throws -> String {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("trailgate-gates-\(UUID())")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        let url = folder.appendingPathComponent(name)
        try text.write(to: url, atomically: true, encoding: .utf8)
        return url.path
    }

    static func waivers(_ entries: String) throws -> String {
        try file("waivers.yml", "waivers:\n" + entries)
    }

    /// examples/ready-organization-trail.json with a second trail, `second-trail`, whose log file validation is
    /// off: one ready trail and one failing.
    static func twoTrails() throws -> String {
        let url = TrailGateProcess.packageRoot.appendingPathComponent("examples/ready-organization-trail.json")
        var snapshot = try #require(
            try JSONSerialization.jsonObject(with: Data(contentsOf: url)) as? [String: Any])
        var trails = try #require(snapshot["trails"] as? [[String: Any]])
        var second = try #require(trails.first)
        let arn = "arn:aws:cloudtrail:us-east-1:111122223333:trail/second-trail"
        var trail = try #require(second["trail"] as? [String: Any])
        trail["Name"] = "second-trail"
        trail["TrailARN"] = arn
        trail["LogFileValidationEnabled"] = false
        second["trail"] = trail
        if var selectors = second["eventSelectors"] as? [String: Any] {
            selectors["TrailARN"] = arn
            second["eventSelectors"] = selectors
        }
        trails.append(second)
        snapshot["trails"] = trails
        let data = try JSONSerialization.data(withJSONObject: snapshot)
        return try file("two-trails.json", String(decoding: data, as: UTF8.self))
    }

    @Test("examples/waivers.yml waives two of needs-work's failures, which stay failures, shown as waived")
    func exampleWaivers() throws {
        let outcome = try TrailGateProcess.run([
            "check", "--snapshot", "examples/needs-work.json", "--waivers", "examples/waivers.yml",
        ])
        #expect(outcome.exitCode == 1, "bucket.policy-access still fails")
        #expect(outcome.stderr.isEmpty)
        #expect(outcome.stdout.contains("✘ FAIL     bucket.access-logging        Server access logging [medium]"))
        #expect(
            outcome.stdout.contains(
                "waived: Server access logs are collected by the security account's data lake (SEC-1234). "
                    + "(accepted by jane.doe@example.com until 2099-12-31)"))
        #expect(outcome.stdout.hasSuffix("\nNOT READY: 4 checks fail (2 waived)\n"))
    }

    @Test("a waived failure does not block: waiving every failure makes the report ready, exit 0")
    func waivedFailDoesNotBlock() throws {
        let checks = [
            "trail.kms-events", "trail.log-file-validation", "bucket.access-logging", "bucket.lifecycle-retention",
            "bucket.object-ownership", "bucket.policy-access",
        ]
        let path = try Self.waivers(
            checks.map {
                "  - {check: \($0), resource: management-events, reason: accepted, accepted-by: me, expires: 2099-01-01}\n"
            }.joined())
        let outcome = try TrailGateProcess.run([
            "check", "--snapshot", "examples/needs-work.json", "--waivers", path, "--format", "json",
        ])
        #expect(outcome.exitCode == 0)
        let document = try #require(
            try JSONSerialization.jsonObject(with: Data(outcome.stdout.utf8)) as? [String: Any])
        #expect(document["ready"] as? Bool == true)
        #expect((document["counts"] as? [String: Int])?["waived"] == 6)
        #expect((document["counts"] as? [String: Int])?["fail"] == 6)
        let trail = try #require((document["trails"] as? [[String: Any]])?.first)
        let check = try #require(
            (trail["checks"] as? [[String: Any]])?.first { $0["id"] as? String == "bucket.policy-access" })
        #expect(check["status"] as? String == "fail")
        #expect(check["severity"] as? String == "critical")
        #expect(check["area"] as? String == "bucket")
        #expect((check["waiver"] as? [String: Any])?["acceptedBy"] as? String == "me")
        #expect(document["unmatchedWaivers"] == nil)
    }

    @Test("an expired waiver exits 2 naming the file, the entry and the field")
    func expired() throws {
        let path = try Self.waivers(
            """
              - {check: bucket.access-logging, resource: "*", reason: ok, accepted-by: me, expires: 2099-01-01}
              - {check: bucket.object-ownership, resource: "*", reason: ok, accepted-by: me, expires: 2020-01-31}

            """)
        let outcome = try TrailGateProcess.run(["check", "--snapshot", "examples/needs-work.json", "--waivers", path])
        #expect(outcome.exitCode == 2)
        #expect(outcome.stdout.isEmpty)
        #expect(
            outcome.stderr
                == "trailgate: error: \(path): entry 2, expires: expired on 2020-01-31; renew it or remove the entry\n")
    }

    @Test(
        "a malformed waiver exits 2 naming the entry",
        arguments: [
            (
                "  - {check: bucket.acces-logging, resource: x, reason: r, accepted-by: me, expires: 2099-01-01}\n",
                "entry 1, check: unknown check \"bucket.acces-logging\" (valid ids: trail.logging, "
            ),
            (
                "  - {check: trail.logging, resource: x, accepted-by: me, expires: 2099-01-01}\n",
                "entry 1, reason: missing"
            ),
            (
                "  - {check: trail.logging, resource: x, reason: r, accepted-by: me, expires: 2099-13-01}\n",
                "entry 1, expires: \"2099-13-01\" is not a calendar date YYYY-MM-DD"
            ),
        ])
    func malformed(entry: String, message: String) throws {
        let path = try Self.waivers(entry)
        let outcome = try TrailGateProcess.run(["check", "--snapshot", "examples/needs-work.json", "--waivers", path])
        #expect(outcome.exitCode == 2)
        #expect(outcome.stderr.hasPrefix("trailgate: error: \(path): \(message)"), "\(outcome.stderr)")
    }

    @Test("a waiver that matches nothing is one warning line on standard error, and in the JSON report")
    func unmatched() throws {
        let path = try Self.waivers(
            "  - {check: trail.logging, resource: \"arn:aws:cloudtrail:*\", reason: r, accepted-by: me, expires: 2099-01-01}\n"
        )
        let outcome = try TrailGateProcess.run([
            "check", "--snapshot", "examples/needs-work.json", "--waivers", path, "--format", "json",
        ])
        #expect(outcome.exitCode == 1)
        #expect(
            outcome.stderr
                == "trailgate: warning: waiver entry 1 (trail.logging on arn:aws:cloudtrail:*) matched no finding "
                + "that does not pass\n")
        let document = try #require(
            try JSONSerialization.jsonObject(with: Data(outcome.stdout.utf8)) as? [String: Any])
        let unmatched = try #require(document["unmatchedWaivers"] as? [[String: Any]])
        #expect(unmatched.map { $0["entry"] as? Int } == [1])
    }

    @Test("the configuration's waivers apply when --waivers is not given")
    func configuredWaivers() throws {
        let config = try Self.file("trailgate.yml", "waivers: examples/waivers.yml\n")
        let outcome = try TrailGateProcess.run([
            "check", "--snapshot", "examples/needs-work.json", "--config", config, "--quiet",
        ])
        #expect(outcome.stdout.hasSuffix("\nNOT READY: 4 checks fail (2 waived)\n"))
    }

    @Test("--fail-on any-trail fails a snapshot with one ready and one failing trail; ready passes it")
    func anyTrail() throws {
        let snapshot = try Self.twoTrails()
        let ready = try TrailGateProcess.run(["check", "--snapshot", snapshot])
        #expect(ready.exitCode == 0)
        #expect(ready.stdout.hasSuffix("\nREADY: 1 of 2 trails ready\n"))
        let strict = try TrailGateProcess.run(["check", "--snapshot", snapshot, "--fail-on", "any-trail"])
        #expect(strict.exitCode == 1)
        #expect(strict.stdout == ready.stdout, "the gate changes the exit code, not the report")
        #expect(strict.stderr == "trailgate: gate: trail second-trail: 1 blocking result (trail.log-file-validation)\n")
    }

    @Test("--fail-on any-trail on an organization run needs every managed account ready")
    func anyTrailOrganization() throws {
        let outcome = try TrailGateProcess.run([
            "check", "--snapshot", "examples/organization.json", "--fail-on", "any-trail",
        ])
        #expect(outcome.exitCode == 1)
        #expect(outcome.stderr.contains("trailgate: gate: account 444444444444: 2 blocking results"))
    }

    @Test("--fail-on-severity counts only blocking checks at or above the level")
    func severity() throws {
        let critical = try TrailGateProcess.run([
            "check", "--snapshot", "examples/needs-work.json", "--fail-on-severity", "critical", "-q",
        ])
        #expect(critical.exitCode == 1, "bucket.policy-access is critical")
        let snapshot = try Self.twoTrails()
        let high = try TrailGateProcess.run([
            "check", "--snapshot", snapshot, "--fail-on", "any-trail", "--fail-on-severity", "high",
        ])
        #expect(high.exitCode == 0, "trail.log-file-validation is medium")
        let medium = try TrailGateProcess.run([
            "check", "--snapshot", snapshot, "--fail-on", "any-trail", "--fail-on-severity", "medium",
        ])
        #expect(medium.exitCode == 1)
        let bad = try TrailGateProcess.run([
            "check", "--snapshot", snapshot, "--fail-on-severity", "severe",
        ])
        #expect(bad.exitCode == 2)
        #expect(bad.stderr.contains("low"))
        #expect(bad.stderr.contains("critical"))
    }

    @Test("--soft-fail exits 0 after writing the report; invalid input still exits 2")
    func softFail() throws {
        let soft = try TrailGateProcess.run(["check", "--snapshot", "examples/needs-work.json", "--soft-fail"])
        #expect(soft.exitCode == 0)
        #expect(soft.stdout.hasSuffix("\nNOT READY: 6 checks fail\n"))
        #expect(soft.stderr.hasSuffix("trailgate: --soft-fail: exiting 0 although the gate fails\n"))
        let invalid = try TrailGateProcess.run(["check", "--snapshot", "examples/missing.json", "--soft-fail"])
        #expect(invalid.exitCode == 2)
        let expired = try Self.waivers(
            "  - {check: trail.logging, resource: x, reason: r, accepted-by: me, expires: 2001-01-01}\n")
        let waived = try TrailGateProcess.run([
            "check", "--snapshot", "examples/needs-work.json", "--soft-fail", "--waivers", expired,
        ])
        #expect(waived.exitCode == 2)
    }

    @Test("every report format is accepted by name; an unknown one lists them all")
    func formats() throws {
        for format in ["text", "json", "sarif", "junit", "csv", "markdown", "html", "asff"] {
            let outcome = try TrailGateProcess.run([
                "check", "--snapshot", "examples/ready-organization-trail.json", "--format", format,
            ])
            #expect(outcome.exitCode == 0, "\(format): \(outcome.stderr)")
        }
        let unknown = try TrailGateProcess.run([
            "check", "--snapshot", "examples/ready-organization-trail.json", "--format", "xml",
        ])
        #expect(unknown.exitCode == 2)
        for format in ["text", "json", "sarif", "junit", "csv", "markdown", "html", "asff"] {
            #expect(unknown.stderr.contains("\n  - \(format)\n"), "\(unknown.stderr)")
        }
    }

    @Test("checks list prints the catalogue as text, JSON and the Markdown docs/checks.md holds")
    func checksList() throws {
        let text = try TrailGateProcess.run(["checks", "list"])
        #expect(text.exitCode == 0)
        #expect(text.stdout.hasPrefix("trail.logging  Logging and delivery\n"))
        let json = try TrailGateProcess.run(["checks", "list", "--format", "json"])
        let document = try #require(
            try JSONSerialization.jsonObject(with: Data(json.stdout.utf8)) as? [String: Any])
        let checks = try #require(document["checks"] as? [[String: Any]])
        #expect(checks.count == 18)
        #expect(checks.first { $0["id"] as? String == "org.organization" }?["severity"] as? String == "critical")
        let markdown = try TrailGateProcess.run(["checks", "list", "--format", "markdown"])
        let page = try String(
            contentsOf: TrailGateProcess.packageRoot.appendingPathComponent("docs/checks.md"), encoding: .utf8)
        #expect(page.contains(markdown.stdout))
        let help = try TrailGateProcess.run(["checks", "list", "--help"])
        #expect(help.stdout.contains("trailgate checks list --format json"))
    }
}
