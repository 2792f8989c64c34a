import Testing

@testable import TrailGateCore

@Suite("Fix plan as Markdown")
struct FixPlanMarkdownTests {
    private func plans(_ example: String) throws -> [FixPlan] {
        try FixPlanner().plans(for: Fixture.parse(Fixture.example("\(example).json")), checkOptions: CheckOptions())
    }

    @Test("each change with the checks it fixes, its command in a fenced block and a collapsed diff")
    func changes() throws {
        let plans = try plans("needs-work")
        let markdown = FixPlanMarkdownRenderer().render(plans)
        let changes = plans.reduce(0) { $0 + $1.changes.count }
        #expect(changes > 0)
        #expect(markdown.hasPrefix("## TrailGate fix plan: \(changes) changes, "))
        #expect(markdown.contains("Nothing has changed."))
        for change in plans.flatMap(\.changes) {
            #expect(markdown.contains("```sh\n\(change.action.cliCommand(on: change.resource))\n```"))
        }
        #expect(markdown.components(separatedBy: "<details>").count - 1 == changes)
        #expect(markdown.contains("```diff\n--- "))
    }

    @Test("a ready trail needs nothing")
    func ready() throws {
        let markdown = FixPlanMarkdownRenderer().render(try plans("ready-organization-trail"))
        #expect(markdown.contains("No changes needed: every fixable check passes."))
        #expect(!markdown.contains("Nothing has changed."))
    }

    @Test("golden Markdown plans of the examples", arguments: FormatFixtures.examples)
    func golden(_ example: String) throws {
        try Golden.compare(FixPlanMarkdownRenderer().render(try plans(example)), with: "fix/\(example).md")
    }
}
