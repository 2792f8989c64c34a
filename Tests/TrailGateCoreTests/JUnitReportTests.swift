import Foundation
import Testing
import TrailGateBasics

@testable import TrailGateCore

/// The JUnit XML report, read back with junitparser (a JUnit XML parser from PyPI) as a CI test reporter reads it.
@Suite("JUnit XML report")
struct JUnitReportTests {
    struct Parsed: Decodable {
        var name: String?
        var tests: Int
        var failures: Int
        var errors: Int
        var skipped: Int
        var suites: [ParsedSuite]
    }

    struct ParsedSuite: Decodable {
        var name: String
        var tests: Int
        var failures: Int
        var errors: Int
        var skipped: Int
        var properties: [String: String]
        var cases: [ParsedCase]
    }

    struct ParsedCase: Decodable {
        var classname: String
        var name: String
        var results: [ParsedOutcome]
        var out: String?
    }

    struct ParsedOutcome: Decodable, Equatable {
        var kind: String
        var message: String?
        var type: String?
        var text: String?
    }

    /// The document on standard input as junitparser sees it, as JSON: the counts as written, each suite with its
    /// properties and each case with its failure, error or skipped elements and its system-out.
    static let parse = """
        import json, sys
        from junitparser import JUnitXml
        xml = JUnitXml.fromstring(sys.stdin.buffer.read())
        def counts(node):
            return {"tests": node.tests, "failures": node.failures, "errors": node.errors, "skipped": node.skipped}
        out = {"name": xml.name, **counts(xml), "suites": []}
        for suite in xml:
            cases = []
            for case in suite:
                results = [{"kind": type(r).__name__, "message": r.message, "type": r.type, "text": r.text}
                           for r in case.result]
                cases.append({"classname": case.classname, "name": case.name, "results": results,
                              "out": case.system_out})
            properties = {p.name: p.value for p in suite.properties()}
            out["suites"].append({"name": suite.name, **counts(suite), "properties": properties, "cases": cases})
        print(json.dumps(out))
        """

    private func parsed(_ report: ReadinessReport) throws -> Parsed {
        let xml = JUnitReportRenderer(context: ReportContext()).render(report)
        return try JSONDecoder().decode(Parsed.self, from: Data(try PythonScript.run(Self.parse, input: xml).utf8))
    }

    /// Expects the counts written on the element to be those of its cases' elements.
    private func expectCounts(_ suite: ParsedSuite) {
        let kinds = suite.cases.flatMap { $0.results.map(\.kind) }
        #expect(suite.tests == suite.cases.count, "\(suite.name)")
        #expect(suite.failures == kinds.filter { $0 == "Failure" }.count, "\(suite.name)")
        #expect(suite.errors == kinds.filter { $0 == "Error" }.count, "\(suite.name)")
        #expect(suite.skipped == kinds.filter { $0 == "Skipped" }.count, "\(suite.name)")
    }

    @Test("fail is a failure, unknown an error, not_applicable and waived are skipped, warn passes with a note")
    func outcomes() throws {
        let parsed = try parsed(try ReportSamples.awkward())
        #expect(parsed.name == "trailgate check")
        let counts = [parsed.tests, parsed.failures, parsed.errors, parsed.skipped]
        #expect(counts == [6, 1, 1, 2])
        let suite = try #require(parsed.suites.first)
        #expect(parsed.suites.count == 1)
        #expect(suite.name == "awkward")
        expectCounts(suite)
        #expect(suite.properties["trailArn"] == "arn:aws:cloudtrail:us-east-1:111122223333:trail/awkward")
        #expect(suite.properties["accountId"] == "111122223333")
        #expect(suite.properties["region"] == "us-east-1")
        #expect(suite.properties["ready"] == "false")
        #expect(
            suite.cases.map(\.classname) == [
                "trailgate.trail", "trailgate.trail", "trailgate.trail", "trailgate.bucket", "trailgate.bucket",
                "trailgate.kms",
            ])
        #expect(suite.cases[0].name == "trail.logging: \(CheckCatalogue.metadata(for: .logging).title)")
        #expect(suite.cases[0].results.isEmpty && suite.cases[0].out == nil)
        #expect(suite.cases[1].results.isEmpty)
        #expect(
            suite.cases[1].out?.hasPrefix("warning: trail.multi-region is warn\nevidence:\n  setting: false") == true)
        #expect(suite.cases[2].results.map(\.kind) == ["Error"])
        #expect(suite.cases[2].results[0].message == "trail.log-file-validation is unknown")
        #expect(suite.cases[2].results[0].type == "unknown")
        let failure = try #require(suite.cases[3].results.first)
        #expect(failure.kind == "Failure")
        #expect(failure.type == CheckCatalogue.metadata(for: .bucketEncryption).severity.rawValue)
        let shown = ReportSamples.awkwardText.replacingOccurrences(of: "\u{1B}", with: "\\u{1B}")
        #expect(failure.message == "Bucket says: " + shown)
        #expect(
            failure.text
                == """
                Bucket says: \(shown)
                evidence:
                  policy, quoted: \(shown)
                  count: 3
                  object: {"a":"b, \\"c\\""}
                note: a note, with a comma
                fix: \(CheckCatalogue.metadata(for: .bucketEncryption).remediation)
                  $ aws example --fix
                """)
        #expect(
            suite.cases[4].results == [
                ParsedOutcome(
                    kind: "Skipped",
                    message:
                        "waived: Access logs go to the SIEM instead (accepted by jane@example.com until 2099-12-31)",
                    type: nil, text: nil)
            ])
        #expect(suite.cases[5].results.map(\.kind) == ["Skipped"])
        #expect(suite.cases[5].results[0].message == "not applicable: kms.key-policy-access is not_applicable")
    }

    @Test(
        "every example parses, with a suite per trail and per managed account and consistent counts",
        arguments: GoldenReportTests.examples)
    func examples(_ example: String) throws {
        let report = try ReportSamples.example(example)
        let parsed = try parsed(report)
        let scopes =
            report.trails.map(\.trail.name)
            + (report.organization?.accounts ?? []).map {
                FindingScope.account(id: $0.accountId, name: $0.name).label
            }
        #expect(parsed.suites.map(\.name) == scopes)
        for suite in parsed.suites { expectCounts(suite) }
        #expect(parsed.tests == report.findings.count)
        #expect(parsed.failures == report.count(.fail))
        #expect(parsed.errors == report.count(.unknown))
        #expect(parsed.skipped == report.count(.notApplicable))
    }

    @Test("XML's special and forbidden characters are escaped in names, messages and text")
    func escaping() {
        #expect("a<b>&\"c\" 'd'".xmlEscaped(attribute: true) == "a&lt;b&gt;&amp;&quot;c&quot; &apos;d&apos;")
        #expect("l1\nl2\r\n\tx".xmlEscaped(attribute: true) == "l1&#10;l2&#13;&#10;&#9;x")
        #expect("l1\nl2\r\n\tx".xmlEscaped() == "l1\nl2&#13;\n\tx")
        #expect("\u{0}\u{1B}\u{7F}\u{85}\u{FFFE}ok".xmlEscaped() == "\\u{0}\\u{1B}\\u{7F}\\u{85}\\u{FFFE}ok")
        #expect("]]>".xmlEscaped() == "]]&gt;")
    }
}
