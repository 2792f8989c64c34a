import Foundation
import OrderedJSON
import TrailGateBasics

@testable import TrailGateCore

/// Readiness reports for the format tests: the bundled examples as checked, and small hand-built ones.
enum ReportSamples {
    /// The report of `examples/<name>.json`.
    static func example(_ name: String) throws -> ReadinessReport {
        try ReadinessChecker().run(try Fixture.parse(try Fixture.example("\(name).json")))
    }

    /// A trail in account 111122223333, us-east-1, delivering to `bucket`.
    static func trail(_ name: String, bucket: String = "shared-logs") throws -> Trail {
        try JSONValue.parse(
            Data(
                """
                {"Name": "\(name)", "TrailARN": "arn:aws:cloudtrail:us-east-1:111122223333:trail/\(name)",
                 "HomeRegion": "us-east-1", "S3BucketName": "\(bucket)"}
                """.utf8)
        ).decode(Trail.self)
    }

    /// A result of a catalogue check with `status`, its evidence and a fix.
    static func result(_ id: CheckID, _ status: CheckStatus, summary: String? = nil) -> CheckResult {
        let metadata = CheckCatalogue.metadata(for: id)
        return CheckResult(
            id: id, title: metadata.title, status: status, summary: summary ?? "\(id.rawValue) is \(status.rawValue)",
            evidence: [Evidence("setting", .bool(status == .pass))],
            remediation: status == .pass ? nil : Remediation(metadata.remediation, commands: ["aws example --fix"]))
    }

    /// A report of the trails with their results, collected at the epoch by account 111122223333.
    static func report(_ trails: [(Trail, [(CheckArea, CheckResult)])]) -> ReadinessReport {
        ReadinessReport(
            collectedAt: Timestamp(Date(timeIntervalSince1970: 0)), callerAccountId: "111122223333",
            trails: trails.map { TrailReport(trail: $0.0, results: $0.1.map { (area: $0.0, result: $0.1) }) })
    }

    /// A waiver for `check`, entry 1, accepted by jane@example.com until the end of 2099.
    static func waiver(_ check: CheckID, reason: String = "Access logs go to the SIEM instead") -> Waiver {
        Waiver(
            entry: 1, check: check.rawValue, resource: "arn:aws:s3:::shared-*", reason: reason,
            acceptedBy: "jane@example.com", expires: "2099-12-31")
    }

    /// Text that every format must carry through its quoting: quotes, commas, line breaks (LF and CRLF), a tab,
    /// markup characters, an escape character and non-ASCII letters.
    static let awkwardText = "He said \"no\", then, <b>&amp;</b>\nline two\r\nline 'three'\tend \u{1B}[31m Zürich ✓"

    /// One trail, `awkward`, whose bucket check fails with `awkwardText` in its summary and evidence; its access
    /// logging check is waived; and one check of every other status.
    static func awkward() throws -> ReadinessReport {
        var failing = result(.bucketEncryption, .fail, summary: "Bucket says: " + awkwardText)
        failing.evidence = [
            Evidence("policy, quoted", .string(awkwardText)), Evidence("count", .int(3)),
            Evidence("object", ["a": "b, \"c\""]),
        ]
        failing.notes = ["a note, with a comma"]
        var waived = result(.accessLogging, .fail)
        waived.waiver = waiver(.accessLogging)
        return report([
            (
                try trail("awkward"),
                [
                    (.trail, result(.logging, .pass)), (.trail, result(.multiRegion, .warn)),
                    (.trail, result(.logFileValidation, .unknown)), (.bucket, failing), (.bucket, waived),
                    (.kms, result(.keyPolicyAccess, .notApplicable)),
                ]
            )
        ])
    }
}
