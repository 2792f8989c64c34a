import TrailGateCore

/// Every report format is an output format of `check`; text unless an option or the configuration names another.
extension ReportFormat: OutputFormat {
    static var standard: ReportFormat { .text }
}
