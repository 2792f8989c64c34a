import Foundation
import TestSupport
import Testing

/// Mutated snapshots through the real executable: whatever the bytes, `check` and `fix` exit 0, 1 or 2, and a
/// failure is one `trailgate: error:` line.
@Suite("Mutated snapshots through trailgate")
struct SnapshotMutationTests {
    @Test("200 byte-level mutations of the examples: exits 0, 1 or 2 with at most one error line")
    func mutations() throws {
        var random = SplitMix64(seed: 42)
        let tokens: [[UInt8]] = [[0x22], [0x7B], [0x7D], [0x5D], [0x2C], [0x1B], [0xFF], Array("null".utf8), [0x27]]
        for index in 0..<200 {
            let example = ["needs-work.json", "ready-organization-trail.json", "member-account-view.json"][index % 3]
            var bytes = Array(
                try Data(contentsOf: TrailGateProcess.packageRoot.appendingPathComponent("examples/\(example)")))
            let at = random.below(bytes.count)
            switch random.below(3) {
            case 0: bytes[at] = UInt8(truncatingIfNeeded: random.next())
            case 1: bytes.removeSubrange(at..<min(at + 1 + random.below(40), bytes.count))
            default: bytes.insert(contentsOf: random.pick(tokens), at: at)
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
