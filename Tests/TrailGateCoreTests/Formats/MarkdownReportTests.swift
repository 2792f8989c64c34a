import Testing

@testable import TrailGateCore

@Suite("Markdown report")
struct MarkdownReportTests {
    private let renderer = MarkdownReportRenderer(context: ReportContext(source: "snap.json"))

    @Test("the heading says the verdict; the table lists what does not pass, blocking first, with severity")
    func table() {
        let markdown = renderer.render(
            FormatFixtures.synthetic(trails: 1, statuses: [.pass, .warn, .fail, .notApplicable]))
        #expect(markdown.hasPrefix("## ❌ TrailGate: NOT READY: 1 check fails\n"))
        #expect(markdown.contains("**Checks:** 1 pass · 1 fail · 1 warn · 0 unknown · 1 not applicable\n"))
        #expect(markdown.contains("from `snap.json`."))
        let rows = markdown.split(separator: "\n").filter { $0.hasPrefix("| trail-0 ") }
        #expect(rows.count == 2)
        #expect(rows.first?.contains("❌ fail") == true)
        #expect(rows.last?.contains("⚠️ warn") == true)
        let severity = CheckCatalogue.metadata(for: "trail.global-service-events").severity.rawValue
        #expect(rows.first?.contains("| `trail.global-service-events` Global service events | \(severity) |") == true)
        #expect(!markdown.contains("summary 0/0"))
        #expect(!markdown.contains("summary 0/3"))
    }

    @Test("each open finding's fix is collapsed, with its commands in a fenced block")
    func fixes() {
        let markdown = renderer.render(
            FormatFixtures.synthetic(trails: 1, statuses: [.fail], commands: ["aws cloudtrail start-logging"]))
        #expect(markdown.contains("### Fixes\n\n<details>\n<summary>trail.logging on trail-0</summary>\n\ndo it\n"))
        #expect(markdown.contains("```sh\naws cloudtrail start-logging\n```\n\n</details>"))
    }

    @Test("table cells escape pipes, line breaks and HTML; code blocks outlast backticks in commands")
    func escaping() {
        let markdown = renderer.render(
            FormatFixtures.synthetic(
                trails: 1, statuses: [.fail], summary: "a | b\nc <script>", commands: ["echo ```"]))
        #expect(markdown.contains("| a \\| b<br>c &lt;script&gt; 0/0 |"))
        #expect(!markdown.contains("<script>"))
        #expect(markdown.contains("````sh\necho ```\n````"))
    }

    @Test("waived results are listed apart with their reason, not in the table")
    func waived() {
        var report = FormatFixtures.synthetic(trails: 1, statuses: [.fail, .fail])
        report.trails[0].results[0].result.waiver = FormatFixtures.waiver
        let markdown = renderer.render(report)
        #expect(
            markdown.contains(
                "### Waived\n\n- `trail.logging` on trail-0 (fail): Regional trail &lt;by design&gt; | ok — accepted by "
                    + "alice@example.com until 2027-01-31"))
        #expect(markdown.split(separator: "\n").filter { $0.hasPrefix("| trail-0 ") }.count == 1)
        #expect(markdown.contains("· 1 waived"))
    }

    @Test("a ready report has no table")
    func ready() {
        let markdown = renderer.render(FormatFixtures.synthetic(trails: 1, statuses: [.pass, .pass]))
        #expect(markdown.hasPrefix("## ✅ TrailGate: READY\n"))
        #expect(!markdown.contains("| Trail / account |"))
    }

    @Test("a report too big for a comment drops fixes, then rows, from the end, and says how many")
    func truncation() {
        let report = FormatFixtures.synthetic(
            trails: 400, statuses: [.fail, .fail, .warn, .unknown], summary: String(repeating: "long ", count: 20),
            commands: [String(repeating: "aws s3api put-bucket-policy ", count: 4)])
        let full = MarkdownReportRenderer(context: ReportContext(), limit: .max).render(report)
        #expect(full.utf8.count > MarkdownReportRenderer.commentLimit)
        let markdown = renderer.render(report)
        #expect(markdown.utf8.count <= MarkdownReportRenderer.commentLimit)
        let rows = markdown.split(separator: "\n").filter { $0.hasPrefix("| trail-") }.count
        let shown = 1600 - rows
        #expect(shown > 0)
        #expect(markdown.contains("_\(shown) more findings not shown (see the full report)._"))
        #expect(!markdown.contains("<details>"))
        #expect(markdown.hasSuffix("._\n"))
    }

    @Test("only fixes are dropped when the rows fit")
    func fixesDropped() {
        let report = FormatFixtures.synthetic(trails: 40, statuses: [.fail, .fail])
        let small = MarkdownReportRenderer(context: ReportContext(), limit: 12_000).render(report)
        #expect(small.utf8.count <= 12_000)
        #expect(small.split(separator: "\n").filter { $0.hasPrefix("| trail-") }.count == 80)
        let details = small.components(separatedBy: "<details>").count - 1
        #expect(details < 80)
        #expect(
            small.contains("_The fixes of \(80 - details) findings in the table are not shown (see the full report)._"))
        #expect(!small.contains("more findings not shown"))
    }

    @Test("golden Markdown of the examples", arguments: FormatFixtures.examples)
    func golden(_ example: String) throws {
        let context = ReportContext(source: "examples/\(example).json")
        try Golden.compare(
            MarkdownReportRenderer(context: context).render(try FormatFixtures.example(example)),
            with: "formats/\(example).md")
    }
}
