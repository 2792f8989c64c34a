import Foundation
import TestSupport
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
        let names = MarkdownTable.firstColumn(of: text, after: "## Investigations")
        #expect(names == InvestigationCatalogue.all.map(\.name))
    }
}
