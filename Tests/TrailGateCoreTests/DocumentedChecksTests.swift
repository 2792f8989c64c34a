import Foundation
import Testing
import TrailGateCore

/// docs/check.md's check table is the registries', row for row (the trail checks, then the account checks): a check added, removed, reordered or retitled
/// without its row fails here, and the failure prints the table to paste.
@Suite("Documented checks")
struct DocumentedChecksTests {
    @Test("docs/check.md's check table lists every registered check's id and title, in report order")
    func checkPageTable() throws {
        let page = try String(
            contentsOf: Fixture.packageRoot.appendingPathComponent("docs/check.md"), encoding: .utf8)
        let documented = Self.rows(of: page, after: "## Checks")
        let registered =
            CheckRegistry.definitions.map { (id: $0.id.rawValue, title: $0.title) }
        let expected = registered.map { check in
            let passesWhen = documented.first { $0.id == check.id }?.passesWhen ?? "…"
            return "| `\(check.id)` | \(check.title) | \(passesWhen) |"
        }
        #expect(
            documented.map { "\($0.id) | \($0.title)" } == registered.map { "\($0.id) | \($0.title)" },
            """
            docs/check.md, section "## Checks": the table must be, row for row (keep the third column):
            | id | title | passes when |
            |---|---|---|
            \(expected.joined(separator: "\n"))
            """)
    }

    @Test("ids are unique and every check named in the registry can be found by its id")
    func uniqueIds() {
        let ids = CheckRegistry.all.map(\.id)
        let all = ids + AccountCheckRegistry.all.map(\.id)
        #expect(Set(all).count == all.count)
        for id in all { #expect(CheckRegistry.id(named: id.rawValue) == id) }
        #expect(CheckRegistry.id(named: "trail.multi-regions") == nil)
    }

    /// The rows (`` | `id` | title | passes when | ``) of the table after `heading`, up to the next heading.
    private static func rows(of text: String, after heading: String) -> [(
        id: String, title: String, passesWhen: String
    )] {
        guard let section = text.components(separatedBy: heading + "\n").dropFirst().first else { return [] }
        return section.split(separator: "\n")
            .prefix { !$0.hasPrefix("#") }
            .compactMap { line in
                guard line.hasPrefix("| `") else { return nil }
                let cells = line.dropFirst().dropLast().split(separator: "|", maxSplits: 2)
                    .map { $0.trimmingCharacters(in: .whitespaces) }
                guard cells.count == 3 else { return nil }
                return (
                    id: cells[0].trimmingCharacters(in: CharacterSet(charactersIn: "`")), title: cells[1],
                    passesWhen: cells[2]
                )
            }
    }
}
