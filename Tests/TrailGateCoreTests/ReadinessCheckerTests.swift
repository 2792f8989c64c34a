import OrderedJSON
import Testing

@testable import TrailGateCore

private let orgTrailARN = "arn:aws:cloudtrail:us-east-1:111122223333:trail/org-trail"

/// The ready snapshot with a second trail entry: a copy of its only entry, edited.
private func withSecondEntry(_ edit: (inout JSONValue) -> Void) throws -> JSONValue {
    var json = try Fixture.ready()
    let first = try #require(json["trails"]?[0])
    var second = first
    edit(&second)
    json["trails"] = [first, second]
    return json
}

/// Gives a trail entry's trail another name and Region, in the same account.
private func rename(_ entry: inout JSONValue, to name: String, region: String = "us-east-1") {
    entry["trail"]!["Name"] = .string(name)
    entry["trail"]!["HomeRegion"] = .string(region)
    entry["trail"]!["TrailARN"] = .string("arn:aws:cloudtrail:\(region):111122223333:trail/\(name)")
}

/// Runs every registered check over a snapshot document, on all trails or the one `selector` names.
private func run(_ json: JSONValue, trail selector: String? = nil) throws -> ReadinessReport {
    try ReadinessChecker().run(try Fixture.parse(json), trail: selector)
}

/// The status of check `id` in a trail's report.
private func status(of id: CheckID, in trail: TrailReport) -> CheckStatus? {
    trail.results.first { $0.result.id == id }?.result.status
}

@Suite("Readiness checker")
struct ReadinessCheckerTests {
    @Test("the ready example is ready, every check passing or not applicable")
    func readyExample() throws {
        let report = try run(try Fixture.ready())
        #expect(report.ready)
        #expect(report.callerAccountId == "111122223333")
        #expect(report.collectedAt.iso8601 == "2026-11-28T10:00:00Z")
        let trail = try #require(report.trails.first)
        #expect(report.trails.count == 1)
        #expect(trail.trail.trailARN == orgTrailARN)
        #expect(trail.results.map(\.result.id) == CheckRegistry.all.map(\.id))
        #expect(trail.results.map(\.area) == CheckRegistry.all.map(\.area))
        for (_, result) in trail.results {
            #expect(
                result.status == .pass || result.status == .notApplicable,
                "\(result.id) is \(result.status.rawValue): \(result.summary)")
        }
        #expect(trail.ready)
    }

    @Test("a shadow copy counts once, and the copy that has an answer is used", arguments: [true, false])
    func shadowCopies(answeredFirst: Bool) throws {
        var json = try Fixture.ready()
        let answered = try #require(json["trails"]?[0])
        var unanswered = answered
        unanswered["status"] = Fixture.error("TrailNotFoundException", "Unknown trail")
        unanswered["eventSelectors"] = Fixture.error("TrailNotFoundException", "Unknown trail")
        json["trails"] = answeredFirst ? [answered, unanswered] : [unanswered, answered]

        let report = try run(json)
        #expect(report.trails.count == 1)
        let trail = try #require(report.trails.first)
        #expect(status(of: "trail.logging", in: trail) == .pass)
        #expect(status(of: "trail.management-events", in: trail) == .pass)
        #expect(trail.ready)
    }

    @Test("a trail is selected by name or by ARN")
    func selection() throws {
        let json = try withSecondEntry { rename(&$0, to: "audit-trail") }
        #expect(try run(json).trails.map(\.trail.name) == ["org-trail", "audit-trail"])
        #expect(try run(json, trail: "audit-trail").trails.map(\.trail.name) == ["audit-trail"])
        #expect(try run(json, trail: orgTrailARN).trails.map(\.trail.trailARN) == [orgTrailARN])
    }

    @Test("an unknown trail name is an error listing the known trails")
    func unknownName() throws {
        let json = try withSecondEntry { rename(&$0, to: "audit-trail") }
        #expect(
            throws: TrailSelectionError(
                description: "no trail named payments in the snapshot (trails: org-trail, audit-trail)")
        ) {
            try run(json, trail: "payments")
        }
    }

    @Test("a name shared by trails in two Regions is an error asking for the ARN")
    func ambiguousName() throws {
        let euARN = "arn:aws:cloudtrail:eu-west-1:111122223333:trail/org-trail"
        let json = try withSecondEntry { rename(&$0, to: "org-trail", region: "eu-west-1") }
        #expect(
            throws: TrailSelectionError(
                description: "2 trails are named org-trail; pass the ARN of one: \(orgTrailARN), \(euARN)")
        ) {
            try run(json, trail: "org-trail")
        }
        #expect(try run(json, trail: euARN).trails.map(\.trail.region) == ["eu-west-1"])
    }

    @Test(
        "a snapshot without trails is the no-trail verdict with an organization trail to create; naming one is an error"
    )
    func noTrails() throws {
        var json = try Fixture.ready()
        json["trails"] = []
        let report = try run(json)
        #expect(report.verdict == .noTrail)
        #expect(!report.ready)
        let guidance = try #require(report.noTrail)
        #expect(guidance.commands.contains { $0.hasSuffix("--enable-log-file-validation --is-organization-trail") })
        #expect(guidance.commands.contains { $0.contains("DONOTDELETE-AMS-ALLOWGETOBJECT") })
        json["organization"] = ["Error": ["Code": "AWSOrganizationsNotInUseException", "Message": "not in use"]]
        let account = try #require(try run(json).noTrail)
        #expect(
            !account.commands.contains {
                $0.contains("--is-organization-trail") || $0.contains("DONOTDELETE-AMS-ALLOWGETOBJECT")
            })
        #expect(account.detail.contains("add --is-organization-trail"))
        #expect(throws: TrailSelectionError(description: "no trail named org-trail in the snapshot (trails: none)")) {
            try run(json, trail: "org-trail")
        }
    }

    @Test("a warning does not keep a trail from being ready")
    func warnIsReady() throws {
        let json = try Fixture.readyBucket { $0["logging"]!["LoggingEnabled"]!["TargetBucket"] = "acme-org-trail-logs" }
        let report = try run(json)
        let trail = try #require(report.trails.first)
        #expect(status(of: "bucket.access-logging", in: trail) == .warn)
        #expect(report.count(.warn) == 1)
        #expect(trail.ready)
        #expect(report.ready)
    }

    @Test("an unknown keeps a trail from being ready")
    func unknownIsNotReady() throws {
        let json = try Fixture.readyTrail { $0["status"] = nil }
        let report = try run(json)
        let trail = try #require(report.trails.first)
        #expect(status(of: "trail.logging", in: trail) == .unknown)
        #expect(report.count(.unknown) == 1)
        #expect(!trail.ready)
        #expect(!report.ready)
    }

    @Test("the report is ready when at least one of two trails is ready")
    func oneReadyTrailIsEnough() throws {
        let oneReady = try withSecondEntry {
            rename(&$0, to: "audit-trail")
            $0["status"]!["IsLogging"] = false
        }
        let report = try run(oneReady)
        #expect(report.trails.map(\.ready) == [true, false])
        #expect(report.ready)

        var noneReady = oneReady
        noneReady["trails"]![0]!["trail"]!["IsMultiRegionTrail"] = false
        let none = try run(noneReady)
        #expect(none.trails.map(\.ready) == [false, false])
        #expect(!none.ready)
    }
}
