import Testing

@testable import TrailGateCore

/// The SARIF, JUnit XML and CSV reports of the bundled examples, compared with the files in `Golden/formats/`; the
/// SARIF locations name the example as the snapshot file.
///
/// After an intended change of the output, regenerate them with `TRAILGATE_UPDATE_GOLDEN=1 swift test` and review
/// the diff.
@Suite("Golden SARIF, JUnit and CSV reports of the examples")
struct MachineFormatGoldenTests {
    private func context(_ example: String) -> ReportContext {
        ReportContext(source: "examples/\(example).json")
    }

    @Test("SARIF report", arguments: GoldenReportTests.examples)
    func sarif(_ example: String) throws {
        let report = try ReportSamples.example(example)
        try Golden.compare(
            SARIFReportRenderer(context: context(example)).render(report), with: "formats/\(example).sarif")
    }

    @Test("JUnit XML report", arguments: GoldenReportTests.examples)
    func junit(_ example: String) throws {
        let report = try ReportSamples.example(example)
        try Golden.compare(
            JUnitReportRenderer(context: context(example)).render(report), with: "formats/\(example).junit.xml")
    }

    @Test("CSV report", arguments: GoldenReportTests.examples)
    func csv(_ example: String) throws {
        try Golden.compare(
            CSVReportRenderer().render(try ReportSamples.example(example)), with: "formats/\(example).csv")
    }
}
