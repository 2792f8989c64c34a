import OrderedJSON
import Testing

@testable import TrailGateCore

/// Planning the access-log target's grant: the statement merged into its policy, nothing when the target already
/// grants the logging service, and every precondition of S3's a manual step that stops `--apply`.
@Suite("Access-log delivery planning")
struct AccessLogDeliveryTests {
    static let target = "acme-s3-access-logs"
    static let statement: JSONValue = [
        "Sid": "DONOTDELETE-AMS-ALLOWS3SERVERACCESSLOGS",
        "Effect": "Allow",
        "Principal": ["Service": "logging.s3.amazonaws.com"],
        "Action": "s3:PutObject",
        "Resource": "arn:aws:s3:::acme-s3-access-logs/acme-org-trail-logs/*",
        "Condition": [
            "ArnLike": ["aws:SourceArn": "arn:aws:s3:::acme-org-trail-logs"],
            "StringEquals": ["aws:SourceAccount": "111122223333"],
        ],
    ]
    static let ownStatement: JSONValue = [
        "Sid": "DenyInsecureTransport", "Effect": "Deny", "Principal": "*", "Action": "s3:*",
        "Resource": ["arn:aws:s3:::acme-s3-access-logs", "arn:aws:s3:::acme-s3-access-logs/*"],
        "Condition": ["Bool": ["aws:SecureTransport": "false"]],
    ]

    /// The ready snapshot with logging off and the target's answers, as the AWS CLI prints them, edited.
    static func snapshot(target edit: (inout JSONValue) -> Void = { _ in }) throws -> JSONValue {
        var json = try Fixture.readyBucket { $0["logging"] = [:] }
        var data: JSONValue = [
            "ownerAccountId": "111122223333",
            "location": ["LocationConstraint": nil],
            "ownershipControls": ["OwnershipControls": ["Rules": [["ObjectOwnership": "BucketOwnerEnforced"]]]],
            "policy": Fixture.error("NoSuchBucketPolicy", "The bucket policy does not exist"),
            "acl": [
                "Owner": ["ID": "owner-id"],
                "Grants": [["Grantee": ["ID": "owner-id", "Type": "CanonicalUser"], "Permission": "FULL_CONTROL"]],
            ],
            "objectLock": Fixture.error(
                "ObjectLockConfigurationNotFoundError", "Object Lock configuration does not exist for this bucket"),
        ]
        edit(&data)
        json["buckets"]![target] = data
        return json
    }

    static func policy(_ statements: [JSONValue]) -> JSONValue {
        ["Policy": .string((["Version": "2012-10-17", "Statement": .array(statements)] as JSONValue).serialized())]
    }

    func plan(_ json: JSONValue, target: String = Self.target) throws -> FixPlan {
        try #require(
            try FixPlanner(options: FixOptions(accessLogBucket: target)).plans(
                for: Fixture.parse(json), checkOptions: CheckOptions()
            ).first)
    }

    /// The plan's only manual step, which must stop `--apply`, when the plan has no change.
    func blockingStep(_ json: JSONValue, target: String = Self.target) throws -> String {
        let plan = try plan(json, target: target)
        #expect(plan.changes.isEmpty)
        let step = try #require(plan.blockingStep)
        #expect(plan.manualSteps == [step])
        return step.summary
    }

    @Test("a target without a policy gets one with the statement, made before PutBucketLogging")
    func noPolicy() throws {
        let plan = try plan(Self.snapshot())
        #expect(plan.manualSteps.isEmpty)
        #expect(plan.changes.map(\.action.operation) == ["PutBucketPolicy", "PutBucketLogging"])
        let grant = plan.changes[0]
        #expect(grant.resource == FixResource(kind: .bucket, name: Self.target, region: "us-east-1"))
        #expect(grant.before == .null)
        #expect(grant.after == ["Version": "2012-10-17", "Statement": [Self.statement]])
        #expect(grant.action == .putBucketPolicy(grant.after.serialized()))
        #expect(grant.checkIds == [.accessLogging])
        #expect(grant.stepIfRefused?.blocksApply == true)
        #expect(
            grant.stepIfRefused?.steps.first?.hasPrefix("aws s3api put-bucket-policy --bucket \(Self.target)") == true)
        #expect(grant.summary.contains("it has no policy yet"))
    }

    @Test("the statement is appended to the existing policy, every statement kept, and merging again adds nothing")
    func mergeKeepsAndIsIdempotent() throws {
        let plan = try plan(Self.snapshot { $0["policy"] = Self.policy([Self.ownStatement]) })
        let grant = try #require(plan.changes.first)
        #expect(grant.after == ["Version": "2012-10-17", "Statement": [Self.ownStatement, Self.statement]])
        #expect(grant.summary.contains("added statement \"DONOTDELETE-AMS-ALLOWS3SERVERACCESSLOGS\""))
        #expect(grant.summary.contains("the 1 existing statement stays as written"))

        let again = try self.plan(
            Self.snapshot { $0["policy"] = ["Policy": .string(grant.after.serialized())] })
        #expect(again.changes.map(\.action.operation) == ["PutBucketLogging"])
        #expect(again.changes.first?.notes.first?.hasPrefix("No change to \(Self.target)") == true)
    }

    @Test("a target that already grants the logging service, by policy or by ACL, gets nothing")
    func alreadyGranted() throws {
        let broad: JSONValue = [
            "Effect": "Allow", "Principal": ["Service": "logging.s3.amazonaws.com"], "Action": "s3:PutObject",
            "Resource": "arn:aws:s3:::acme-s3-access-logs/*",
        ]
        let byPolicy = try plan(Self.snapshot { $0["policy"] = Self.policy([broad]) })
        #expect(byPolicy.changes.map(\.action.operation) == ["PutBucketLogging"])

        let logDelivery: [JSONValue] = ["WRITE", "READ_ACP"].map {
            [
                "Grantee": ["Type": "Group", "URI": "http://acs.amazonaws.com/groups/s3/LogDelivery"],
                "Permission": $0,
            ]
        }
        func withACL(ownership: String) throws -> FixPlan {
            try plan(
                Self.snapshot {
                    $0["ownershipControls"] = [
                        "OwnershipControls": ["Rules": [["ObjectOwnership": .string(ownership)]]]
                    ]
                    $0["acl"]!["Grants"] = .array(($0["acl"]?["Grants"]?.arrayValue ?? []) + logDelivery)
                })
        }
        #expect(try withACL(ownership: "ObjectWriter").changes.map(\.action.operation) == ["PutBucketLogging"])
        #expect(
            try withACL(ownership: "BucketOwnerEnforced").changes.map(\.action.operation) == [
                "PutBucketPolicy", "PutBucketLogging",
            ], "with ACLs disabled the ACL grants nothing")
    }

    @Test("a grant limited to another source bucket does not count, and our Sid in use for it is not overwritten")
    func otherSource() throws {
        var other = Self.statement
        other["Resource"] = "arn:aws:s3:::acme-s3-access-logs/other-bucket/*"
        other["Condition"]!["ArnLike"] = ["aws:SourceArn": "arn:aws:s3:::other-bucket"]
        let summary = try blockingStep(Self.snapshot { $0["policy"] = Self.policy([other]) })
        #expect(summary.contains("has a statement \"DONOTDELETE-AMS-ALLOWS3SERVERACCESSLOGS\" (Statement[0])"))
    }

    @Test("each precondition of the target stops apply with a manual step and plans no change")
    func preconditions() throws {
        #expect(
            try blockingStep(Self.snapshot(), target: "acme-org-trail-logs")
                .contains("must not be the trail bucket acme-org-trail-logs itself"))
        #expect(try blockingStep(Self.snapshot(), target: "unknown-bucket").contains("is not in the snapshot"))
        #expect(
            try blockingStep(Self.snapshot { $0["location"] = Fixture.error("NoSuchBucket", "does not exist") })
                .hasPrefix("The access-log bucket acme-s3-access-logs does not exist: create it in us-east-1"))
        #expect(
            try blockingStep(Self.snapshot { $0["location"] = ["LocationConstraint": "eu-west-1"] })
                .contains("is in eu-west-1, the trail bucket acme-org-trail-logs in us-east-1"))
        #expect(
            try blockingStep(Self.snapshot { $0["ownerAccountId"] = "444455556666" })
                .contains("is not among the buckets of account 111122223333"))
        #expect(
            try blockingStep(
                Self.snapshot {
                    $0["objectLock"] = [
                        "ObjectLockConfiguration": [
                            "ObjectLockEnabled": "Enabled",
                            "Rule": ["DefaultRetention": ["Mode": "GOVERNANCE", "Days": 30]],
                        ]
                    ]
                }
            ).contains("retains new objects by default (Object Lock GOVERNANCE 30 days)"))
        #expect(
            try blockingStep(Self.snapshot { $0["policy"] = Fixture.error("AccessDenied", "Access Denied") })
                .contains("GetBucketPolicy failed with AccessDenied"))
        let lockedWithoutRule = try plan(
            Self.snapshot { $0["objectLock"] = ["ObjectLockConfiguration": ["ObjectLockEnabled": "Enabled"]] })
        #expect(lockedWithoutRule.manualSteps.isEmpty, "Object Lock without default retention is allowed")
    }

    @Test("a policy that denies the caller PutBucketPolicy, or one that would be too large, stops apply")
    func policyCannotBeWritten() throws {
        let denyCaller: JSONValue = [
            "Sid": "OnlyAdmins", "Effect": "Deny", "Principal": "*", "Action": "s3:PutBucketPolicy",
            "Resource": "arn:aws:s3:::acme-s3-access-logs",
            "Condition": ["ArnNotLike": ["aws:PrincipalArn": "arn:aws:iam::111122223333:role/StorageAdmin"]],
        ]
        #expect(
            try blockingStep(Self.snapshot { $0["policy"] = Self.policy([denyCaller]) })
                .contains("denies arn:aws:sts::111122223333:assumed-role/Admin/alice s3:PutBucketPolicy"))
        let padding: JSONValue = [
            "Sid": .string(String(repeating: "x", count: 20_300)), "Effect": "Allow",
            "Principal": ["AWS": "arn:aws:iam::111122223333:root"], "Action": "s3:GetObject",
            "Resource": "arn:aws:s3:::acme-s3-access-logs/*",
        ]
        #expect(
            try blockingStep(Self.snapshot { $0["policy"] = Self.policy([padding]) })
                .contains("over S3's limit of 20,480 bytes"))
    }
}
