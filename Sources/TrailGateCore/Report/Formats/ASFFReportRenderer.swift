/// CONTRACT PLACEHOLDER: renders a report in the `asff` format.
public struct ASFFReportRenderer: ReportRenderer {
    public var context: ReportContext

    public init(context: ReportContext) {
        self.context = context
    }

    public func render(_ report: ReadinessReport) -> String {
        ""
    }
}
