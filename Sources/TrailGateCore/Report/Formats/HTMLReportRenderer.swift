/// CONTRACT PLACEHOLDER: renders a report in the `html` format.
public struct HTMLReportRenderer: ReportRenderer {
    public var context: ReportContext

    public init(context: ReportContext) {
        self.context = context
    }

    public func render(_ report: ReadinessReport) -> String {
        ""
    }
}
