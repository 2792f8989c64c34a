/// Turns a readiness report into one output format.
public protocol ReportRenderer: Sendable {
    func render(_ report: ReadinessReport) -> String
}

/// What a renderer may need beside the report: where the data came from and where the report goes.
public struct ReportContext: Sendable {
    /// TrailGate's version, as `trailgate --version` prints it.
    public static let toolVersion = "0.1.0"

    /// The snapshot file as given on the command line; nil when the account was read live.
    public var source: String?
    /// The file the report is written to (`-o`); nil for standard output.
    public var outputFile: String?
    /// The Region findings are imported into (ASFF's `ProductArn`); nil to use each trail's home Region.
    public var securityHubRegion: String?
    /// ANSI colours in the text format.
    public var colour: Bool
    /// Evidence and notes of passing checks too, in the text format.
    public var verbose: Bool
    /// Only the checks that do not pass, in the text format.
    public var quiet: Bool

    public init(
        source: String? = nil, outputFile: String? = nil, securityHubRegion: String? = nil, colour: Bool = false,
        verbose: Bool = false, quiet: Bool = false
    ) {
        self.source = source
        self.outputFile = outputFile
        self.securityHubRegion = securityHubRegion
        self.colour = colour
        self.verbose = verbose
        self.quiet = quiet
    }
}

/// Every format a readiness report can be written in.
public enum ReportFormat: String, Sendable, CaseIterable {
    case text, json, sarif, junit, csv, markdown, html, asff

    /// The renderer of this format.
    public func renderer(_ context: ReportContext) -> any ReportRenderer {
        switch self {
        case .text: TextReportRenderer(colour: context.colour, verbose: context.verbose, quiet: context.quiet)
        case .json: JSONReportRenderer()
        case .sarif: SARIFReportRenderer(context: context)
        case .junit: JUnitReportRenderer(context: context)
        case .csv: CSVReportRenderer()
        case .markdown: MarkdownReportRenderer(context: context)
        case .html: HTMLReportRenderer(context: context)
        case .asff: ASFFReportRenderer(context: context)
        }
    }
}

extension TextReportRenderer: ReportRenderer {}
extension JSONReportRenderer: ReportRenderer {}
