import Foundation
import Testing

/// The option names of the logs, athena and validate-logs commands: the same names for the same things.
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
        #expect(try help(["athena", "run"]).contains("--format, --output <format>"), "--output is the format")
        for command in [["logs", "query"], ["logs", "investigate"], ["athena", "run"]] {
            #expect(try help(command).contains("--wide"), "\(command)")
        }
    }
}
