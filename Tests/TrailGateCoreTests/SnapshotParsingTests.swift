import Foundation
import Testing

@testable import TrailGateCore

@Suite("Snapshot parsing")
struct SnapshotParsingTests {
    @Test("the bundled ready example parses with every slot filled")
    func parsesExample() throws {
        let snapshot = try Fixture.parse(try Fixture.ready())
        #expect(snapshot.callerIdentity.value?.account == "111122223333")
        #expect(snapshot.organization.value?.organization.id == "o-a1b2c3d4e5")
        #expect(snapshot.trails.count == 1)
        #expect(snapshot.trails[0].eventSelectors.value?.advancedEventSelectors?.count == 2)
        #expect(snapshot.buckets["acme-org-trail-logs"]?.lifecycle.value?.rules.count == 2)
        #expect(snapshot.keys.count == 1)
    }

    @Test("an error object in a slot is kept as the AWS error")
    func errorSlot() throws {
        let json = try Fixture.readyBucket { $0["lifecycle"] = Fixture.error("NoSuchLifecycleConfiguration", "none") }
        let snapshot = try Fixture.parse(json)
        #expect(
            snapshot.buckets["acme-org-trail-logs"]?.lifecycle.error
                == AWSErrorInfo(code: "NoSuchLifecycleConfiguration", message: "none"))
    }

    @Test("an absent slot is absent, and unknown fields are ignored")
    func absentAndUnknown() throws {
        var json = try Fixture.readyBucket { $0["lifecycle"] = nil }
        json["someFutureField"] = ["x": 1]
        json["trails"]![0]!["trail"]!["SomeNewAWSField"] = "value"
        let snapshot = try Fixture.parse(json)
        guard case .absent = snapshot.buckets["acme-org-trail-logs"]!.lifecycle else {
            Issue.record("expected an absent slot")
            return
        }
    }

    @Test("a wrong type in a used field names its JSON path")
    func wrongType() throws {
        let json = try Fixture.readyTrail { $0["trail"]!["IsMultiRegionTrail"] = "yes" }
        #expect(throws: SnapshotError(path: "$.trails[0].trail.IsMultiRegionTrail", reason: "expected a boolean")) {
            try Fixture.parse(json)
        }
    }

    @Test("a wrong type inside a bucket names the bucket in the path")
    func wrongTypeInBucket() throws {
        let json = try Fixture.readyBucket {
            $0["lifecycle"]!["Rules"]![0]!["Expiration"]!["Days"] = "730"
        }
        #expect(
            throws: SnapshotError(
                path: "$.buckets[\"acme-org-trail-logs\"].lifecycle.Rules[0].Expiration.Days",
                reason: "expected a number")
        ) {
            try Fixture.parse(json)
        }
    }

    @Test("a missing required field is named")
    func missingField() throws {
        let json = try Fixture.readyTrail { $0["trail"]!["TrailARN"] = nil }
        #expect(throws: SnapshotError(path: "$.trails[0].trail.TrailARN", reason: "required field is missing")) {
            try Fixture.parse(json)
        }
    }

    @Test("an unsupported version and a bad date are input errors")
    func versionAndDate() throws {
        var json = try Fixture.ready()
        json["snapshotVersion"] = 3
        #expect(throws: SnapshotError.self) { try Fixture.parse(json) }
        json["snapshotVersion"] = 1
        json["collectedAt"] = "yesterday"
        let error = try #require(throws: SnapshotError.self) { try Fixture.parse(json) }
        #expect(error.path == "$.collectedAt")
    }

    @Test("text that is not JSON is reported at the root")
    func notJSON() {
        #expect(throws: SnapshotError.self) { try Snapshot.parse(Data("{\"snapshotVersion\": 1,".utf8)) }
    }
}
