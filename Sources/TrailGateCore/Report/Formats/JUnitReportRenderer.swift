/// CONTRACT PLACEHOLDER: renders a report in the `junit` format.
public struct JUnitReportRenderer: ReportRenderer {
    public var context: ReportContext

    public init(context: ReportContext) {
        self.context = context
    }

    public func render(_ report: ReadinessReport) -> String {
        ""
    }
}
