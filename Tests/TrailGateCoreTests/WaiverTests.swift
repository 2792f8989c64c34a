import Testing
import TrailGateBasics

@testable import TrailGateCore

/// Waivers: what an entry accepts, what makes it unusable, and what a waived result does to readiness.
@Suite("Waivers")
struct WaiverTests {
    static let today = CivilDate(year: 2026, month: 12, day: 4)!

    static func waiver(
        _ entry: Int = 1, check: String = "bucket.access-logging", resource: String = "acme-prod-*",
        reason: String = "Access logs go to the security lake.", acceptedBy: String = "jane@example.com",
        expires: String = "2027-03-31"
    ) -> Waiver {
        Waiver(
            entry: entry, check: check, resource: resource, reason: reason, acceptedBy: acceptedBy, expires: expires)
    }

    static func needsWork() throws -> ReadinessReport {
        try ReadinessChecker().run(try Fixture.parse(try Fixture.example("needs-work.json")))
    }

    static func result(_ report: ReadinessReport, _ id: CheckID) throws -> CheckResult {
        try #require(report.trails.first?.results.first { $0.result.id == id }?.result)
    }

    @Test("a matching entry waives the result; the status stays; unmatched entries are listed")
    func applies() throws {
        let list = try WaiverList(
            [Self.waiver(1), Self.waiver(2, check: "trail.logging", resource: "*")], today: Self.today)
        let report = list.apply(to: try Self.needsWork())
        let waived = try Self.result(report, "bucket.access-logging")
        #expect(waived.status == .fail)
        #expect(waived.waiver?.entry == 1)
        #expect(waived.waiver?.acceptedBy == "jane@example.com")
        #expect(!waived.blocksReadiness)
        #expect(try Self.result(report, "trail.kms-events").waiver == nil)
        #expect(report.waivedCount == 1)
        #expect(report.unwaivedCount(.fail) == 5)
        #expect(report.count(.fail) == 6, "a waived result keeps its status")
        #expect(report.unmatchedWaivers.map(\.entry) == [2], "trail.logging passes: nothing to waive")
    }

    @Test(
        "the resource matches the trail, its bucket, its key or its account, with * and ?",
        arguments: [
            "management-events", "arn:aws:cloudtrail:eu-west-1:222233334444:trail/management-events",
            "acme-prod-cloudtrail-222233334444", "arn:aws:s3:::acme-prod-cloudtrail-*", "222233334444",
            "arn:aws:cloudtrail:*:222233334444:trail/*", "acme-prod-cloudtrail-22223333444?",
        ])
    func resourceForms(resource: String) throws {
        let list = try WaiverList([Self.waiver(resource: resource)], today: Self.today)
        let report = list.apply(to: try Self.needsWork())
        #expect(try Self.result(report, "bucket.access-logging").waiver != nil, "\(resource)")
        #expect(report.unmatchedWaivers.isEmpty)
    }

    @Test("a resource naming something else matches nothing", arguments: ["acme-prod", "other-trail", "111122223333"])
    func noMatch(resource: String) throws {
        let report = try WaiverList([Self.waiver(resource: resource)], today: Self.today).apply(to: Self.needsWork())
        #expect(try Self.result(report, "bucket.access-logging").waiver == nil)
        #expect(report.unmatchedWaivers.map(\.resource) == [resource])
    }

    @Test("waiving every failing check makes the report ready, and the verdict line says so")
    func waivedFailDoesNotBlock() throws {
        let failing = try Self.needsWork().trails[0].results.filter { $0.result.status == .fail }.map(\.result.id)
        let list = try WaiverList(
            failing.enumerated().map { Self.waiver($0.offset + 1, check: $0.element.rawValue, resource: "*") },
            today: Self.today)
        let report = list.apply(to: try Self.needsWork())
        #expect(report.ready)
        #expect(report.verdict == .ready)
        #expect(TextReportRenderer().verdict(report).hasPrefix("READY"))
        #expect(TextReportRenderer().verdict(report).contains("6 waived"))
    }

    @Test("the text and JSON reports show a waived result with its reason")
    func rendered() throws {
        let report = try WaiverList([Self.waiver()], today: Self.today).apply(to: try Self.needsWork())
        let text = TextReportRenderer().render(report)
        #expect(
            text.contains(
                "waived: Access logs go to the security lake. (accepted by jane@example.com until 2027-03-31)"))
        #expect(text.contains("✘ FAIL     bucket.access-logging        Server access logging [medium]"))
        #expect(text.hasSuffix("NOT READY: 5 checks fail (1 waived)\n"))
        let json = JSONReportRenderer().document(report)
        #expect(json["counts"]?["waived"] == .int(1))
        let check = json["trails"]?[0]?["checks"]?.arrayValue?.first { $0["id"] == "bucket.access-logging" }
        #expect(check?["waiver"]?["reason"] == "Access logs go to the security lake.")
        #expect(check?["waiver"]?["entry"] == .int(1))
        #expect(json["unmatchedWaivers"] == nil)
    }

    @Test(
        "an entry that cannot be used names the entry and the field",
        arguments: [
            (
                WaiverTests.waiver(3, check: "bucket.acces-logging"),
                "entry 3, check: unknown check \"bucket.acces-logging\""
            ),
            (WaiverTests.waiver(check: "*"), "entry 1, check: unknown check \"*\""),
            (WaiverTests.waiver(check: ""), "entry 1, check: missing"),
            (WaiverTests.waiver(resource: ""), "entry 1, resource: missing"),
            (WaiverTests.waiver(reason: "  "), "entry 1, reason: missing"),
            (WaiverTests.waiver(acceptedBy: ""), "entry 1, accepted-by: missing"),
            (WaiverTests.waiver(expires: ""), "entry 1, expires: missing"),
            (
                WaiverTests.waiver(expires: "2027-02-30"),
                "entry 1, expires: \"2027-02-30\" is not a calendar date YYYY-MM-DD"
            ),
            (
                WaiverTests.waiver(expires: "31/03/2027"),
                "entry 1, expires: \"31/03/2027\" is not a calendar date YYYY-MM-DD"
            ),
            (WaiverTests.waiver(expires: "2026-12-03"), "entry 1, expires: expired on 2026-12-03"),
        ])
    func invalid(waiver: Waiver, message: String) {
        #expect {
            try WaiverList([Self.waiver(7), waiver], today: Self.today)
        } throws: { error in
            (error as? WaiverError)?.description.hasPrefix(message) == true
        }
    }

    @Test("an unknown check id lists the valid ones; an entry expiring today still holds")
    func details() throws {
        do {
            _ = try WaiverList([Self.waiver(check: "nope")], today: Self.today)
            Issue.record("an unknown check must be refused")
        } catch {
            #expect(error.field == "check")
            #expect(error.description.contains("valid ids: trail.logging, trail.multi-region"))
            #expect(error.description.contains("account.trail-visible)"))
        }
        _ = try WaiverList([Self.waiver(expires: "2026-12-04")], today: Self.today)
    }

    @Test("account results of an organization run are waived by account id")
    func accounts() throws {
        let base = try ReadinessChecker().run(try Fixture.parse(try Fixture.example("organization.json")))
        let list = try WaiverList(
            [Self.waiver(check: "account.roles-present", resource: "444444444444")], today: Self.today)
        let report = list.apply(to: base)
        let account = try #require(report.organization?.accounts.first { $0.accountId == "444444444444" })
        #expect(account.results.first { $0.id == "account.roles-present" }?.waiver?.entry == 1)
        #expect(account.waivedCount == 1)
        #expect(report.unmatchedWaivers.isEmpty)
    }
}
