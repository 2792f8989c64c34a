/// CONTRACT PLACEHOLDER: renders a report in the `markdown` format.
public struct MarkdownReportRenderer: ReportRenderer {
    public var context: ReportContext

    public init(context: ReportContext) {
        self.context = context
    }

    public func render(_ report: ReadinessReport) -> String {
        ""
    }
}
