import Foundation
import OrderedJSON
import Testing
import TrailGateBasics

@testable import TrailGateCore

@Suite("Report renderers")
struct ReportRendererTests {
    private func report(_ statuses: [[CheckStatus]]) -> ReadinessReport {
        let trails = statuses.enumerated().map { index, row -> TrailReport in
            let trail = try! JSONValue.parse(
                Data(
                    """
                    {"Name": "t\(index)", "TrailARN": "arn:aws:cloudtrail:us-east-1:111122223333:trail/t\(index)", "HomeRegion": "us-east-1"}
                    """.utf8)
            ).decode(Trail.self)
            let results = row.enumerated().map { n, status in
                (
                    area: CheckArea.trail,
                    result: CheckResult(
                        id: CheckID("x.check-\(n)"), title: "Check \(n)", status: status,
                        summary: "summary \(n)",
                        evidence: [Evidence("field", .bool(false))],
                        remediation: Remediation("do it", commands: ["aws x"]))
                )
            }
            return TrailReport(trail: trail, results: results)
        }
        return ReadinessReport(
            collectedAt: Timestamp(Date(timeIntervalSince1970: 0)), callerAccountId: "111122223333", trails: trails)
    }

    @Test(
        "verdict lines",
        arguments: [
            ([[CheckStatus.pass, .notApplicable]], "READY"),
            ([[.pass, .warn]], "READY (1 warning)"),
            ([[.warn, .warn]], "READY (2 warnings)"),
            ([[.fail, .pass]], "NOT READY: 1 check fails"),
            ([[.fail, .fail, .unknown, .warn]], "NOT READY: 2 checks fail, 1 unknown"),
            ([[.unknown]], "NOT READY: 1 unknown"),
            ([[.fail], [.pass]], "READY: 1 of 2 trails ready"),
        ])
    func verdicts(_ statuses: [[CheckStatus]], _ expected: String) {
        let text = TextReportRenderer().render(report(statuses))
        #expect(text.hasSuffix("\n\(expected)\n"))
    }

    @Test("the verdict is said once: a per-trail line only when the report has several trails")
    func oneVerdict() {
        let single = TextReportRenderer().render(report([[.fail, .pass]]))
        #expect(!single.contains("→"))
        #expect(single.components(separatedBy: "1 check fails").count == 2)
        let several = TextReportRenderer().render(report([[.fail], [.pass]]))
        #expect(several.contains("  → t0: not ready: 1 check fails\n"))
        #expect(several.contains("  → t1: ready\n"))
    }

    @Test("a passing check is one line; a failing one shows why, evidence and fix")
    func details() {
        let text = TextReportRenderer().render(report([[.pass, .fail]]))
        #expect(
            text.contains(
                "    ✔ PASS     x.check-0                    Check 0\n    ✘ FAIL     x.check-1                    Check 1 [medium]\n"
            ))
        #expect(
            text.contains(
                "               summary 1\n               · field: false\n               fix: do it\n                 $ aws x\n"
            ))
        #expect(!text.contains("summary 0"))
        #expect(TextReportRenderer(verbose: true).render(report([[.pass]])).contains("summary 0"))
    }

    @Test("a fix shared by several checks is printed once; the others name the first")
    func sharedFix() {
        var shared = report([[.fail, .fail, .fail]])
        shared.trails[0].results[2].result.remediation = Remediation("other", commands: ["aws y"])
        let text = TextReportRenderer().render(shared)
        #expect(text.components(separatedBy: "$ aws x\n").count == 2)
        #expect(text.contains("               fix: same as x.check-0\n"))
        #expect(text.contains("$ aws y\n"))
    }

    @Test("an unknown cause shared by several checks is said once, before the areas; each check keeps its status")
    func sharedCause() {
        var shared = report([[.unknown, .unknown, .unknown]])
        let cause = "Bucket b is not in the snapshot. Collect it from its account."
        shared.trails[0].results[0].result.summary = cause + " Otherwise grant the caller s3:GetBucketLogging."
        shared.trails[0].results[1].result.summary = cause + " Otherwise grant the caller s3:GetBucketPolicy."
        shared.trails[0].results[2].result.summary = "Key k is not in the snapshot."
        let text = TextReportRenderer().render(shared)
        #expect(text.contains("  Could not read:\n    (1) \(cause)\n"))
        #expect(text.components(separatedBy: cause).count == 2)
        #expect(text.contains("               Could not read (1). Otherwise grant the caller s3:GetBucketLogging.\n"))
        #expect(text.contains("               Could not read (1). Otherwise grant the caller s3:GetBucketPolicy.\n"))
        #expect(text.contains("               Key k is not in the snapshot.\n"))
        #expect(text.components(separatedBy: "? UNKNOWN").count == 4)
    }

    @Test("requests are grouped by reason, as a table, with the resource named only when there are several")
    func groupedRequests() {
        func request(_ action: String, _ key: String) -> RequestOutcome {
            RequestOutcome(
                description: "\(action) on \(key)", action: action, account: "111122223333", granted: false,
                outcome: "not granted", reason: "no statement allows it", scope: key)
        }
        var grouped = report([[.fail]])
        grouped.trails[0].results[0].result.requests = [request("kms:Decrypt", "k1"), request("kms:Decrypt", "k2")]
        let text = TextReportRenderer().render(grouped)
        #expect(text.contains("               · 1 not granted on k1: no statement allows it\n"))
        #expect(text.contains("                   action       111122223333\n                   kms:Decrypt  ✘\n"))
        grouped.trails[0].results[0].result.requests.removeLast()
        #expect(
            TextReportRenderer().render(grouped).contains("               · 1 not granted: no statement allows it\n"))
        #expect(TextReportRenderer(verbose: true).render(grouped).contains("· field: false"))
    }

    @Test("the grouped policy-access findings of needs-work fit 100 columns")
    func policyAccessWidth() throws {
        let text = TextReportRenderer().render(
            try ReadinessChecker().run(try Fixture.parse(try Fixture.example("needs-work.json"))))
        let lines = text.split(separator: "\n")
        let start = try #require(lines.firstIndex { $0.contains("bucket.policy-access") })
        let end = try #require(lines[start...].firstIndex { $0.contains("note: ") })
        #expect(end - start > 3)
        for line in lines[start..<end] { #expect(line.count <= 100, "\(line)") }
        #expect(text.contains("18 of 18 requests are not granted, for 3 reasons.\n"))
    }

    @Test("colour only when asked for")
    func colour() {
        #expect(!TextReportRenderer(colour: false).render(report([[.fail]])).contains("\u{1B}["))
        let coloured = TextReportRenderer(colour: true).render(report([[.fail]]))
        #expect(coloured.contains("\u{1B}[31m✘ FAIL    \u{1B}[0m"))
        #expect(coloured.hasSuffix("\u{1B}[1;31mNOT READY: 1 check fails\u{1B}[0m\n"))
    }

    @Test("json report keeps the schema's keys and order")
    func json() throws {
        let document = JSONReportRenderer().document(report([[.fail]]))
        guard case .object(let members) = document else { Issue.record("not an object"); return }
        #expect(
            members.map(\.key) == [
                "schema", "ready", "verdict", "collectedAt", "callerAccountId", "counts", "trails", "noTrail",
            ])
        let check = try #require(document["trails"]?[0]?["checks"]?[0])
        guard case .object(let fields) = check else { Issue.record("not an object"); return }
        #expect(
            fields.map(\.key) == [
                "id", "title", "status", "severity", "area", "summary", "evidence", "notes", "remediation",
                "compliance",
                "waiver",
            ])
        #expect(check["waiver"] == .null)
        #expect(check["remediation"]?["commands"] == ["aws x"])
        #expect(document["counts"]?["fail"] == 1)
    }
}
