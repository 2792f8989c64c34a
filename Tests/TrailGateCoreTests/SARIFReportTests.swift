import Foundation
import OrderedJSON
import Testing

@testable import TrailGateCore

/// The SARIF report: valid against the OASIS SARIF 2.1.0 schema, and shaped as GitHub code scanning reads it.
@Suite("SARIF report")
struct SARIFReportTests {
    static let schemaFile = Fixture.packageRoot
        .appendingPathComponent("../shared/datasets/sarif-2.1.0/sarif-schema-2.1.0.json").standardized

    /// The schema errors of the SARIF document on standard input (one per line, with their path), or nothing.
    static let validate = """
        import json, sys
        from jsonschema import validators
        schema = json.load(open(sys.argv[1]))
        cls = validators.validator_for(schema)
        cls.check_schema(schema)
        validator = cls(schema, format_checker=cls.FORMAT_CHECKER)
        for error in validator.iter_errors(json.load(sys.stdin)):
            print("/".join(str(p) for p in error.absolute_path) + ": " + error.message)
        """

    private func schemaErrors(_ sarif: String) throws -> String {
        try PythonScript.run(Self.validate, input: sarif, arguments: [Self.schemaFile.path])
    }

    private func render(_ report: ReadinessReport, _ context: ReportContext = ReportContext()) throws -> JSONValue {
        try JSONValue.parse(Data(SARIFReportRenderer(context: context).render(report).utf8))
    }

    @Test("the report of every example validates against the SARIF 2.1.0 schema", arguments: GoldenReportTests.examples)
    func examplesValidate(_ example: String) throws {
        let context = ReportContext(source: "examples/\(example).json")
        let errors = try schemaErrors(SARIFReportRenderer(context: context).render(try ReportSamples.example(example)))
        #expect(errors == "", "\(example): \(errors)")
    }

    @Test("a report with every status, a waiver and awkward text validates against the schema")
    func awkwardValidates() throws {
        let sarif = SARIFReportRenderer(context: ReportContext()).render(try ReportSamples.awkward())
        #expect(try schemaErrors(sarif) == "")
    }

    @Test("the validator rejects a document that breaks the schema")
    func validatorRejects() throws {
        let errors = try schemaErrors(#"{"version": "2.1.0", "runs": [{"tool": {"driver": {}}}]}"#)
        #expect(errors.contains("'name' is a required property"))
    }

    @Test("one rule per catalogue check, with its texts, level, security-severity and compliance tags")
    func rules() throws {
        let sarif = try render(ReportSamples.awkward())
        #expect(sarif["$schema"] == "https://json.schemastore.org/sarif-2.1.0.json")
        #expect(sarif["version"] == "2.1.0")
        let driver = try #require(sarif["runs"]?[0]?["tool"]?["driver"])
        #expect(driver["name"] == "trailgate")
        #expect(driver["version"] == .string(ReportContext.toolVersion))
        let rules = try #require(driver["rules"]?.arrayValue)
        #expect(rules.compactMap { $0["id"]?.stringValue } == CheckCatalogue.all.map(\.id.rawValue))
        let logging = CheckCatalogue.metadata(for: .logging)
        let rule = try #require(rules.first { $0["id"] == "trail.logging" })
        #expect(rule["name"] == "TrailLogging")
        #expect(rule["shortDescription"]?["text"] == .string(logging.title))
        #expect(rule["fullDescription"]?["text"] == .string(logging.requirement))
        let help = try #require(rule["help"]?["text"]?.stringValue)
        #expect(help.contains(logging.requirement) && help.contains(logging.remediation))
        #expect(help.contains(logging.severityReason))
        #expect(rule["help"]?["markdown"]?.stringValue?.contains("**Fix:** " + logging.remediation) == true)
        #expect(rule["defaultConfiguration"]?["level"] == .string(SARIFReportRenderer.level(of: logging.severity)))
        #expect(rule["properties"]?["severity"] == .string(logging.severity.rawValue))
        #expect(
            rule["properties"]?["security-severity"]
                == .string(SARIFReportRenderer.securitySeverity(of: logging.severity)))
        let tags = rule["properties"]?["tags"]?.arrayValue?.compactMap(\.stringValue)
        #expect(tags == ["security", "trail"] + logging.complianceTags)
    }

    @Test("security-severity falls in GitHub's band for the severity")
    func securitySeverityBands() throws {
        let bands: [Severity: ClosedRange<Double>] = [
            .critical: 9.0...10.0, .high: 7.0...8.9, .medium: 4.0...6.9, .low: 0.1...3.9,
        ]
        for severity in Severity.allCases {
            let score = try #require(Double(SARIFReportRenderer.securitySeverity(of: severity)))
            #expect(bands[severity]!.contains(score), "\(severity)")
        }
    }

    @Test("one result per check that does not pass: level from the status, message, location and fingerprint")
    func results() throws {
        let report = try ReportSamples.awkward()
        let sarif = try render(report, ReportContext(source: "snapshots/prod account.json"))
        let results = try #require(sarif["runs"]?[0]?["results"]?.arrayValue)
        #expect(
            results.compactMap { $0["ruleId"]?.stringValue } == [
                "trail.multi-region", "trail.log-file-validation", "bucket.encryption", "bucket.access-logging",
            ])
        #expect(results.compactMap { $0["level"]?.stringValue } == ["warning", "error", "error", "error"])
        let rules = try #require(sarif["runs"]?[0]?["tool"]?["driver"]?["rules"]?.arrayValue)
        for result in results {
            let index = try #require(result["ruleIndex"]?.intValue)
            #expect(rules[index]["id"] == result["ruleId"])
        }
        let encryption = results[2]
        #expect(encryption["message"]?["text"] == .string("Bucket says: " + ReportSamples.awkwardText))
        let location = try #require(encryption["locations"]?[0])
        #expect(location["physicalLocation"]?["artifactLocation"]?["uri"] == "snapshots/prod%20account.json")
        #expect(location["physicalLocation"]?["region"]?["startLine"] == 1)
        #expect(location["logicalLocations"]?[0]?["fullyQualifiedName"] == "arn:aws:s3:::shared-logs")
        #expect(location["logicalLocations"]?[0]?["name"] == "shared-logs")
        #expect(location["logicalLocations"]?[0]?["kind"] == "resource")
        let fingerprint = report.findings.first { $0.result.id == .bucketEncryption }!.fingerprint
        #expect(encryption["partialFingerprints"]?["trailgateFinding/v1"] == .string(fingerprint))
        #expect(encryption["properties"]?["trail"] == "awkward")
        #expect(encryption["properties"]?["account"] == "111122223333")
        #expect(encryption["properties"]?["status"] == "fail")
        #expect(encryption["suppressions"] == nil)
        #expect(results[1]["properties"]?["status"] == "unknown")
    }

    @Test("a waived finding stays a result, suppressed with the waiver's reason")
    func suppression() throws {
        let sarif = try render(ReportSamples.awkward())
        let waived = try #require(
            sarif["runs"]?[0]?["results"]?.arrayValue?.first { $0["ruleId"] == "bucket.access-logging" })
        let suppression = try #require(waived["suppressions"]?[0])
        #expect(suppression["kind"] == "external")
        #expect(suppression["status"] == "accepted")
        #expect(
            suppression["justification"]
                == "Access logs go to the SIEM instead (accepted by jane@example.com until 2099-12-31; waiver entry 1)")
        #expect(waived["level"] == "error")
    }

    @Test("the location is the snapshot, else the output file, else the documented placeholder")
    func artifactLocation() {
        #expect(
            SARIFReportRenderer(context: ReportContext(source: "a.json", outputFile: "b.sarif")).artifactURI == "a.json"
        )
        #expect(SARIFReportRenderer(context: ReportContext(outputFile: "out/b.sarif")).artifactURI == "out/b.sarif")
        #expect(SARIFReportRenderer(context: ReportContext()).artifactURI == "trailgate.sarif")
        #expect(SARIFReportRenderer(context: ReportContext(source: "-")).artifactURI == "trailgate.sarif")
        #expect(
            SARIFReportRenderer(context: ReportContext(source: "/tmp/snap #1.json")).artifactURI
                == "file:///tmp/snap%20%231.json")
        #expect(
            SARIFReportRenderer(context: ReportContext(source: "café.json")).artifactURI == "caf%C3%A9.json")
    }

    @Test("two trails delivering to one bucket get different fingerprints for the same bucket check")
    func sharedBucketFingerprints() throws {
        let report = ReportSamples.report([
            (try ReportSamples.trail("a"), [(.bucket, ReportSamples.result(.accessLogging, .fail))]),
            (try ReportSamples.trail("b"), [(.bucket, ReportSamples.result(.accessLogging, .fail))]),
        ])
        let results = try #require(try render(report)["runs"]?[0]?["results"]?.arrayValue)
        let fingerprints = results.compactMap { $0["partialFingerprints"]?["trailgateFinding/v1"]?.stringValue }
        #expect(
            fingerprints == [
                "bucket.access-logging@arn:aws:s3:::shared-logs@arn:aws:cloudtrail:us-east-1:111122223333:trail/a",
                "bucket.access-logging@arn:aws:s3:::shared-logs@arn:aws:cloudtrail:us-east-1:111122223333:trail/b",
            ])
    }

    @Test("a report with no trail has the rules and no results")
    func noTrail() throws {
        let sarif = try render(ReportSamples.report([]))
        #expect(sarif["runs"]?[0]?["results"] == .array([]))
        #expect(sarif["runs"]?[0]?["properties"]?["verdict"] == "not-ready")
    }
}
