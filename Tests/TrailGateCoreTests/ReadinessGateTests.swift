import OrderedJSON
import Testing
import TrailGateBasics

@testable import TrailGateCore

/// The CI gate: `--fail-on`, `--fail-on-severity` and `--require-trail`, decided on real reports.
@Suite("Readiness gate")
struct ReadinessGateTests {
    static func report(_ json: JSONValue) throws -> ReadinessReport {
        try ReadinessChecker().run(try Fixture.parse(json))
    }

    /// The ready example with a second trail, `second-trail`, whose log file validation is off.
    static func oneReadyOneFailing() throws -> JSONValue {
        var json = try Fixture.ready()
        var second = json["trails"]![0]!
        let arn = "arn:aws:cloudtrail:us-east-1:111122223333:trail/second-trail"
        second["trail"]!["Name"] = "second-trail"
        second["trail"]!["TrailARN"] = .string(arn)
        second["trail"]!["LogFileValidationEnabled"] = false
        if second["eventSelectors"] != nil { second["eventSelectors"]!["TrailARN"] = .string(arn) }
        json["trails"] = .array((json["trails"]?.arrayValue ?? []) + [second])
        return json
    }

    @Test("ready (the default) passes when some trail is ready; any-trail needs every trail")
    func rules() throws {
        let report = try Self.report(try Self.oneReadyOneFailing())
        #expect(report.trails.count == 2)
        #expect(report.ready)
        #expect(ReadinessGate().decide(report).passes)
        let strict = ReadinessGate(rule: .anyTrail).decide(report)
        #expect(!strict.passes)
        #expect(strict.reasons == ["trail second-trail: 1 blocking result (trail.log-file-validation)"])
    }

    @Test("--fail-on-severity counts only blocking results at or above the level")
    func severityFloor() throws {
        let report = try Self.report(try Fixture.example("needs-work.json"))
        #expect(!ReadinessGate().decide(report).passes)
        #expect(!ReadinessGate(minimumSeverity: .critical).decide(report).passes, "bucket.policy-access is critical")
        let high = ReadinessGate(minimumSeverity: .high).decide(report)
        #expect(high.reasons == ["trail management-events: 1 blocking result at or above high (bucket.policy-access)"])
        let twoTrails = try Self.report(try Self.oneReadyOneFailing())
        #expect(ReadinessGate(rule: .anyTrail, minimumSeverity: .high).decide(twoTrails).passes)
        #expect(!ReadinessGate(rule: .anyTrail, minimumSeverity: .medium).decide(twoTrails).passes)
    }

    @Test("every managed account must pass, whichever the rule")
    func accounts() throws {
        let report = try Self.report(try Fixture.example("organization.json"))
        for rule in ReadinessGate.Rule.allCases {
            let decision = ReadinessGate(rule: rule).decide(report)
            #expect(!decision.passes)
            #expect(decision.reasons.contains { $0.hasPrefix("account 444444444444: 2 blocking results") })
            #expect(decision.reasons.contains { $0.hasPrefix("account 666666666666: 3 blocking results") })
        }
    }

    @Test("waived results do not count")
    func waivers() throws {
        let report = try Self.report(try Self.oneReadyOneFailing())
        let list = try WaiverList(
            [
                Waiver(
                    entry: 1, check: "trail.log-file-validation", resource: "second-trail", reason: "Replaced soon.",
                    acceptedBy: "ops", expires: "2099-01-01")
            ], today: CivilDate(year: 2026, month: 12, day: 4)!)
        #expect(ReadinessGate(rule: .anyTrail).decide(list.apply(to: report)).passes)
    }

    @Test("no trail passes unless a trail is required")
    func noTrail() throws {
        var json = try Fixture.ready()
        json["trails"] = []
        let report = try Self.report(json)
        #expect(report.verdict == .noTrail)
        #expect(ReadinessGate(rule: .anyTrail).decide(report).passes)
        #expect(!ReadinessGate(requireTrail: true).decide(report).passes)
    }
}
