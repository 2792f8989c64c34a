import OrderedJSON
import Testing

@testable import TrailGateCore

/// The probe's text and JSON reports: goldens of a passing and a failing (explained) report, the issue's JSON
/// shape, the 100-column text and AWS's words shown without control characters.
@Suite("Probe reports")
struct ProbeRendererTests {
    typealias F = ProbeFixture

    static let reports = ["passing", "failing"]

    private func report(_ name: String) throws -> ProbeReport {
        ProbeExplainer().explain(name == "passing" ? try F.passing : try F.failing)
    }

    @Test("text report", arguments: reports)
    func text(_ name: String) throws {
        try Golden.compare(ProbeTextRenderer().render(try report(name)), with: "probe/\(name).txt")
    }

    @Test("JSON report", arguments: reports)
    func json(_ name: String) throws {
        try Golden.compare(ProbeJSONRenderer().render(try report(name)), with: "probe/\(name).json")
    }

    @Test("the JSON has the issue's members, in its order, and the step members it names")
    func jsonShape() throws {
        let document = ProbeJSONRenderer().document(try report("failing"))
        guard case .object(let members) = document else {
            Issue.record("not an object")
            return
        }
        let keys = members.map(\.key)
        let issue = ["schema", "roleArn", "trailArn", "bucket", "verdict", "steps"]
        #expect(keys.filter(issue.contains) == issue)
        #expect(document["schema"] == "trailgate.probe/v1")
        #expect(document["verdict"] == "fail")
        let step = try #require(document["steps"]?[1])
        guard case .object(let stepMembers) = step else {
            Issue.record("a step is not an object")
            return
        }
        let stepIssue = ["id", "status", "requests", "elapsedMs", "explanation"]
        #expect(stepMembers.map(\.key).filter(stepIssue.contains) == stepIssue)
        #expect(step["id"] == "probe.bucket-config")
        #expect(step["explanation"]?.stringValue?.contains("DONOTDELETE-AMS-ALLOWBUCKETCONFIGAUDIT") == true)
        let request = try #require(step["requests"]?[0])
        #expect(
            request
                == [
                    "operation": "GetBucketLogging", "resource": .string(F.bucketArn), "region": "eu-west-1",
                    "errorCode": "AccessDenied", "errorMessage": "Access Denied",
                ])
        #expect(document["steps"]?[0]?["explanation"] == .null)
    }

    @Test("every text line fits 100 columns, but for a single word longer than that", arguments: reports)
    func columns(_ name: String) throws {
        for line in ProbeTextRenderer().render(try report(name)).split(separator: "\n") {
            let words = line.split(separator: " ")
            #expect(line.count <= 100 || words.count == 2 && words[0] == "·" || words.count == 1, "\(line)")
        }
    }

    @Test("AWS's words are shown without their control characters")
    func controlCharacters() throws {
        var report = try F.failing
        report.steps[1].requests[0].errorMessage = "Access\u{1B}[2J Denied\r"
        report.steps[1].summary = "refused\u{1B}[31m"
        let text = ProbeTextRenderer().render(report)
        #expect(!text.contains("\u{1B}"))
        #expect(!text.contains("\r"))
    }

    @Test("verbose lists every request, not only the failed ones")
    func verbose() throws {
        let quiet = ProbeTextRenderer().render(try F.passing)
        let verbose = ProbeTextRenderer(verbose: true).render(try F.passing)
        #expect(!quiet.contains("· GetBucketLogging"))
        #expect(verbose.contains("· GetBucketLogging \(F.bucketArn) (eu-west-1)"))
    }

    @Test("colour only when asked")
    func colour() throws {
        #expect(!ProbeTextRenderer().render(try F.failing).contains("\u{1B}["))
        #expect(ProbeTextRenderer(colour: true).render(try F.failing).contains("\u{1B}[31m✘ FAIL"))
    }
}
