import Foundation
import Testing

/// Mutated snapshots through the real executable: whatever the bytes, `check` and `fix` exit 0, 1 or 2, and a
/// failure is one `trailgate: error:` line.
@Suite("Mutated snapshots through trailgate")
struct SnapshotMutationTests {
    @Test("200 byte-level mutations of the examples: exits 0, 1 or 2 with at most one error line")
    func mutations() throws {
        var state: UInt64 = 42
        func next() -> Int {
            state &+= 0x9E37_79B9_7F4A_7C15
            var z = state
            z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
            z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
            return Int((z ^ (z >> 31)) % 1_000_000_007)
        }
        let tokens: [[UInt8]] = [[0x22], [0x7B], [0x7D], [0x5D], [0x2C], [0x1B], [0xFF], Array("null".utf8), [0x27]]
        for index in 0..<200 {
            let example = ["needs-work.json", "ready-organization-trail.json", "member-account-view.json"][index % 3]
            var bytes = Array(
                try Data(contentsOf: TrailGateProcess.packageRoot.appendingPathComponent("examples/\(example)")))
            let at = next() % bytes.count
            switch next() % 3 {
            case 0: bytes[at] = UInt8(truncatingIfNeeded: next())
            case 1: bytes.removeSubrange(at..<min(at + 1 + next() % 40, bytes.count))
            default: bytes.insert(contentsOf: tokens[next() % tokens.count], at: at)
            }
            let command = index % 5 == 0 ? "fix" : "check"
            let outcome = try TrailGateProcess.run(
                [command, "--snapshot", "-"], stdin: String(decoding: bytes, as: UTF8.self))
            #expect([0, 1, 2].contains(outcome.exitCode), "mutation \(index): \(outcome.stderr)")
            if outcome.exitCode == 2 {
                #expect(outcome.stderr.hasPrefix("trailgate: error: "), "mutation \(index)")
                #expect(outcome.stderr.filter { $0 == "\n" }.count == 1, "mutation \(index): \(outcome.stderr)")
            }
        }
    }
}
