import OrderedJSON
import Testing

@testable import TrailGateCore

private let trailARN = "arn:aws:cloudtrail:us-east-1:111122223333:trail/org-trail"

/// The ready snapshot as collected in member account 444455556666 of the organization.
private func memberAccountView(_ edit: (inout JSONValue) -> Void = { _ in }) throws -> JSONValue {
    var json = try Fixture.readyTrail(edit)
    json["callerIdentity"]!["Account"] = "444455556666"
    json["callerIdentity"]!["Arn"] = "arn:aws:sts::444455556666:assumed-role/Admin/alice"
    return json
}

/// One boolean `describe-trails` setting, the check judging it, and what the user reads for each value.
struct FlagCase: CustomTestStringConvertible, Sendable {
    var check: any Check
    var field: String
    var updateOption: String
    var success: String
    var failure: String
    var testDescription: String { check.id.rawValue }
}

let flagCases: [FlagCase] = [
    FlagCase(
        check: MultiRegionCheck(), field: "IsMultiRegionTrail", updateOption: "--is-multi-region-trail",
        success: "The trail is multi-Region.", failure: "The trail records events in its home Region only."),
    FlagCase(
        check: GlobalServiceEventsCheck(), field: "IncludeGlobalServiceEvents",
        updateOption: "--include-global-service-events", success: "Global service events are recorded.",
        failure: "Events of global services such as IAM and STS are not recorded."),
    FlagCase(
        check: LogFileValidationCheck(), field: "LogFileValidationEnabled",
        updateOption: "--enable-log-file-validation",
        success: "Digest files are written for log file integrity validation.",
        failure: "No digest files are written, so nobody can prove the logs were not changed."),
]

@Suite("Trail settings")
struct TrailSettingsTests {
    // MARK: trail.logging

    @Test("a logging trail without delivery errors passes, showing IsLogging and the last delivery")
    func loggingPasses() throws {
        let result = try Fixture.evaluate(TrailLoggingCheck(), try Fixture.ready())
        #expect(result.status == .pass)
        #expect(result.summary == "The trail is logging and reports no delivery error.")
        #expect(
            result.evidence == [
                Evidence("IsLogging", true),
                Evidence("LatestDeliveryTime", "2026-11-28T09:58:41.123000+00:00"),
            ])
        #expect(result.remediation == nil)
    }

    @Test("a stopped trail fails with the start-logging command")
    func notLogging() throws {
        let json = try Fixture.readyTrail { $0["status"]!["IsLogging"] = false }
        let result = try Fixture.evaluate(TrailLoggingCheck(), json)
        #expect(result.status == .fail)
        #expect(result.summary == "The trail is not logging: no events are recorded.")
        #expect(result.evidence.first == Evidence("IsLogging", false))
        #expect(result.remediation?.commands == ["aws cloudtrail start-logging --name \(trailARN) --region us-east-1"])
    }

    @Test("a log delivery error fails, naming the error")
    func deliveryError() throws {
        let json = try Fixture.readyTrail { $0["status"]!["LatestDeliveryError"] = "AccessDenied" }
        let result = try Fixture.evaluate(TrailLoggingCheck(), json)
        #expect(result.status == .fail)
        #expect(result.summary == "The trail is logging but delivery fails for log files (AccessDenied).")
        #expect(result.evidence.contains(Evidence("LatestDeliveryError", "AccessDenied")))
        let remediation = try #require(result.remediation)
        #expect(remediation.summary.contains("cloudtrail.amazonaws.com s3:PutObject"))
        #expect(remediation.commands == ["aws cloudtrail get-trail-status --name \(trailARN) --region us-east-1"])
    }

    @Test("a digest delivery error fails too, and both errors are named together")
    func digestDeliveryError() throws {
        let digestOnly = try Fixture.readyTrail {
            $0["status"]!["LatestDigestDeliveryError"] = "KMS.AccessDeniedException"
        }
        let digest = try Fixture.evaluate(TrailLoggingCheck(), digestOnly)
        #expect(digest.status == .fail)
        #expect(
            digest.summary == "The trail is logging but delivery fails for digest files (KMS.AccessDeniedException).")
        #expect(digest.evidence.contains(Evidence("LatestDigestDeliveryError", "KMS.AccessDeniedException")))

        let both = try Fixture.readyTrail {
            $0["status"]!["LatestDeliveryError"] = "NoSuchBucket"
            $0["status"]!["LatestDigestDeliveryError"] = "NoSuchBucket"
        }
        #expect(
            try Fixture.evaluate(TrailLoggingCheck(), both).summary
                == "The trail is logging but delivery fails for log files (NoSuchBucket) and digest files (NoSuchBucket)."
        )
    }

    @Test("empty-string delivery errors are no error")
    func emptyErrors() throws {
        let json = try Fixture.readyTrail {
            $0["status"]!["LatestDeliveryError"] = ""
            $0["status"]!["LatestDigestDeliveryError"] = ""
        }
        let result = try Fixture.evaluate(TrailLoggingCheck(), json)
        #expect(result.status == .pass)
        #expect(!result.evidence.contains { $0.label.hasSuffix("DeliveryError") })
    }

    @Test("a status without IsLogging is unknown, not a stopped trail")
    func isLoggingMissing() throws {
        let json = try Fixture.readyTrail { $0["status"]!["IsLogging"] = nil }
        let result = try Fixture.evaluate(TrailLoggingCheck(), json)
        #expect(result.status == .unknown)
        #expect(result.summary == "GetTrailStatus did not report IsLogging for this trail.")
        #expect(result.evidence.first == Evidence("IsLogging", .null))
        #expect(result.remediation == nil)
    }

    @Test("a denied GetTrailStatus is unknown and names the permission")
    func statusDenied() throws {
        let json = try Fixture.readyTrail {
            $0["status"] = Fixture.error(
                "AccessDeniedException", "not authorized to perform: cloudtrail:GetTrailStatus")
        }
        let result = try Fixture.evaluate(TrailLoggingCheck(), json)
        #expect(result.status == .unknown)
        #expect(
            result.summary == "GetTrailStatus failed with AccessDeniedException (not authorized to perform: "
                + "cloudtrail:GetTrailStatus). Grant the caller cloudtrail:GetTrailStatus or collect the snapshot with a role that has it."
        )
        #expect(result.remediation == nil)
    }

    @Test("a status that was not collected is unknown and says where to collect it", arguments: [false, true])
    func statusAbsent(asNull: Bool) throws {
        let json = try Fixture.readyTrail { $0["status"] = asNull ? JSONValue.null : Optional.none }
        let result = try Fixture.evaluate(TrailLoggingCheck(), json)
        #expect(result.status == .unknown)
        #expect(
            result.summary == "GetTrailStatus is not in the snapshot. Collect it in us-east-1 with the trail's ARN.")
    }

    @Test("an organization trail seen from a member account is unknown, pointing to the management account")
    func memberAccount() throws {
        let json = try memberAccountView { $0["status"] = Fixture.error("TrailNotFoundException", "Unknown trail") }
        let result = try Fixture.evaluate(TrailLoggingCheck(), json)
        #expect(result.status == .unknown)
        #expect(
            result.summary
                == "GetTrailStatus failed with TrailNotFoundException (Unknown trail). This is an organization "
                + "trail seen from member account 444455556666: decide it from the management account 111122223333 "
                + "(or a delegated administrator).")
    }

    @Test("another account's single-account trail is not a member-account view")
    func otherAccountTrail() throws {
        let json = try memberAccountView {
            $0["trail"]!["IsOrganizationTrail"] = false
            $0["status"] = Fixture.error("AccessDeniedException")
        }
        let result = try Fixture.evaluate(TrailLoggingCheck(), json)
        #expect(result.status == .unknown)
        #expect(!result.summary.contains("member account"))
        #expect(result.summary.contains("Grant the caller cloudtrail:GetTrailStatus"))
    }

    // MARK: trail.multi-region, trail.global-service-events, trail.log-file-validation

    @Test("a setting that is on passes", arguments: flagCases)
    func flagOn(_ flag: FlagCase) throws {
        let result = try Fixture.evaluate(flag.check, try Fixture.ready())
        #expect(result.status == .pass)
        #expect(result.summary == flag.success)
        #expect(result.evidence == [Evidence(flag.field, true)])
        #expect(result.remediation == nil)
    }

    @Test("a setting that is off fails with the update-trail command", arguments: flagCases)
    func flagOff(_ flag: FlagCase) throws {
        let json = try Fixture.readyTrail { $0["trail"]![flag.field] = false }
        let result = try Fixture.evaluate(flag.check, json)
        #expect(result.status == .fail)
        #expect(result.summary == flag.failure)
        #expect(result.evidence == [Evidence(flag.field, false)])
        #expect(
            result.remediation
                == Remediation(
                    "Turn it on.",
                    commands: ["aws cloudtrail update-trail --name \(trailARN) \(flag.updateOption) --region us-east-1"]
                ))
    }

    @Test("a setting describe-trails did not report is unknown", arguments: flagCases)
    func flagMissing(_ flag: FlagCase) throws {
        let json = try Fixture.readyTrail { $0["trail"]![flag.field] = nil }
        let result = try Fixture.evaluate(flag.check, json)
        #expect(result.status == .unknown)
        #expect(result.summary == "describe-trails did not report \(flag.field) for this trail.")
        #expect(result.evidence == [Evidence(flag.field, .null)])
        #expect(result.remediation == nil)
    }

    @Test("from a member account, an off setting is to be turned on from the management account", arguments: flagCases)
    func flagOffInMemberAccount(_ flag: FlagCase) throws {
        let json = try memberAccountView { $0["trail"]![flag.field] = false }
        let result = try Fixture.evaluate(flag.check, json)
        #expect(result.status == .fail)
        #expect(
            result.remediation?.summary == "Turn it on from the management account 111122223333 that owns the trail.")
        #expect(
            result.remediation?.commands == [
                "aws cloudtrail update-trail --name \(trailARN) \(flag.updateOption) --region us-east-1"
            ])
    }
}
