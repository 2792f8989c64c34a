/// CONTRACT PLACEHOLDER: renders a report in the `csv` format.
public struct CSVReportRenderer: ReportRenderer {
    public init() {}

    public func render(_ report: ReadinessReport) -> String {
        ""
    }
}
