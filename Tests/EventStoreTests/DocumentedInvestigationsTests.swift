import Foundation
import TestSupport
import Testing

@testable import EventStore

/// docs/logs.md's investigation table is the catalogue's, row for row; the failure prints the table to paste.
@Suite("Documented investigations")
struct DocumentedInvestigationsTests {
    @Test("docs/logs.md lists every investigation of the catalogue, in catalogue order")
    func logsPageTable() throws {
        let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent()
        let text = try String(contentsOf: root.appendingPathComponent("docs/logs.md"), encoding: .utf8)
        let names = MarkdownTable.firstColumn(of: text, after: "## Investigations")
        let expected = InvestigationCatalogue.all.map { investigation in
            let documented = text.split(separator: "\n").first { $0.hasPrefix("| `\(investigation.name)` |") }
            return documented.map(String.init) ?? "| `\(investigation.name)` | \(investigation.summary) |"
        }
        #expect(
            names == InvestigationCatalogue.all.map(\.name),
            """
            docs/logs.md, section "## Investigations": the table must be, row for row:
            | name | finds |
            |---|---|
            \(expected.joined(separator: "\n"))
            """)
    }
}
