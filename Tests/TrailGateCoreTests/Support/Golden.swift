import Foundation
import Testing

/// Files under `Golden/`: expected outputs, compared with what the code produces, and hand-written inputs.
///
/// After an intended change of an output, regenerate the outputs with `TRAILGATE_UPDATE_GOLDEN=1 swift test` and
/// review the diff.
enum Golden {
    static let directory = Fixture.packageRoot.appendingPathComponent("Tests/TrailGateCoreTests/Golden")

    /// The text of `Golden/<path>`.
    static func read(_ path: String) throws -> String {
        try String(contentsOf: directory.appendingPathComponent(path), encoding: .utf8)
    }

    /// Expects `produced` to equal `Golden/<path>`, or writes it there when `TRAILGATE_UPDATE_GOLDEN=1`.
    static func compare(_ produced: String, with path: String, sourceLocation: SourceLocation = #_sourceLocation) throws
    {
        if ProcessInfo.processInfo.environment["TRAILGATE_UPDATE_GOLDEN"] == "1" {
            try produced.write(to: directory.appendingPathComponent(path), atomically: true, encoding: .utf8)
            return
        }
        let expected = try read(path)
        #expect(
            produced == expected, "\(path) differs; rerun with TRAILGATE_UPDATE_GOLDEN=1 after an intended change",
            sourceLocation: sourceLocation)
    }
}
