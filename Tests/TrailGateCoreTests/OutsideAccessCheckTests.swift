import OrderedJSON
import Testing

@testable import TrailGateCore

private let bucketArn = "arn:aws:s3:::\(Fixture.bucketName)"
private let org = "o-a1b2c3d4e5"
private let outsideNote = "Object ACLs, access points and KMS grants are outside the bucket policy and not judged here."
/// The evidence the ready policy's two read statements give.
private let amsEvidence = [
    Evidence(
        #"statement "DONOTDELETE-AMS-ALLOWLISTBUCKET""#,
        .string("tied to the organization: StringEquals aws:PrincipalOrgID \(org)")),
    Evidence(
        #"statement "DONOTDELETE-AMS-ALLOWGETOBJECT""#,
        .string("tied to the organization: StringEquals aws:PrincipalOrgID \(org)")),
]

/// An Allow of `actions` on the bucket and all its objects for `principal`, under `condition` when given.
private func allowRead(
    _ sid: String, principal: JSONValue, actions: JSONValue = ["s3:ListBucket", "s3:GetObject"],
    condition: JSONValue? = nil
) -> JSONValue {
    var statement: JSONValue = [
        "Sid": .string(sid), "Effect": "Allow", "Principal": principal, "Action": actions,
        "Resource": [.string(bucketArn), .string("\(bucketArn)/*")],
    ]
    statement["Condition"] = condition
    return statement
}

/// Runs `bucket.outside-access` on the ready snapshot with `statement` added to its bucket policy.
private func evaluateWith(_ statement: JSONValue) throws -> CheckResult {
    try Fixture.evaluate(OutsideAccessCheck(), try Fixture.readyBucketPolicy { $0.append(statement: statement) })
}

@Suite("Outside access")
struct OutsideAccessCheckTests {
    @Test("the ready policy passes: both read statements are tied to the organization")
    func ready() throws {
        let result = try Fixture.evaluate(OutsideAccessCheck(), try Fixture.ready())
        #expect(result.status == .pass)
        #expect(
            result.summary
                == "Every Allow that could grant a read of the trail's objects is tied to organization \(org).")
        #expect(result.evidence == amsEvidence)
        #expect(result.notes == [outsideNote])
        #expect(result.remediation == nil)
    }

    @Test("GetObject for everyone without a condition fails with an anonymous read")
    func everyone() throws {
        let result = try evaluateWith(allowRead("PublicRead", principal: "*", actions: "s3:GetObject"))
        let object = "\(bucketArn)/cloudtrail/AWSLogs/\(org)/999900001111/CloudTrail/us-east-1/2026/11/28/log.json.gz"
        #expect(result.status == .fail)
        #expect(
            result.summary
                == "The bucket policy grants a principal outside the organization: anonymous calling s3:GetObject "
                + "on \(object), allowed by statement \"PublicRead\".")
        #expect(
            result.evidence == amsEvidence + [
                Evidence(#"statement "PublicRead""#, "not tied to the organization"),
                Evidence("outside request", .string("anonymous calling s3:GetObject on \(object)")),
            ])
        #expect(
            result.remediation?.summary
                == "Add a condition StringEquals aws:PrincipalOrgID \(org) to statement \"PublicRead\", "
                + "or narrow its Principal to accounts of the organization.")
    }

    @Test("a principal in an account outside the organization fails with a role of that account")
    func outsideAccount() throws {
        let result = try evaluateWith(allowRead("Partner", principal: ["AWS": "arn:aws:iam::999988887777:root"]))
        #expect(result.status == .fail)
        #expect(
            result.summary == "The bucket policy grants a principal outside the organization: "
                + "arn:aws:iam::999988887777:role/ams-access-outsider listing \(bucketArn) under cloudtrail/AWSLogs/\(org)/ "
                + "through Athena, allowed by statement \"Partner\".")
        #expect(result.evidence.contains(Evidence(#"statement "Partner""#, "not tied to the organization")))
    }

    @Test("a principal in an account of the organization passes")
    func inOrganizationAccount() throws {
        let result = try evaluateWith(allowRead("Management", principal: ["AWS": "arn:aws:iam::111122223333:root"]))
        #expect(result.status == .pass)
        #expect(
            result.evidence == amsEvidence + [
                Evidence(
                    #"statement "Management""#,
                    "tied to the organization: principals only in accounts of the organization")
            ])
    }

    @Test("an Allow bound only by aws:SourceIp is unknown: no outside request tried gets through, nor is it tied")
    func sourceIpOnly() throws {
        let result = try evaluateWith(
            allowRead("Office", principal: "*", condition: ["IpAddress": ["aws:SourceIp": "203.0.113.0/24"]]))
        #expect(result.status == .unknown)
        #expect(
            result.summary == "Statements \"Office\" are not tied to the organization by a principal or an identity "
                + "condition, and no outside request tried was granted; review them by hand.")
        #expect(result.evidence.last == Evidence(#"statement "Office""#, "not tied to the organization"))
        #expect(result.remediation == nil)
    }

    @Test("ForAnyValue:StringLike on aws:PrincipalOrgPaths under the organization passes")
    func organizationPaths() throws {
        let result = try evaluateWith(
            allowRead(
                "OrgPaths", principal: "*",
                condition: ["ForAnyValue:StringLike": ["aws:PrincipalOrgPaths": ["o-a1b2c3d4e5/*"]]]))
        #expect(result.status == .pass)
        #expect(
            result.evidence.last
                == Evidence(
                    #"statement "OrgPaths""#,
                    .string("tied to the organization: ForAnyValue:StringLike aws:PrincipalOrgPaths under \(org)/")))
    }

    @Test("the AMS statement bound to another organization fails with a role of that organization")
    func otherOrganization() throws {
        let json = try Fixture.readyBucketPolicy {
            $0[sid: "DONOTDELETE-AMS-ALLOWGETOBJECT"]!["Condition"]!["StringEquals"]!["aws:PrincipalOrgID"] =
                "o-zzzz9999zz"
        }
        let result = try Fixture.evaluate(OutsideAccessCheck(), json)
        let object = "\(bucketArn)/cloudtrail/AWSLogs/\(org)/999900001111/CloudTrail/us-east-1/2026/11/28/log.json.gz"
        #expect(result.status == .fail)
        #expect(
            result.summary == "The bucket policy grants a principal outside the organization: "
                + "arn:aws:sts::999900002222:assumed-role/ams-access-outsider/s (organization o-zzzz9999zz) calling s3:GetObject on "
                + "\(object) through Athena, allowed by statement \"DONOTDELETE-AMS-ALLOWGETOBJECT\".")
        #expect(
            result.evidence.contains(
                Evidence(#"statement "DONOTDELETE-AMS-ALLOWGETOBJECT""#, "not tied to the organization")))
    }

    @Test("ArnLike on aws:PrincipalArn with any account is not a perimeter: anyone can name a role ams-access-*")
    func principalArnPatternOnly() throws {
        let json = try Fixture.readyBucketPolicy {
            $0[sid: "DONOTDELETE-AMS-ALLOWLISTBUCKET"]!["Condition"]!["StringEquals"] = nil
        }
        let result = try Fixture.evaluate(OutsideAccessCheck(), json)
        #expect(result.status == .fail)
        #expect(
            result.summary == "The bucket policy grants a principal outside the organization: "
                + "arn:aws:sts::999900001111:assumed-role/ams-access-outsider/s listing \(bucketArn) under cloudtrail/AWSLogs/\(org)/ "
                + "through Athena, allowed by statement \"DONOTDELETE-AMS-ALLOWLISTBUCKET\".")
    }

    @Test("an Allow on objects outside the trail's key space is not judged")
    func otherKeySpace() throws {
        let result = try evaluateWith([
            "Sid": "PublicAssets", "Effect": "Allow", "Principal": "*", "Action": "s3:GetObject",
            "Resource": .string("\(bucketArn)/public/*"),
        ])
        #expect(result.status == .pass)
        #expect(result.evidence == amsEvidence)
    }

    @Test("a bucket without a policy grants no one outside")
    func noSuchBucketPolicy() throws {
        let json = try Fixture.readyBucket {
            $0["policy"] = Fixture.error("NoSuchBucketPolicy", "The bucket policy does not exist")
        }
        let result = try Fixture.evaluate(OutsideAccessCheck(), json)
        #expect(result.status == .pass)
        #expect(result.summary == "The bucket has no policy, so it grants no one outside the bucket's account.")
        #expect(result.evidence == [Evidence("GetBucketPolicy", "NoSuchBucketPolicy")])
    }

    @Test("a bucket policy that cannot be parsed is unknown")
    func unparseablePolicy() throws {
        let json = try Fixture.readyBucket {
            $0["policy"] = ["Policy": #"{"Statement":[{"Effect":"Permit","Action":"s3:*","Resource":"*"}]}"#]
        }
        let result = try Fixture.evaluate(OutsideAccessCheck(), json)
        #expect(result.status == .unknown)
        #expect(result.summary.hasPrefix("The bucket policy cannot be evaluated: "))
        #expect(result.summary.contains("Statement[0].Effect"))
    }

    @Test("an unknown organization id is unknown until --org-id supplies it")
    func organizationUnknown() throws {
        var json = try Fixture.ready()
        json["organization"] = nil
        let unknown = try Fixture.evaluate(OutsideAccessCheck(), json)
        #expect(unknown.status == .unknown)
        #expect(
            unknown.summary == "The organization id is unknown (describe-organization gave no answer); pass --org-id.")

        let supplied = try Fixture.evaluate(
            OutsideAccessCheck(), json, options: CheckOptions(expectedOrganizationId: org))
        #expect(supplied.status == .pass)
        #expect(supplied.evidence == amsEvidence)
    }
}
