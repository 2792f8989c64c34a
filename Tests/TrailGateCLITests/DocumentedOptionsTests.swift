import Foundation
import Testing

/// Every option a command's `--help` shows is documented on that command's page. The options come from the
/// command definitions themselves (`trailgate --experimental-dump-help`, ArgumentParser's command tree), so an
/// option added, or renamed, without its documentation fails here, naming it.
@Suite("Documented options")
struct DocumentedOptionsTests {
    /// The page that documents each command, by its path under `trailgate` ("" is `trailgate` itself).
    static let pages: [String: String] = [
        "": "README.md",
        "check": "docs/check.md",
        "checks": "docs/checks.md",
        "checks list": "docs/checks.md",
        "fix": "docs/fix.md",
        "snapshot": "docs/snapshot-command.md",
        "policy": "docs/policy.md",
        "policy render": "docs/policy.md",
        "policy merge": "docs/policy.md",
        "policy simulate": "docs/policy.md",
        "validate-logs": "docs/validate-logs.md",
        "logs": "docs/logs.md",
        "logs ingest": "docs/logs.md",
        "logs query": "docs/logs.md",
        "logs investigate": "docs/logs.md",
        "athena": "docs/athena.md",
        "athena ddl": "docs/athena.md",
        "athena run": "docs/athena.md",
        "probe": "docs/probe.md",
    ]

    /// The options ArgumentParser adds to every command; they are documented once, on the root page.
    static let generated: Set<String> = ["help", "version"]

    @Test("every long option that --help shows appears on its command's page")
    func everyOptionOnItsPage() throws {
        let dump = try TrailGateProcess.run(["--experimental-dump-help"])
        try #require(dump.exitCode == 0, "trailgate --experimental-dump-help: \(dump.stderr)")
        let tool = try JSONDecoder().decode(ToolInfo.self, from: Data(dump.stdout.utf8))
        let commands = Self.commands(tool.command, path: [])
        #expect(commands.count > 10, "the command tree has only \(commands.map(\.path))")

        var missing: [String: [String]] = [:]
        var unmapped: [String] = []
        for command in commands {
            let name = command.path.isEmpty ? "trailgate" : "trailgate \(command.path)"
            guard let page = Self.pages[command.path] else {
                unmapped.append(name)
                continue
            }
            let text = try String(
                contentsOf: TrailGateProcess.packageRoot.appendingPathComponent(page), encoding: .utf8)
            let checked =
                command.path.isEmpty ? command.options : command.options.filter { !Self.generated.contains($0) }
            for option in checked where !Self.mentions("--\(option)", in: text) {
                let line = "--\(option) (\(name))"
                if !missing[page, default: []].contains(line) { missing[page, default: []].append(line) }
            }
        }
        #expect(unmapped.isEmpty, "no page is mapped for \(unmapped.joined(separator: ", ")): add it to `pages`")
        let report = missing.keys.sorted().map { page in
            "\(page) lacks:\n" + missing[page, default: []].map { "  \($0)" }.joined(separator: "\n")
        }
        #expect(missing.isEmpty, "\(report.joined(separator: "\n"))")
    }

    @Test(
        "an option is found only as a whole name: --region is not found in --log-region, --output not in --output-file")
    func wholeNames() {
        #expect(Self.mentions("--region", in: "| `--region R` |"))
        #expect(Self.mentions("--region", in: "--region"))
        #expect(!Self.mentions("--region", in: "| `--log-region R` |"))
        #expect(!Self.mentions("--output", in: "`-o`, `--output-file FILE`"))
        #expect(!Self.mentions("--log", in: "--log-region"))
    }

    /// Whether `option` occurs in `text` as a whole name: not followed by a letter, digit or hyphen, and not
    /// preceded by one.
    static func mentions(_ option: String, in text: String) -> Bool {
        let isNamePart: (Character) -> Bool = { $0.isLetter || $0.isNumber || $0 == "-" }
        var searchRange = text.startIndex..<text.endIndex
        while let found = text.range(of: option, range: searchRange) {
            let before = found.lowerBound == text.startIndex ? nil : text[text.index(before: found.lowerBound)]
            let after = found.upperBound == text.endIndex ? nil : text[found.upperBound]
            if !(before.map(isNamePart) ?? false) && !(after.map(isNamePart) ?? false) { return true }
            searchRange = found.upperBound..<text.endIndex
        }
        return false
    }

    /// Every command of the tree under `command` (itself included) with the long names of its displayed options;
    /// ArgumentParser's own `help` subcommand is left out.
    static func commands(_ command: CommandInfo, path: [String]) -> [(path: String, options: [String])] {
        let options = (command.arguments ?? []).filter(\.shouldDisplay).flatMap { argument in
            (argument.names ?? []).filter { $0.kind == "long" }.map(\.name)
        }
        let children = (command.subcommands ?? []).filter { !(path.isEmpty && $0.commandName == "help") }
        return [(path.joined(separator: " "), options)]
            + children.flatMap { commands($0, path: path + [$0.commandName]) }
    }

    /// The parts of ArgumentParser's `ToolInfo` JSON this test reads.
    struct ToolInfo: Decodable {
        var command: CommandInfo
    }

    struct CommandInfo: Decodable {
        var commandName: String
        var arguments: [ArgumentInfo]?
        var subcommands: [CommandInfo]?
    }

    struct ArgumentInfo: Decodable {
        var names: [NameInfo]?
        var shouldDisplay: Bool
    }

    struct NameInfo: Decodable {
        var kind: String
        var name: String
    }
}
