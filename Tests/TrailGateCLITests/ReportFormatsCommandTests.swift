import Foundation
import Testing

/// `check --format F -o FILE` for every report format, as a user runs it on the bundled examples, and the adoption
/// kit's workflow run as written.
@Suite("Report formats from the command line")
struct ReportFormatsCommandTests {
    private static let example = "examples/needs-work.json"

    private func temporaryFile(_ name: String) throws -> URL {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("trailgate-formats-\(UUID())")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        return folder.appendingPathComponent(name)
    }

    /// Runs `check` on the example writing `format` to a file: the file's text, with the exit code checked.
    private func written(_ format: String) throws -> String {
        let file = try temporaryFile("report.\(format)")
        let outcome = try TrailGateProcess.run([
            "check", "--snapshot", Self.example, "--format", format, "-o", file.path,
        ])
        #expect(outcome.exitCode == 1, "\(format): \(outcome.stderr)")
        #expect(outcome.stdout.isEmpty, "\(format) wrote to standard output despite -o")
        return try String(contentsOf: file, encoding: .utf8)
    }

    @Test("sarif: a SARIF 2.1.0 log whose results name the failing checks")
    func sarif() throws {
        let text = try written("sarif")
        let log = try #require(try JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: Any])
        #expect(log["version"] as? String == "2.1.0")
        let run = try #require((log["runs"] as? [[String: Any]])?.first)
        let ruleIds = Set(((run["results"] as? [[String: Any]]) ?? []).compactMap { $0["ruleId"] as? String })
        #expect(ruleIds.contains("trail.log-file-validation"), "\(ruleIds.sorted())")
    }

    @Test("junit: an XML test report with failures")
    func junit() throws {
        let text = try written("junit")
        #expect(text.hasPrefix("<?xml"))
        #expect(text.contains("<failure"))
    }

    @Test("csv: a header row, then one row per check")
    func csv() throws {
        let text = try written("csv")
        let rows = text.components(separatedBy: "\r\n").filter { !$0.isEmpty }
        #expect(rows.first?.contains("check_id") == true, "\(rows.first ?? "")")
        #expect(rows.count > 10)
    }

    @Test("markdown: the verdict first")
    func markdown() throws {
        #expect(try written("markdown").contains("NOT READY"))
    }

    @Test("html: one self-contained page")
    func html() throws {
        let text = try written("html")
        #expect(text.lowercased().hasPrefix("<!doctype html>"))
        #expect(!text.contains("<script src=") && !text.contains("<link "))
    }

    @Test("asff: JSON arrays of at most 100 findings, one per line")
    func asff() throws {
        let lines = try written("asff").split(separator: "\n")
        #expect(!lines.isEmpty)
        for line in lines {
            let batch = try #require(try JSONSerialization.jsonObject(with: Data(line.utf8)) as? [[String: Any]])
            #expect((1...100).contains(batch.count))
            #expect(batch.allSatisfy { $0["SchemaVersion"] as? String == "2018-10-08" })
        }
    }

    @Test("an unknown format is exit 2, naming every valid one")
    func unknownFormat() throws {
        let outcome = try TrailGateProcess.run(["check", "--snapshot", Self.example, "--format", "pdf"])
        #expect(outcome.exitCode == 2)
        for format in ["text", "json", "sarif", "junit", "csv", "markdown", "html", "asff"] {
            #expect(outcome.stderr.contains(format), "\(format) missing from: \(outcome.stderr)")
        }
    }

    /// Every `./trailgate check` the GitHub Actions example runs, on the bundled example and waivers instead of the
    /// account's snapshot: the reports exit 0 (`--soft-fail`), the gate exits 1 on a trail that needs work.
    @Test("the GitHub Actions example's commands run as written")
    func workflowCommands() throws {
        let workflow = try String(
            contentsOf: TrailGateProcess.packageRoot.appendingPathComponent("examples/ci/github-actions.yml"),
            encoding: .utf8)
        let commands = Self.runSteps(workflow).filter { $0.hasPrefix("./trailgate check") }
        #expect(commands.count == 3, "\(commands)")
        let folder = try temporaryFile("x").deletingLastPathComponent()
        for command in commands {
            let script =
                command
                .replacingOccurrences(of: "./trailgate", with: "\"$TRAILGATE\"")
                .replacingOccurrences(of: "snapshot.json", with: Self.example)
                .replacingOccurrences(of: "waivers.yml", with: "examples/waivers.yml")
                .replacingOccurrences(of: "-o trailgate.sarif", with: "-o '\(folder.path)/trailgate.sarif'")
                .replacingOccurrences(of: "\"$GITHUB_STEP_SUMMARY\"", with: "'\(folder.path)/summary.md'")
            let outcome = try TrailGateProcess.shell(script)
            #expect(outcome.exitCode == (command.contains("--soft-fail") ? 0 : 1), "\(script): \(outcome.stderr)")
        }
        #expect(FileManager.default.fileExists(atPath: folder.appendingPathComponent("trailgate.sarif").path))
        #expect(try String(contentsOf: folder.appendingPathComponent("summary.md"), encoding: .utf8).contains("READY"))
    }

    /// The `run:` steps of a workflow, each folded onto one line as YAML's `>` does.
    private static func runSteps(_ workflow: String) -> [String] {
        var steps: [String] = []
        var folding: [String]?
        for line in workflow.components(separatedBy: "\n") {
            let trimmed = line.trimmingCharacters(in: .whitespaces)
            if folding != nil {
                if line.hasPrefix("          ") && !trimmed.isEmpty {
                    folding?.append(trimmed)
                    continue
                }
                steps.append(folding!.joined(separator: " "))
                folding = nil
            }
            if trimmed == "- run: >" {
                folding = []
            } else if trimmed.hasPrefix("- run: ") {
                steps.append(String(trimmed.dropFirst("- run: ".count)))
            }
        }
        if let folding { steps.append(folding.joined(separator: " ")) }
        return steps
    }
}
