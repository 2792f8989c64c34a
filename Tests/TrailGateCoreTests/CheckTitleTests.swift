import Testing
import TrailGateCore

/// A check's title is printed beside every status (`✘ FAIL`, `✔ PASS`, `? UNKNOWN`, `– N/A`), so it names what is
/// judged and never claims an outcome.
@Suite("Check titles")
struct CheckTitleTests {
    /// Phrases that assert an outcome: beside FAIL they say the opposite of the truth.
    static let outcomeClaims = [
        " is ", " are ", " has ", " have ", " grants ", " keeps ", " lets ", " encrypts ", " includes ", " can ",
        " cannot ", " not ", " Nobody ",
    ]

    @Test(
        "no check's title asserts an outcome",
        arguments: CheckRegistry.definitions.map { ($0.id.rawValue, $0.title) })
    func neutral(id: String, title: String) {
        let padded = " " + title + " "
        for claim in Self.outcomeClaims {
            #expect(!padded.contains(claim), "\(id): the title \"\(title)\" asserts an outcome (\"\(claim)\")")
        }
    }

    @Test(
        "the refused forms are caught",
        arguments: ["Log file integrity validation is on", "KMS events are not excluded"])
    func refusesClaims(title: String) {
        #expect(Self.outcomeClaims.contains { (" " + title + " ").contains($0) })
    }

    @Test(
        "a title fits the status line at 100 columns",
        arguments: CheckRegistry.definitions.map(\.title))
    func fits(title: String) {
        #expect(4 + 10 + 1 + 28 + 1 + title.count <= 100, "\(title)")
    }
}
