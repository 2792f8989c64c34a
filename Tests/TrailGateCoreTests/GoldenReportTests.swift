import Foundation
import Testing

@testable import TrailGateCore

/// The full text and JSON reports of the bundled examples, compared with the files in `Golden/`.
///
/// After an intended change of the output, regenerate them with `TRAILGATE_UPDATE_GOLDEN=1 swift test`
/// and review the diff.
@Suite("Golden reports of the examples")
struct GoldenReportTests {
    static let examples = ["ready-organization-trail", "needs-work", "member-account-view", "organization"]
    private static let goldenDirectory = Fixture.packageRoot.appendingPathComponent("Tests/TrailGateCoreTests/Golden")

    private func compare(_ rendered: String, with name: String) throws {
        let url = Self.goldenDirectory.appendingPathComponent(name)
        if ProcessInfo.processInfo.environment["TRAILGATE_UPDATE_GOLDEN"] == "1" {
            try rendered.write(to: url, atomically: true, encoding: .utf8)
            return
        }
        let expected = try String(contentsOf: url, encoding: .utf8)
        #expect(rendered == expected, "\(name) differs; rerun with TRAILGATE_UPDATE_GOLDEN=1 after an intended change")
    }

    private func report(_ example: String) throws -> ReadinessReport {
        try ReadinessChecker().run(try Fixture.parse(try Fixture.example("\(example).json")))
    }

    @Test("text report", arguments: examples)
    func text(_ example: String) throws {
        try compare(TextReportRenderer().render(try report(example)), with: "\(example).txt")
    }

    @Test("JSON report", arguments: examples)
    func json(_ example: String) throws {
        try compare(JSONReportRenderer().render(try report(example)), with: "\(example).json")
    }
}
