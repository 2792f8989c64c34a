/// CONTRACT PLACEHOLDER: renders a report in the `sarif` format.
public struct SARIFReportRenderer: ReportRenderer {
    public var context: ReportContext

    public init(context: ReportContext) {
        self.context = context
    }

    public func render(_ report: ReadinessReport) -> String {
        ""
    }
}
