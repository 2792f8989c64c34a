import Foundation
import Testing

/// A copy of examples/needs-work.json with its first trail changed by `edit`, in a temporary file.
private func editedSnapshot(_ edit: (inout [String: Any]) -> Void) throws -> String {
    let example = TrailGateProcess.packageRoot.appendingPathComponent("examples/needs-work.json")
    var snapshot = try #require(JSONSerialization.jsonObject(with: Data(contentsOf: example)) as? [String: Any])
    var trails = try #require(snapshot["trails"] as? [[String: Any]])
    var trail = try #require(trails[0]["trail"] as? [String: Any])
    edit(&trail)
    trails[0]["trail"] = trail
    snapshot["trails"] = trails
    let path = FileManager.default.temporaryDirectory.appendingPathComponent("snapshot-\(UUID().uuidString).json").path
    try JSONSerialization.data(withJSONObject: snapshot).write(to: URL(fileURLWithPath: path))
    return path
}

@Suite("Writing results and reading inputs")
struct OutputAndInputTests {
    @Test("a full disk on standard output is one line and exit 3")
    func fullDisk() throws {
        let outcome = try TrailGateProcess.shell(#""$TRAILGATE" check --snapshot examples/needs-work.json > /dev/full"#)
        #expect(outcome.exitCode == 3)
        #expect(outcome.stderr == "trailgate: error: cannot write to standard output: No space left on device\n")
    }

    @Test("a closed standard output is one line and exit 3, and no file the command opens takes its place")
    func closedOutput() throws {
        let outcome = try TrailGateProcess.shell(#""$TRAILGATE" check --snapshot examples/needs-work.json >&-"#)
        #expect(outcome.exitCode == 3)
        #expect(outcome.stderr == "trailgate: error: cannot write to standard output: it is closed\n")
    }

    @Test("a full or closed standard error does not change the result")
    func brokenStandardError() throws {
        for redirect in ["2>/dev/full", "2>&-"] {
            let outcome = try TrailGateProcess.shell(
                #""$TRAILGATE" check --snapshot examples/needs-work.json "# + redirect)
            #expect(outcome.exitCode == 1)
            #expect(outcome.stdout.hasSuffix("NOT READY: 6 checks fail\n"))
            let failing = try TrailGateProcess.shell(#""$TRAILGATE" check --snapshot missing.json "# + redirect)
            #expect(failing.exitCode == 2)
        }
    }

    @Test("a reader that went away (| head) ends the command quietly with exit 0")
    func closedPipe() throws {
        let outcome = try TrailGateProcess.shell(
            #"( sleep 0.5; exec "$TRAILGATE" policy render --bucket acme-logs --org-id o-a1b2c3d4e5 ) | true; "#
                + #"echo "status ${PIPESTATUS[0]}""#)
        #expect(outcome.stdout == "status 0\n")
        #expect(outcome.stderr == "")
    }

    @Test("-o never writes over the file the command read")
    func outputOverInput() throws {
        let path = try editedSnapshot { _ in }
        defer { try? FileManager.default.removeItem(atPath: path) }
        let before = try Data(contentsOf: URL(fileURLWithPath: path))
        let sameFile = (path as NSString).deletingLastPathComponent + "/./" + (path as NSString).lastPathComponent
        let outcome = try TrailGateProcess.shell(
            #""$TRAILGATE" check --snapshot "\#(path)" -o "\#(sameFile)""#)
        #expect(outcome.exitCode == 2)
        #expect(outcome.stderr.hasPrefix("trailgate: error: refusing to write "))
        #expect(outcome.stderr.hasSuffix(": it is the input \(path)\n"))
        #expect(try Data(contentsOf: URL(fileURLWithPath: path)) == before)
    }

    @Test("a snapshot can come from /dev/stdin, a pipe or a process substitution")
    func streams() throws {
        for script in [
            #"cat examples/needs-work.json | "$TRAILGATE" check --snapshot /dev/stdin"#,
            #""$TRAILGATE" check --snapshot <(cat examples/needs-work.json)"#,
            #"cat examples/needs-work.json | "$TRAILGATE" check --snapshot -"#,
        ] {
            let outcome = try TrailGateProcess.shell(script)
            #expect(outcome.exitCode == 1, "\(script)")
            #expect(outcome.stdout.hasSuffix("NOT READY: 6 checks fail\n"), "\(script)")
        }
    }

    @Test("control characters from a snapshot are shown escaped, never sent to the terminal")
    func controlCharacters() throws {
        let path = try editedSnapshot { $0["S3KeyPrefix"] = "logs\u{1B}]0;owned\u{07}\u{1B}[2J" }
        defer { try? FileManager.default.removeItem(atPath: path) }
        let outcome = try TrailGateProcess.run(["check", "--snapshot", path])
        #expect(outcome.exitCode == 1)
        #expect(!outcome.stdout.unicodeScalars.contains { $0.value < 0x20 && $0 != "\n" })
        #expect(outcome.stdout.contains(#"(prefix logs\u{1B}]0;owned\u{7}\u{1B}[2J)"#))
        let badKey = FileManager.default.temporaryDirectory.appendingPathComponent("key-\(UUID().uuidString).json")
        defer { try? FileManager.default.removeItem(at: badKey) }
        try Data(#"{"snapshotVersion": 1, "\u001b[31mred": 1, "\u001b[31mred": 2}"#.utf8).write(to: badKey)
        let error = try TrailGateProcess.run(["check", "--snapshot", badKey.path])
        #expect(error.exitCode == 2)
        #expect(!error.stderr.dropLast().unicodeScalars.contains { $0.value < 0x20 })
        #expect(error.stderr.contains(#"$["\u{1B}[31mred"]: not valid JSON"#))
    }

    @Test("a duplicate key in a snapshot is refused with its JSON path, exit 2")
    func duplicateKey() throws {
        let example = try String(
            contentsOf: TrailGateProcess.packageRoot.appendingPathComponent("examples/needs-work.json"), encoding: .utf8
        )
        let doubled = example.replacingOccurrences(
            of: #""IsMultiRegionTrail": true,"#, with: #""IsMultiRegionTrail": true, "IsMultiRegionTrail": false,"#)
        #expect(doubled != example)
        let outcome = try TrailGateProcess.run(["check", "--snapshot", "-"], stdin: doubled)
        #expect(outcome.exitCode == 2)
        #expect(outcome.stderr.hasPrefix("trailgate: error: standard input: $.trails[0].trail.IsMultiRegionTrail: "))
        #expect(outcome.stderr.hasSuffix("duplicate member \"IsMultiRegionTrail\")\n"))
    }

    @Test("values from a snapshot are shell-quoted in every printed command; malformed identifiers are unknown")
    func shellQuoting() throws {
        let prefixed = try editedSnapshot { $0["S3KeyPrefix"] = "logs'$(touch PWNED)" }
        defer { try? FileManager.default.removeItem(atPath: prefixed) }
        let text = try TrailGateProcess.run(["check", "--snapshot", prefixed])
        #expect(text.stdout.contains(#"--prefix 'logs'\''$(touch PWNED)'"#))
        #expect(!text.stdout.contains("--prefix logs'$("))

        for (field, value) in [
            ("HomeRegion", "eu-west-1$(touch PWNED)"),
            ("TrailARN", "arn:aws:cloudtrail:eu-west-1:222233334444:trail/x;id"),
            ("S3BucketName", "logs bucket"), ("Name", "trail`id`"),
        ] {
            let path = try editedSnapshot { $0[field] = value }
            defer { try? FileManager.default.removeItem(atPath: path) }
            let outcome = try TrailGateProcess.run(["check", "--snapshot", path, "--format", "json"])
            #expect(outcome.exitCode == 1, "\(field)")
            let report = try #require(
                JSONSerialization.jsonObject(with: Data(outcome.stdout.utf8)) as? [String: Any])
            let trails = try #require(report["trails"] as? [[String: Any]])
            let checks = try #require(trails.first?["checks"] as? [[String: Any]])
            #expect(checks.allSatisfy { $0["status"] as? String == "unknown" }, "\(field)")
            #expect((checks.first?["summary"] as? String)?.contains("The snapshot's \(field) ") == true, "\(field)")
            #expect(checks.allSatisfy { $0["remediation"] is NSNull }, "\(field)")
            let fix = try TrailGateProcess.run(["fix", "--snapshot", path, "--format", "json"])
            let plan = try #require(JSONSerialization.jsonObject(with: Data(fix.stdout.utf8)) as? [String: Any])
            let planned = try #require((plan["trails"] as? [[String: Any]])?.first?["changes"] as? [Any])
            #expect(planned.isEmpty, "\(field)")
        }
    }

    @Test("check --quiet shows only the checks that do not pass, and the verdict")
    func quiet() throws {
        let full = try TrailGateProcess.run(["check", "--snapshot", "examples/needs-work.json"])
        let quiet = try TrailGateProcess.run(["check", "--snapshot", "examples/needs-work.json", "--quiet"])
        #expect(quiet.exitCode == full.exitCode)
        #expect(full.stdout.contains("✔ PASS"))
        #expect(!quiet.stdout.contains("✔ PASS") && !quiet.stdout.contains("N/A"))
        #expect(
            quiet.stdout.components(separatedBy: "✘ FAIL").count == full.stdout.components(separatedBy: "✘ FAIL").count)
        #expect(quiet.stdout.hasSuffix("NOT READY: 6 checks fail\n"))
    }
}
