import OrderedJSON
import Testing

@testable import TrailGateCore

/// The fix planner: which failing checks become which calls, computed so that nothing else changes.
@Suite("Fix planner")
struct FixPlannerTests {
    func plans(_ json: JSONValue, options: FixOptions = FixOptions(), checkOptions: CheckOptions = CheckOptions())
        throws -> FixPlan
    {
        try #require(try FixPlanner(options: options).plans(for: Fixture.parse(json), checkOptions: checkOptions).first)
    }

    @Test("a ready trail needs no change and no manual step")
    func readyIsEmpty() throws {
        #expect(try plans(Fixture.ready()).isEmpty)
    }

    @Test("a short expiration is raised; every other rule and field stays as it was")
    func lifecycleKeepsOtherRules() throws {
        let json = try Fixture.readyBucket { bucket in
            bucket["lifecycle"]!["Rules"]![0]!["Expiration"] = ["Days": 365]
        }
        let plan = try plans(json)
        let change = try #require(plan.changes.first)
        #expect(plan.changes.count == 1)
        #expect(change.checkIds == ["bucket.lifecycle-retention"])
        guard case .putBucketLifecycleConfiguration(let configuration) = change.action else {
            Issue.record("expected a lifecycle put, got \(change.action.operation)")
            return
        }
        var expected = change.before
        expected["Rules"]![0]!["Expiration"] = ["Days": 550]
        #expect(configuration == expected)
        #expect(configuration["Rules"]?[1] == change.before["Rules"]?[1])
        #expect(configuration["TransitionDefaultMinimumObjectSize"] == "all_storage_classes_128K")
    }

    @Test("an Expiration.Date becomes Days at the threshold")
    func lifecycleDateBecomesDays() throws {
        let json = try Fixture.readyBucket { bucket in
            bucket["lifecycle"]!["Rules"]![0]!["Expiration"] = ["Date": "2026-12-01T00:00:00+00:00"]
        }
        guard case .putBucketLifecycleConfiguration(let configuration)? = try plans(json).changes.first?.action else {
            Issue.record("expected a lifecycle put")
            return
        }
        #expect(configuration["Rules"]?[0]?["Expiration"] == ["Days": 550])
    }

    @Test("ACL grants to others turn the ownership change into a manual step")
    func ownershipRefusesToDropGrants() throws {
        let json = try Fixture.readyBucket { bucket in
            bucket["ownershipControls"] = ["OwnershipControls": ["Rules": [["ObjectOwnership": "ObjectWriter"]]]]
            bucket["acl"] = [
                "Owner": ["ID": "owner-id"],
                "Grants": [
                    ["Grantee": ["ID": "owner-id", "Type": "CanonicalUser"], "Permission": "FULL_CONTROL"],
                    [
                        "Grantee": ["URI": "http://acs.amazonaws.com/groups/s3/LogDelivery", "Type": "Group"],
                        "Permission": "WRITE",
                    ],
                ],
            ]
        }
        let plan = try plans(json)
        #expect(plan.changes.isEmpty)
        let step = try #require(plan.manualSteps.first)
        #expect(step.checkId == "bucket.object-ownership")
        #expect(step.summary.contains("WRITE to http://acs.amazonaws.com/groups/s3/LogDelivery"))
    }

    @Test("access logging needs --access-log-bucket, and never the trail bucket itself")
    func accessLoggingTarget() throws {
        let json = try AccessLogDeliveryTests.snapshot()
        let withoutTarget = try plans(json)
        #expect(withoutTarget.manualSteps.first?.summary.contains("--access-log-bucket") == true)
        #expect(withoutTarget.blockingStep == nil, "without a target, nothing stops the other changes")
        #expect(
            try plans(json, options: FixOptions(accessLogBucket: "acme-org-trail-logs")).manualSteps.first?.summary
                .contains("must not be the trail bucket") == true)
        let change = try #require(
            try plans(json, options: FixOptions(accessLogBucket: AccessLogDeliveryTests.target)).changes.last)
        #expect(
            change.action
                == .putBucketLogging([
                    "LoggingEnabled": ["TargetBucket": "acme-s3-access-logs", "TargetPrefix": "acme-org-trail-logs/"]
                ]))
    }

    @Test("the key-policy merge keeps the administrators' statements and is refused when it would lock them out")
    func keyPolicyLockOut() throws {
        let keyArn = Fixture.keyARN
        let missing = try Fixture.readyKeyPolicy { policy in
            policy["Statement"] = .array(
                (policy["Statement"]?.arrayValue ?? []).filter {
                    $0["Sid"]?.stringValue?.hasPrefix("DONOTDELETE") != true
                })
        }
        let merged = try #require(try plans(missing).changes.first)
        #expect(merged.resource == FixResource(kind: .key, name: keyArn, region: "us-east-1"))
        let before = try #require(merged.before["Statement"]?.arrayValue)
        let after = try #require(merged.after["Statement"]?.arrayValue)
        #expect(Array(after.prefix(before.count)) == before)

        let administration = KeyAdministration(keyArn: keyArn, callerArn: nil)
        let rootOnly: JSONValue = [
            "Version": "2012-10-17",
            "Statement": [
                [
                    "Sid": "DONOTDELETE-AMS-ALLOWTRAILOBJECTDECRYPTION", "Effect": "Allow",
                    "Principal": ["AWS": "arn:aws:iam::111122223333:root"], "Action": "kms:*", "Resource": "*",
                ]
            ],
        ]
        var replaced = rootOnly
        replaced["Statement"]![0]!["Action"] = "kms:Decrypt"
        #expect(administration.lockedOut(before: rootOnly, after: rootOnly) == nil)
        #expect(
            administration.lockedOut(before: rootOnly, after: replaced)?.contains("arn:aws:iam::111122223333:root")
                == true)
    }

    @Test("trail settings are one UpdateTrail, after the bucket changes, with StartLogging last")
    func orderAndTrailChanges() throws {
        var json = try Fixture.readyTrail { entry in
            entry["trail"]!["IsMultiRegionTrail"] = false
            entry["trail"]!["LogFileValidationEnabled"] = false
            entry["status"]!["IsLogging"] = false
        }
        json["buckets"]!["acme-org-trail-logs"]!["ownershipControls"] = [
            "OwnershipControls": ["Rules": [["ObjectOwnership": "ObjectWriter"]]]
        ]
        let plan = try plans(json)
        #expect(plan.changes.map(\.action.operation) == ["PutBucketOwnershipControls", "UpdateTrail", "StartLogging"])
        #expect(
            plan.changes[1].action
                == .updateTrail([
                    "Name": "arn:aws:cloudtrail:us-east-1:111122223333:trail/org-trail",
                    "IsMultiRegionTrail": true, "EnableLogFileValidation": true,
                ]))
        #expect(
            plan.changes[1].action.cliCommand(on: plan.changes[1].resource)
                == "aws cloudtrail update-trail --name arn:aws:cloudtrail:us-east-1:111122223333:trail/org-trail --is-multi-region-trail --enable-log-file-validation --region us-east-1"
        )
    }

    @Test("--only limits the plan to the named checks")
    func onlyNamedChecks() throws {
        let json = try Fixture.readyTrail { entry in
            entry["trail"]!["LogFileValidationEnabled"] = false
            entry["status"]!["IsLogging"] = false
        }
        let plan = try plans(json, options: FixOptions(onlyChecks: ["trail.logging"]))
        #expect(plan.changes.map(\.action.operation) == ["StartLogging"])
    }

    @Test("manual steps with one summary say it once; checks with the same further steps share a line")
    func sharedManualSteps() {
        let owner = "Plan and fix it from the management account."
        let plan = FixPlan(
            trailARN: "arn:aws:cloudtrail:us-east-1:111122223333:trail/org", changes: [],
            manualSteps: [
                ManualStep(checkId: "trail.kms-events", summary: owner, steps: ["Unknown here: selectors unread."]),
                ManualStep(
                    checkId: "trail.rds-data-events", summary: owner, steps: ["Unknown here: selectors unread."]),
                ManualStep(checkId: "bucket.encryption", summary: owner, steps: ["Unknown here: bucket unread."]),
                ManualStep(checkId: "bucket.access-logging", summary: "Name a target bucket.", steps: ["aws s3api …"]),
            ])
        let text = FixPlanRenderer().text([plan])
        #expect(
            text.contains(
                """
                  - Plan and fix it from the management account.
                      trail.kms-events, trail.rds-data-events: Unknown here: selectors unread.
                      bucket.encryption: Unknown here: bucket unread.
                  - bucket.access-logging: Name a target bucket.
                      aws s3api …
                """))
        #expect(text.hasSuffix("Plan: 0 changes, 4 manual steps.\n"), "the count stays one per check, as in JSON")
    }

    @Test(
        "the plans of the bundled examples, as text and JSON",
        arguments: ["needs-work", "member-account-view", "ready-organization-trail", "organization"])
    func goldenPlans(_ example: String) throws {
        let plans = try FixPlanner().plans(
            for: Fixture.parse(Fixture.example("\(example).json")), checkOptions: CheckOptions())
        try Golden.compare(FixPlanRenderer().text(plans), with: "fix/\(example).txt")
        try Golden.compare(
            FixPlanRenderer().document(plans).serialized(pretty: true) + "\n", with: "fix/\(example).json")
    }
}
