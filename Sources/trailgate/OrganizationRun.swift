import Foundation
import OrderedJSON
import TrailGateLive

extension AWSOptions {
    /// Reads the organization live into a version-2 snapshot, with a progress line on a terminal; `verbose` logs
    /// each request to standard error, redacted.
    func collectOrganization(trail: String?, request: OrganizationScanRequest, verbose: Bool) async throws
        -> JSONValue
    {
        let line = isatty(STDERR_FILENO) == 1 && !verbose ? ProgressLine() : nil
        defer { line?.finish() }
        var progress: (@Sendable (OrganizationScanProgress) -> Void)?
        if let line { progress = { line.show($0) } }
        let observer = progress
        return try await withSession(verbose: verbose) { session in
            try await OrganizationCollector(session: session, request: request, progress: observer).collect(
                trail: trail)
        }
    }
}

/// One line on standard error, redrawn at most ten times a second: accounts read of those in scope, calls, errors.
final class ProgressLine: @unchecked Sendable {
    private let lock = NSLock()
    private var lastDrawn = Date.distantPast
    private var latest: OrganizationScanProgress?

    func show(_ progress: OrganizationScanProgress) {
        lock.lock()
        defer { lock.unlock() }
        latest = progress
        let now = Date()
        guard now.timeIntervalSince(lastDrawn) >= 0.1 else { return }
        lastDrawn = now
        draw(progress)
    }

    /// Draws the final counts and ends the line, so what follows starts on a fresh one.
    func finish() {
        lock.lock()
        defer { lock.unlock() }
        guard let latest else { return }
        draw(latest)
        StandardError.print("")
    }

    private func draw(_ progress: OrganizationScanProgress) {
        let accounts =
            progress.accountsTotal == 0
            ? "reading the organization" : "accounts \(progress.accountsDone)/\(progress.accountsTotal)"
        StandardError.print(
            "\r\u{1B}[K\(accounts), \(progress.calls) calls, \(progress.errors) "
                + (progress.errors == 1 ? "error" : "errors"), newline: false)
    }
}
