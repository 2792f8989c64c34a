import Foundation
import Testing

@testable import TrailGateCore

@Suite("HTML report")
struct HTMLReportTests {
    private let renderer = HTMLReportRenderer(context: ReportContext(source: "snap.json"))

    @Test("one page: verdict, trail section per area, evidence, severity, fix commands in copyable blocks")
    func content() {
        let html = renderer.render(FormatFixtures.synthetic(trails: 1, statuses: [.fail, .pass]))
        #expect(html.hasPrefix("<!DOCTYPE html>\n"))
        #expect(html.contains("<h1 id=\"verdict\">NOT READY: 1 check fails</h1>"))
        #expect(html.contains("<h2>Trail trail-0</h2>"))
        #expect(html.contains("<h3>Trail</h3>"))
        let severity = CheckCatalogue.metadata(for: "trail.logging").severity.rawValue
        #expect(html.contains("<span class=\"severity \(severity)\">\(severity)</span>"))
        #expect(html.contains("<dt>field</dt><dd>false</dd>"))
        #expect(html.contains("<button type=\"button\" class=\"copy\">Copy</button><pre><code>aws x</code></pre>"))
        #expect(html.contains("@media print"))
    }

    @Test("all text from the snapshot is escaped")
    func escaping() {
        var report = FormatFixtures.synthetic(
            trails: 1, statuses: [.fail], summary: "<img src=x onerror=alert(1)> & \"q\"",
            commands: ["echo '<b>'"])
        report.trails[0].results[0].result.waiver = FormatFixtures.waiver
        let html = renderer.render(report)
        #expect(!html.contains("<img"))
        #expect(!html.contains("<b>"))
        #expect(html.contains("&lt;img src=x onerror=alert(1)&gt; &amp; &quot;q&quot;"))
        #expect(html.contains("echo &apos;&lt;b&gt;&apos;"))
        #expect(html.contains("Regional trail &lt;by design&gt; | ok"))
        #expect(html.contains("<span class=\"waiver-mark\">waived</span>"))
    }

    @Test("self-contained: no external scripts, styles, fonts or images", arguments: FormatFixtures.examples)
    func selfContained(_ example: String) throws {
        let html = renderer.render(try FormatFixtures.example(example))
        for attribute in ["src=", "href=", "@import", "url("] {
            #expect(!html.lowercased().contains(attribute), "\(attribute) in \(example)")
        }
        #expect(!html.contains("<link"))
    }

    @Test("rendered by headless Chromium: the verdict and every failing check's title are on the page")
    func browser() throws {
        let chromium = try #require(
            ["/usr/bin/chromium", "/usr/bin/chromium-browser"].first {
                FileManager.default.isExecutableFile(atPath: $0)
            },
            "Debian's chromium is not installed; scripts/test installs it")
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent(
            "trailgate-html-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        let report = try FormatFixtures.example("needs-work")
        let page = folder.appendingPathComponent("report.html")
        try renderer.render(report).write(to: page, atomically: true, encoding: .utf8)

        let flags = ["--headless", "--no-sandbox", "--disable-gpu", "--user-data-dir=\(folder.path)/profile"]
        let dom = try Self.run(chromium, flags + ["--dump-dom", page.absoluteString])
        #expect(dom.contains(Self.serialized(TextReportRenderer().verdict(report))))
        let failing = report.findings.filter { $0.result.status == .fail }
        #expect(!failing.isEmpty)
        for finding in failing {
            #expect(dom.contains(Self.serialized(finding.result.title)), "\(finding.result.title)")
        }
        let screenshot = folder.appendingPathComponent("report.png")
        _ = try Self.run(
            chromium, flags + ["--screenshot=\(screenshot.path)", "--window-size=1280,2000", page.absoluteString])
        let size = try FileManager.default.attributesOfItem(atPath: screenshot.path)[.size] as? Int ?? 0
        #expect(size > 10_000, "the screenshot \(screenshot.path) is empty")
    }

    /// Text as a browser serializes it in element content.
    private static func serialized(_ text: String) -> String {
        text.replacingOccurrences(of: "&", with: "&amp;").replacingOccurrences(of: "<", with: "&lt;")
            .replacingOccurrences(of: ">", with: "&gt;")
    }

    /// Runs `executable` and returns its standard output.
    private static func run(_ executable: String, _ arguments: [String]) throws -> String {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: executable)
        process.arguments = arguments
        let output = Pipe()
        process.standardOutput = output
        process.standardError = FileHandle.nullDevice
        try process.run()
        let data = output.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return String(decoding: data, as: UTF8.self)
    }

    @Test("golden HTML of the examples", arguments: FormatFixtures.examples)
    func golden(_ example: String) throws {
        let context = ReportContext(source: "examples/\(example).json")
        try Golden.compare(
            HTMLReportRenderer(context: context).render(try FormatFixtures.example(example)),
            with: "formats/\(example).html")
    }
}
