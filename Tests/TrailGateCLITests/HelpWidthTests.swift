import Foundation
import Testing

/// `--help` reads well at 80 columns: ArgumentParser wraps any line wider than that, so a discussion or example
/// written wider comes out cut mid-sentence or mid-command.
@Suite("help at 80 columns")
struct HelpWidthTests {
    /// Every command path (`check`, `logs ingest`, …) with its discussion, from the commands' own definitions.
    static func commands() throws -> [(path: [String], discussion: String)] {
        let outcome = try TrailGateProcess.run(["--experimental-dump-help"])
        try #require(outcome.exitCode == 0)
        let root = try #require(
            try JSONSerialization.jsonObject(with: Data(outcome.stdout.utf8)) as? [String: Any])
        var commands: [(path: [String], discussion: String)] = []
        func walk(_ command: [String: Any], path: [String]) {
            commands.append((path, command["discussion"] as? String ?? ""))
            for sub in command["subcommands"] as? [[String: Any]] ?? [] {
                if let name = sub["commandName"] as? String, name != "help" { walk(sub, path: path + [name]) }
            }
        }
        walk(try #require(root["command"] as? [String: Any]), path: [])
        return commands
    }

    @Test(
        "no line of any command's help is wider than 80 columns, no discussion line is re-wrapped, and examples fit 78 columns with their quotes on one line"
    )
    func fitsEightyColumns() throws {
        var faults: [String] = []
        for (path, discussion) in try Self.commands() {
            let name = (["trailgate"] + path).joined(separator: " ")
            let help = try TrailGateProcess.run(path + ["--help"], environment: ["COLUMNS": "80"])
            #expect(help.exitCode == 0, "\(name) --help")
            let lines = help.stdout.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
            for line in lines where line.count > 80 {
                faults.append("\(name): \(line.count) columns: \(line)")
            }
            let printed = Set(lines)
            for line in discussion.split(separator: "\n").map(String.init) where !printed.contains(line) {
                faults.append("\(name): discussion line re-wrapped: \(line)")
            }
            var inExample = false
            for line in lines {
                if line.hasPrefix("  trailgate ") { inExample = true }
                guard inExample else { continue }
                if line.count > 78 { faults.append("\(name): example line over 78 columns: \(line)") }
                if line.filter({ $0 == "\"" }).count % 2 != 0 { faults.append("\(name): a quote left open: \(line)") }
                inExample = line.hasSuffix("\\")
            }
        }
        #expect(faults.isEmpty, "\(faults.joined(separator: "\n"))")
    }
}
