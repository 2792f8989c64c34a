import Foundation
import TestSupport
import Testing
import TrailGateCore

/// The README's check table is the registry's, row for row: a check added, removed or reordered without its
/// row fails here.
@Suite("Documented checks")
struct DocumentedChecksTests {
    @Test("the README's check table lists every registered check, in report order")
    func readmeTable() throws {
        let readme = try String(contentsOf: Fixture.packageRoot.appendingPathComponent("README.md"), encoding: .utf8)
        let ids = MarkdownTable.firstColumn(of: readme, after: "#### Checks")
        #expect(ids == CheckRegistry.all.map(\.id.rawValue))
    }

    @Test("ids are unique and every check named in the registry can be found by its id")
    func uniqueIds() {
        let ids = CheckRegistry.all.map(\.id)
        #expect(Set(ids).count == ids.count)
        for id in ids { #expect(CheckRegistry.id(named: id.rawValue) == id) }
        #expect(CheckRegistry.id(named: "trail.multi-regions") == nil)
    }
}
