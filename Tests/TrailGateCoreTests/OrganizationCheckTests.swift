import OrderedJSON
import Testing

@testable import TrailGateCore

private let notInUse = Fixture.error(
    "AWSOrganizationsNotInUseException",
    "Your account is not a member of an organization.")

/// The ready snapshot with its trail turned into a single-account trail, its bucket's `ownerAccountId` set
/// (removed for nil), and its `describe-organization` answer replaced.
private func accountTrail(bucketOwner: String?, organization: JSONValue) throws -> JSONValue {
    var json = try Fixture.readyTrail { $0["trail"]!["IsOrganizationTrail"] = false }
    json["buckets"]!["acme-org-trail-logs"]!["ownerAccountId"] = bucketOwner.map(JSONValue.string)
    json["organization"] = organization
    return json
}

@Suite("Organization")
struct OrganizationCheckTests {
    @Test("an organization trail in an organization passes")
    func organizationTrail() throws {
        let result = try Fixture.evaluate(OrganizationCheck(), try Fixture.ready())
        #expect(result.status == .pass)
        #expect(result.summary == "The bucket is used within organization o-a1b2c3d4e5 (it is an organization trail).")
        #expect(
            result.evidence == [
                Evidence("IsOrganizationTrail", true),
                Evidence("bucket ownerAccountId", "111122223333"),
                Evidence("Organization.Id", "o-a1b2c3d4e5"),
            ])
    }

    @Test("an organization trail whose account is in no organization fails")
    func organizationTrailWithoutOrganization() throws {
        var json = try Fixture.ready()
        json["organization"] = notInUse
        let result = try Fixture.evaluate(OrganizationCheck(), json)
        #expect(result.status == .fail)
        #expect(
            result.summary
                == "The bucket is centralized (it is an organization trail) but the account is not in an AWS Organization."
        )
        #expect(result.evidence.contains(Evidence("DescribeOrganization", "AWSOrganizationsNotInUseException")))
        #expect(result.remediation?.commands == ["aws organizations create-organization --feature-set ALL"])
    }

    @Test("a single-account trail writing to another account's bucket outside an organization fails")
    func centralizedBucketWithoutOrganization() throws {
        let json = try accountTrail(bucketOwner: "999988887777", organization: notInUse)
        let result = try Fixture.evaluate(OrganizationCheck(), json)
        #expect(result.status == .fail)
        #expect(
            result.summary == "The bucket is centralized (bucket is owned by account 999988887777, the trail by "
                + "111122223333) but the account is not in an AWS Organization.")
        #expect(result.evidence.contains(Evidence("bucket ownerAccountId", "999988887777")))
    }

    @Test("a single-account trail writing to another account's bucket inside an organization passes")
    func centralizedBucketInOrganization() throws {
        let json = try accountTrail(bucketOwner: "999988887777", organization: try Fixture.ready()["organization"]!)
        let result = try Fixture.evaluate(OrganizationCheck(), json)
        #expect(result.status == .pass)
        #expect(
            result.summary == "The bucket is used within organization o-a1b2c3d4e5 (bucket is owned by account "
                + "999988887777, the trail by 111122223333).")
    }

    @Test("a single-account trail writing to its own account's bucket is not applicable")
    func localBucket() throws {
        let json = try accountTrail(bucketOwner: "111122223333", organization: notInUse)
        let result = try Fixture.evaluate(OrganizationCheck(), json)
        #expect(result.status == .notApplicable)
        #expect(result.summary == "The bucket is not centralized: bucket owner 111122223333 is the trail's account.")
        #expect(result.remediation == nil)
    }

    @Test("a bucket without a recorded owner is assumed to be the trail's account's")
    func ownerNotRecorded() throws {
        let json = try accountTrail(bucketOwner: nil, organization: notInUse)
        let result = try Fixture.evaluate(OrganizationCheck(), json)
        #expect(result.status == .notApplicable)
        #expect(
            result.summary == "The bucket is not centralized: bucket owner not recorded (ownerAccountId); "
                + "assumed to be the trail's account 111122223333.")
    }

    @Test("a single-account trail whose bucket is not in the snapshot is unknown")
    func bucketMissing() throws {
        var json = try accountTrail(bucketOwner: nil, organization: notInUse)
        json["buckets"] = [:]
        let result = try Fixture.evaluate(OrganizationCheck(), json)
        #expect(result.status == .unknown)
        #expect(
            result.summary == "Cannot tell whether the bucket is centralized: bucket acme-org-trail-logs is not in the "
                + "snapshot, so its owner is unknown; record the bucket's ownerAccountId.")
    }

    @Test("the expected organization passes when it is the account's")
    func expectedOrganizationMatches() throws {
        let options = CheckOptions(expectedOrganizationId: "o-a1b2c3d4e5")
        let result = try Fixture.evaluate(OrganizationCheck(), try Fixture.ready(), options: options)
        #expect(result.status == .pass)
        #expect(result.evidence.last == Evidence("expected organization (--org-id)", "o-a1b2c3d4e5"))
    }

    @Test("another organization than the expected one fails, naming both")
    func expectedOrganizationDiffers() throws {
        let options = CheckOptions(expectedOrganizationId: "o-zz9yy8xx7w")
        let result = try Fixture.evaluate(OrganizationCheck(), try Fixture.ready(), options: options)
        #expect(result.status == .fail)
        #expect(result.summary == "The account belongs to organization o-a1b2c3d4e5, not o-zz9yy8xx7w as expected.")
        #expect(
            result.remediation == Remediation("Check --org-id, or collect the snapshot in an account of o-zz9yy8xx7w."))
    }

    @Test("with an expected organization, a local bucket is judged too")
    func expectedOrganizationForLocalBucket() throws {
        let options = CheckOptions(expectedOrganizationId: "o-zz9yy8xx7w")
        let inOther = try accountTrail(bucketOwner: "111122223333", organization: try Fixture.ready()["organization"]!)
        #expect(try Fixture.evaluate(OrganizationCheck(), inOther, options: options).status == .fail)

        let inNone = try Fixture.evaluate(
            OrganizationCheck(), try accountTrail(bucketOwner: "111122223333", organization: notInUse),
            options: options)
        #expect(inNone.status == .fail)
        #expect(inNone.summary == "The account is not in an AWS Organization, so not in o-zz9yy8xx7w as expected.")
        #expect(
            inNone.remediation == Remediation("Check --org-id, or collect the snapshot in an account of o-zz9yy8xx7w."))
    }

    @Test("a denied describe-organization is unknown and names the permission")
    func organizationDenied() throws {
        var json = try Fixture.ready()
        json["organization"] = Fixture.error(
            "AccessDeniedException", "You don't have permissions to access this resource.")
        let result = try Fixture.evaluate(OrganizationCheck(), json)
        #expect(result.status == .unknown)
        #expect(
            result.summary == "DescribeOrganization failed with AccessDeniedException (You don't have permissions to "
                + "access this resource). Grant organizations:DescribeOrganization or collect from the management account."
        )
        #expect(result.evidence.contains(Evidence("DescribeOrganization", "AccessDeniedException")))
    }

    @Test("a snapshot without describe-organization is unknown")
    func organizationAbsent() throws {
        var json = try Fixture.ready()
        json["organization"] = nil
        let result = try Fixture.evaluate(OrganizationCheck(), json)
        #expect(result.status == .unknown)
        #expect(
            result.summary == "The snapshot has no describe-organization answer, so organization membership is unknown."
        )
    }
}
