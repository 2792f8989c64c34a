import Foundation
import OrderedJSON
import Testing

@testable import TrailGateCore

@Suite("ASFF report")
struct ASFFReportTests {
    private let renderer = ASFFReportRenderer(context: ReportContext())

    /// Each line of the output, parsed.
    private func batches(_ output: String) throws -> [[JSONValue]] {
        try output.split(separator: "\n").map { line in
            guard case .array(let findings) = try JSONValue.parse(Data(line.utf8)) else {
                Issue.record("a line is not a JSON array")
                return []
            }
            return findings
        }
    }

    @Test("one finding per result with every field BatchImportFindings requires")
    func shape() throws {
        let output = renderer.render(FormatFixtures.synthetic(trails: 1, statuses: [.fail, .pass, .warn, .unknown]))
        let findings = try #require(try batches(output).first)
        #expect(findings.count == 4)
        let fail = findings[0]
        #expect(fail["SchemaVersion"] == "2018-10-08")
        #expect(fail["Id"] == "trailgate/trail.logging@arn:aws:cloudtrail:eu-west-1:111122223333:trail/trail-0")
        #expect(fail["ProductArn"] == "arn:aws:securityhub:eu-west-1:111122223333:product/111122223333/default")
        #expect(fail["GeneratorId"] == "trailgate/trail.logging")
        #expect(fail["AwsAccountId"] == "111122223333")
        #expect(
            fail["Types"] == [
                "Software and Configuration Checks/AWS Security Best Practices",
                "Software and Configuration Checks/Industry and Regulatory Standards/CIS AWS Foundations Benchmark",
            ])
        #expect(fail["CreatedAt"] == "2026-05-28T20:26:40Z")
        #expect(fail["UpdatedAt"] == fail["CreatedAt"])
        let severity = CheckCatalogue.metadata(for: "trail.logging").severity.rawValue.uppercased()
        #expect(fail["Severity"]?["Label"] == .string(severity))
        #expect(fail["FindingProviderFields"]?["Severity"]?["Label"] == .string(severity))
        #expect(fail["Title"] == "Logging and delivery")
        #expect(fail["Description"]?.stringValue?.hasPrefix("summary 0/0 Requirement: ") == true)
        #expect(fail["Remediation"]?["Recommendation"]?["Text"] == "do it")
        #expect(
            fail["Resources"]
                == [
                    [
                        "Type": "AwsCloudTrailTrail", "Id": "arn:aws:cloudtrail:eu-west-1:111122223333:trail/trail-0",
                        "Partition": "aws", "Region": "eu-west-1",
                    ]
                ])
        #expect(fail["Compliance"]?["Status"] == "FAILED")
        #expect(fail["Compliance"]?["RelatedRequirements"]?.arrayValue?.contains("CIS-3.0.0:3.1") == true)
        #expect(fail["RecordState"] == "ACTIVE")
        #expect(fail["ProductFields"]?["trailgate/Status"] == "fail")
        #expect(fail["Workflow"] == nil)
        #expect(findings.map { $0["Compliance"]?["Status"] } == ["FAILED", "PASSED", "WARNING", "NOT_AVAILABLE"])
        #expect(findings[1]["Severity"]?["Label"] == "INFORMATIONAL")
    }

    @Test("resources are typed by what the check is about: trail, bucket, key, account")
    func resources() throws {
        let findings = try batches(renderer.render(try FormatFixtures.example("organization"))).flatMap { $0 }
        let types = Set(findings.compactMap { $0["Resources"]?[0]?["Type"]?.stringValue })
        #expect(types.isSubset(of: ["AwsCloudTrailTrail", "AwsS3Bucket", "AwsKmsKey", "AwsAccount"]))
        #expect(types.contains("AwsS3Bucket"))
        #expect(types.contains("AwsAccount"))
        for finding in findings where finding["Resources"]?[0]?["Type"] == "AwsAccount" {
            #expect(finding["Resources"]?[0]?["Id"]?.stringValue?.hasPrefix("AWS::::Account:") == true)
        }
    }

    @Test("a waived result is suppressed with the waiver as its note; a not-applicable one is archived")
    func waivedAndArchived() throws {
        var report = FormatFixtures.synthetic(trails: 1, statuses: [.fail, .notApplicable])
        report.trails[0].results[0].result.waiver = FormatFixtures.waiver
        let findings = try #require(try batches(renderer.render(report)).first)
        #expect(findings[0]["Workflow"] == ["Status": "SUPPRESSED"])
        #expect(findings[0]["Note"]?["Text"] == "Waived: Regional trail <by design> | ok (until 2027-01-31)")
        #expect(findings[0]["Note"]?["UpdatedBy"] == "alice@example.com")
        #expect(findings[0]["Compliance"]?["Status"] == "FAILED")
        #expect(findings[1]["RecordState"] == "ARCHIVED")
        #expect(findings[1]["Compliance"]?["Status"] == "NOT_AVAILABLE")
    }

    @Test("batches of at most 100 findings, one JSON array per line, no finding lost")
    func batching() throws {
        let report = FormatFixtures.synthetic(trails: 25, statuses: Array(repeating: .fail, count: 10))
        let lines = try batches(renderer.render(report))
        #expect(lines.map(\.count) == [100, 100, 50])
        #expect(Set(lines.flatMap { $0 }.compactMap { $0["Id"]?.stringValue }).count == 250)
    }

    @Test("text limits: title 256, description 1024, recommendation 512")
    func limits() throws {
        var report = FormatFixtures.synthetic(
            trails: 1, statuses: [.fail], summary: String(repeating: "x", count: 3000))
        report.trails[0].results[0].result.title = String(repeating: "t", count: 400)
        report.trails[0].results[0].result.remediation = Remediation(String(repeating: "r", count: 900))
        let finding = try #require(try batches(renderer.render(report)).first?.first)
        #expect(finding["Title"]?.stringValue?.count == 256)
        #expect(finding["Description"]?.stringValue?.count == 1024)
        #expect(finding["Remediation"]?["Recommendation"]?["Text"]?.stringValue?.count == 512)
    }

    @Test("the Security Hub Region of the context wins over the trail's")
    func region() throws {
        let renderer = ASFFReportRenderer(context: ReportContext(securityHubRegion: "us-west-2"))
        let finding = try #require(
            try batches(renderer.render(FormatFixtures.synthetic(trails: 1, statuses: [.fail]))).first?.first)
        #expect(finding["ProductArn"] == "arn:aws:securityhub:us-west-2:111122223333:product/111122223333/default")
        #expect(finding["Resources"]?[0]?["Region"] == "eu-west-1")
    }

    @Test("no trail, no findings: nothing is written")
    func noTrail() {
        let report = FormatFixtures.synthetic(trails: 0, statuses: [])
        #expect(renderer.render(report) == "")
    }

    @Test("golden ASFF of the examples", arguments: FormatFixtures.examples)
    func golden(_ example: String) throws {
        try Golden.compare(renderer.render(try FormatFixtures.example(example)), with: "formats/\(example).asff.json")
    }
}
