import Foundation
import Testing

@testable import TrailGateCore

/// The CSV report: RFC 4180 records that Python's csv module reads back field for field.
@Suite("CSV report")
struct CSVReportTests {
    /// The records of the CSV document on standard input, as a JSON array of arrays; fails on a malformed record.
    static let read = """
        import csv, io, json, sys
        text = sys.stdin.buffer.read().decode("utf-8")
        print(json.dumps(list(csv.reader(io.StringIO(text, newline=""), strict=True))))
        """

    private func records(_ csv: String) throws -> [[String]] {
        try JSONDecoder().decode([[String]].self, from: Data(try PythonScript.run(Self.read, input: csv).utf8))
    }

    @Test("evidence with quotes, commas and line breaks reads back unchanged, one record per check")
    func roundTrip() throws {
        let report = try ReportSamples.awkward()
        let csv = CSVReportRenderer().render(report)
        let records = try records(csv)
        #expect(records.first == CSVReportRenderer.columns)
        #expect(records.count == 1 + report.findings.count)
        #expect(Array(records.dropFirst()) == report.findings.map(CSVReportRenderer.row))
        let column = { (name: String) in CSVReportRenderer.columns.firstIndex(of: name)! }
        let failing = records[4]
        #expect(failing[column("check_id")] == "bucket.encryption")
        #expect(failing[column("summary")] == "Bucket says: " + ReportSamples.awkwardText)
        #expect(
            failing[column("evidence")]
                == "policy, quoted: \(ReportSamples.awkwardText); count: 3; object: {\"a\":\"b, \\\"c\\\"\"}")
        #expect(
            failing[column("remediation")]
                == CheckCatalogue.metadata(for: .bucketEncryption).remediation + "\naws example --fix")
        let waived = records[5]
        #expect(waived[column("status")] == "fail")
        #expect(waived[column("waived")] == "true")
        #expect(waived[column("waiver_reason")] == "Access logs go to the SIEM instead")
        #expect(waived[column("waiver_accepted_by")] == "jane@example.com")
        #expect(waived[column("waiver_expires")] == "2099-12-31")
        #expect(waived[column("resource_type")] == "bucket")
        #expect(waived[column("resource")] == "arn:aws:s3:::shared-logs")
        #expect(records[1][column("waived")] == "false")
        #expect(records[1][column("scope")] == "trail")
        #expect(records[1][column("scope_name")] == "awkward")
        #expect(records[1][column("cis")] == CheckCatalogue.metadata(for: .logging).cis.joined(separator: ";"))
    }

    @Test("records end in CRLF, and only fields that need it are quoted")
    func quoting() {
        #expect(CSVReportRenderer.line(["a", "b c", ""]) == "a,b c,\r\n")
        #expect(CSVReportRenderer.field("x,y") == "\"x,y\"")
        #expect(CSVReportRenderer.field("say \"hi\"") == "\"say \"\"hi\"\"\"")
        #expect(CSVReportRenderer.field("one\ntwo") == "\"one\ntwo\"")
        #expect(CSVReportRenderer.field("one\r\ntwo") == "\"one\r\ntwo\"")
        #expect(CSVReportRenderer.field("\"\u{301}") == "\"\"\"\u{301}\"")
        let csv = CSVReportRenderer().render(ReportSamples.report([]))
        #expect(csv == CSVReportRenderer.columns.joined(separator: ",") + "\r\n")
    }

    @Test(
        "an organization run has a row per managed account check, with the account's id and name",
        arguments: ["organization"])
    func accounts(_ example: String) throws {
        let report = try ReportSamples.example(example)
        let records = try records(CSVReportRenderer().render(report))
        let column = { (name: String) in CSVReportRenderer.columns.firstIndex(of: name)! }
        let accountRows = records.dropFirst().filter { $0[column("scope")] == "account" }
        let accountResults = (report.organization?.accounts ?? []).flatMap { account in
            account.results.map { (account, $0) }
        }
        #expect(accountRows.count == accountResults.count)
        for (row, (account, result)) in zip(accountRows, accountResults) {
            #expect(row[column("account_id")] == account.accountId)
            #expect(row[column("scope_name")] == account.name ?? "")
            #expect(row[column("check_id")] == result.id.rawValue)
            #expect(row[column("trail_arn")] == "")
        }
    }
}
