import Foundation
import Testing

/// The help of the logs, athena and validate-logs commands at 80 columns: nothing wider, examples that fit a
/// terminal as they are copied, quoted SQL on one line, and the same option names for the same things.
@Suite("logs, athena and validate-logs help")
struct LogsHelpTests {
    static let commands: [[String]] = [
        ["logs"], ["logs", "ingest"], ["logs", "query"], ["logs", "investigate"], ["athena"], ["athena", "ddl"],
        ["athena", "run"], ["validate-logs"],
    ]

    func help(_ command: [String]) throws -> String {
        let outcome = try TrailGateProcess.run(command + ["--help"], environment: ["COLUMNS": "80"])
        #expect(outcome.exitCode == 0, "\(command): \(outcome.stderr)")
        return outcome.stdout
    }

    @Test("help reads at 80 columns: no line wider, no example line over 78, no quoted SQL split", arguments: commands)
    func eightyColumns(_ command: [String]) throws {
        let lines = try help(command).split(separator: "\n", omittingEmptySubsequences: false)
        for line in lines { #expect(line.count <= 80, "\(command): \(line)") }
        var inExample = false
        for line in lines {
            if line.hasPrefix("  trailgate ") { inExample = true }
            guard inExample else { continue }
            #expect(line.count <= 78, "\(command): \(line)")
            #expect(line.filter { $0 == "\"" }.count % 2 == 0, "\(command): a quote left open: \(line)")
            inExample = line.hasSuffix("\\")
        }
    }

    @Test("the logs' accounts and Regions are --log-account and --log-region; --region is the API Region")
    func vocabulary() throws {
        for command in Self.commands.filter({ $0.count == 2 || $0 == ["validate-logs"] }) {
            let text = try help(command)
            #expect(!text.contains("--account "), "\(command)")
            #expect(!text.contains("--accounts "), "\(command)")
            #expect(!text.contains("--regions "), "\(command)")
            if command != ["logs", "query"] {
                #expect(text.contains("--log-region <region>"), "\(command)")
            }
            for line in text.split(separator: "\n") where line.contains("--region <") {
                #expect(!line.contains("Only") && !line.contains("chains"), "\(command): \(line)")
            }
        }
        #expect(try help(["athena", "run"]).contains("--output-location <s3-uri>"))
        #expect(!(try help(["athena", "run"])).contains("--output <"))
        for command in [["logs", "query"], ["logs", "investigate"], ["athena", "run"]] {
            #expect(try help(command).contains("--wide"), "\(command)")
        }
    }
}
