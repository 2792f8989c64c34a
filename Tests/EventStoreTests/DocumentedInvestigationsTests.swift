import Foundation
import Testing

@testable import EventStore

/// docs/logs.md's investigation table is the catalogue's, row for row.
@Suite("Documented investigations")
struct DocumentedInvestigationsTests {
    @Test("docs/logs.md lists every investigation of the catalogue, in catalogue order")
    func logsPageTable() throws {
        let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent()
        let text = try String(contentsOf: root.appendingPathComponent("docs/logs.md"), encoding: .utf8)
        let section = try #require(text.components(separatedBy: "## Investigations").dropFirst().first)
        let names = section.split(separator: "\n")
            .prefix { !$0.hasPrefix("#") }
            .compactMap { line -> String? in
                guard line.hasPrefix("| `") else { return nil }
                return line.dropFirst(3).split(separator: "`").first.map(String.init)
            }
        #expect(names == InvestigationCatalogue.all.map(\.name))
    }
}
