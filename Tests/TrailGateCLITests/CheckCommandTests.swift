import Foundation
import Testing

@Suite("trailgate check")
struct CheckCommandTests {
    @Test("a ready snapshot exits 0 and ends with READY")
    func ready() throws {
        let outcome = try TrailGateProcess.run(["check", "--snapshot", "examples/ready-organization-trail.json"])
        #expect(outcome.exitCode == 0)
        #expect(outcome.stdout.hasSuffix("\nREADY\n"))
        #expect(outcome.stderr.isEmpty)
        #expect(!outcome.stdout.contains("\u{1B}["), "no colour when standard output is not a terminal")
    }

    @Test("a snapshot that needs work exits 1 with the verdict and the fixes")
    func needsWork() throws {
        let outcome = try TrailGateProcess.run(["check", "--snapshot", "examples/needs-work.json"])
        #expect(outcome.exitCode == 1)
        #expect(outcome.stdout.contains("✘ FAIL     trail.kms-events"))
        #expect(
            outcome.stdout.contains(
                "$ aws cloudtrail update-trail --name arn:aws:cloudtrail:eu-west-1:222233334444:trail/management-events --enable-log-file-validation --region eu-west-1"
            ))
        #expect(outcome.stdout.hasSuffix("\n\nNOT READY: 6 checks fail\n"), "the README quotes this line")
        #expect(!outcome.stdout.contains("→ management-events"), "one trail: the verdict is said once")
    }

    @Test("json output follows the trailgate.check/v1 schema")
    func json() throws {
        let outcome = try TrailGateProcess.run(["check", "--snapshot", "examples/needs-work.json", "--format", "json"])
        #expect(outcome.exitCode == 1)
        let document = try #require(try JSONSerialization.jsonObject(with: Data(outcome.stdout.utf8)) as? [String: Any])
        #expect(document["schema"] as? String == "trailgate.check/v1")
        #expect(document["ready"] as? Bool == false)
        let trails = try #require(document["trails"] as? [[String: Any]])
        #expect(trails.count == 1, "the shadow copy of the trail counts once")
        let trail = try #require(trails.first)
        #expect(trail["trailArn"] as? String == "arn:aws:cloudtrail:eu-west-1:222233334444:trail/management-events")
        #expect(trail["name"] as? String == "management-events")
        #expect(trail["homeRegion"] as? String == "eu-west-1")
        #expect(trail["isOrganizationTrail"] as? Bool == false)
        #expect(trail["ready"] as? Bool == false)
        let checks = try #require(trail["checks"] as? [[String: Any]])
        let kms = try #require(checks.first { $0["id"] as? String == "trail.kms-events" })
        #expect(kms["status"] as? String == "fail")
        #expect(kms["title"] as? String == "KMS events in the management-event selectors")
        let remediation = try #require(kms["remediation"] as? [String: Any])
        #expect((remediation["commands"] as? [String])?.first?.hasPrefix("aws cloudtrail put-event-selectors") == true)
        #expect(checks.contains { $0["status"] as? String == "not_applicable" })
    }

    @Test("--output json is the format, as in the AWS CLI; a file name there is refused, pointing to -o")
    func outputIsAFormat() throws {
        let json = try TrailGateProcess.run(["check", "--snapshot", "examples/needs-work.json", "--output", "json"])
        #expect(json.exitCode == 1)
        #expect(json.stdout.hasPrefix("{\n  \"schema\": \"trailgate.check/v1\""))
        let file = try TrailGateProcess.run(["check", "--snapshot", "examples/needs-work.json", "--output", "r.txt"])
        #expect(file.exitCode == 2)
        #expect(file.stdout.isEmpty)
        #expect(file.stderr.contains("The value 'r.txt' is invalid for '--output <format>'"))
        #expect(file.stderr.contains("to write a file, use -o/--output-file"))
        #expect(!FileManager.default.fileExists(atPath: "r.txt"))
    }

    @Test("-o/--output-file writes the report to a file and prints nothing")
    func outputFile() throws {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("trailgate-\(UUID().uuidString).json")
            .path
        defer { try? FileManager.default.removeItem(atPath: path) }
        let outcome = try TrailGateProcess.run([
            "check", "--snapshot", "examples/ready-organization-trail.json",
            "--format", "json", "--output-file", path,
        ])
        #expect(outcome.exitCode == 0)
        #expect(outcome.stdout.isEmpty)
        let written = try String(contentsOfFile: path, encoding: .utf8)
        #expect(written.contains("\"schema\": \"trailgate.check/v1\""))
    }

    @Test("--trail picks one trail; an unknown one is a usage error")
    func trailSelection() throws {
        let picked = try TrailGateProcess.run([
            "check", "--snapshot", "examples/needs-work.json", "--trail", "management-events",
        ])
        #expect(picked.exitCode == 1)
        let unknown = try TrailGateProcess.run(["check", "--snapshot", "examples/needs-work.json", "--trail", "nope"])
        #expect(unknown.exitCode == 2)
        #expect(
            unknown.stderr
                == "trailgate: error: examples/needs-work.json: no trail named nope in the snapshot (trails: management-events)\n"
        )
    }

    @Test("an unreadable snapshot is one error line and exit 2")
    func missingFile() throws {
        let outcome = try TrailGateProcess.run(["check", "--snapshot", "does-not-exist.json"])
        #expect(outcome.exitCode == 2)
        #expect(
            outcome.stderr == "trailgate: error: cannot read snapshot does-not-exist.json: No such file or directory\n")
        #expect(outcome.stdout.isEmpty)
    }

    @Test("a wrong type names the file and JSON path, exit 2")
    func badSnapshot() throws {
        var text = try String(
            contentsOf: TrailGateProcess.packageRoot.appendingPathComponent("examples/needs-work.json"), encoding: .utf8
        )
        text = text.replacingOccurrences(of: "\"IsMultiRegionTrail\": true", with: "\"IsMultiRegionTrail\": \"true\"")
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("bad-\(UUID().uuidString).json").path
        defer { try? FileManager.default.removeItem(atPath: path) }
        try text.write(toFile: path, atomically: true, encoding: .utf8)
        let outcome = try TrailGateProcess.run(["check", "--snapshot", path])
        #expect(outcome.exitCode == 2)
        #expect(
            outcome.stderr == "trailgate: error: \(path): $.trails[0].trail.IsMultiRegionTrail: expected a boolean\n")
    }

    @Test(
        "a value its option refuses is one line naming the option, exit 2",
        arguments: [
            (
                ["--org-id", "o-SHORT"],
                #"--org-id "o-SHORT": must be o- followed by 10 to 32 lowercase letters or digits"#
            ),
            (["--retention-days", "0"], "--retention-days must be a positive number of days"),
        ])
    func refusedValues(_ options: [String], _ message: String) throws {
        let outcome = try TrailGateProcess.run(["check", "--snapshot", "examples/needs-work.json"] + options)
        #expect(outcome.exitCode == 2)
        #expect(outcome.stdout.isEmpty)
        #expect(outcome.stderr == "trailgate: error: \(message)\n")
    }

    @Test(
        "invalid options are usage errors with exit 2",
        arguments: [
            ["check", "--snapshot", "examples/needs-work.json", "--format", "yaml"],
            ["frobnicate"],
        ])
    func usageErrors(_ arguments: [String]) throws {
        let outcome = try TrailGateProcess.run(arguments)
        #expect(outcome.exitCode == 2)
        #expect(outcome.stderr.hasPrefix("Error: "))
    }

    @Test("without --snapshot and without a Region, live checking is one error line and exit 2")
    func liveWithoutRegion() throws {
        let outcome = try TrailGateProcess.run(
            ["check"],
            environment: [
                "AWS_REGION": "", "AWS_DEFAULT_REGION": "", "AWS_CONFIG_FILE": "/dev/null",
                "AWS_SHARED_CREDENTIALS_FILE": "/dev/null",
                "AWS_PROFILE": "",
            ])
        #expect(outcome.exitCode == 2)
        #expect(
            outcome.stderr
                == "trailgate: error: no AWS Region: pass --region, set AWS_REGION, or set region in the profile\n")
    }

    @Test("--help shows an example and exits 0")
    func help() throws {
        let outcome = try TrailGateProcess.run(["check", "--help"])
        #expect(outcome.exitCode == 0)
        #expect(outcome.stdout.contains("trailgate check --snapshot examples/needs-work.json"))
        #expect(
            outcome.stdout.contains(
                "Exit codes: 0 ready, 1 not ready, 2 invalid input or usage,\n3 unexpected failure."))
    }
}
