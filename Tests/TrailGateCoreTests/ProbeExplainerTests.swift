import OrderedJSON
import Testing

@testable import TrailGateCore

/// The explainer decides each refused request of a failed or refused step again with the policies the caller read,
/// as the role's session, and says what refused it and which check covers it.
@Suite("Probe explanations")
struct ProbeExplainerTests {
    typealias F = ProbeFixture

    private func explained(_ step: ProbeStep, _ policies: ProbePolicies) -> String? {
        ProbeExplainer().explain(F.report(steps: [F.assumeRole, step], policies: policies)).steps[1].explanation
    }

    @Test("configuration reads refused by a bucket policy without DONOTDELETE-AMS-ALLOWBUCKETCONFIGAUDIT")
    func missingConfigurationAudit() throws {
        var policies = try F.policies
        policies.bucketPolicy = try F.bucketPolicy(F.removing("DONOTDELETE-AMS-ALLOWBUCKETCONFIGAUDIT"))
        #expect(
            explained(F.bucketConfigRefused, policies)
                == "GetBucketLogging, GetBucketObjectLockConfiguration, GetBucketLifecycleConfiguration and "
                + "GetBucketEncryption: no statement of the bucket policy allows it (the required "
                + "statement \"DONOTDELETE-AMS-ALLOWBUCKETCONFIGAUDIT\" grants it); see bucket.policy-access and "
                + "account.service-access (the role is in account 111122223333, the bucket in 222233334444).")
    }

    @Test("configuration reads refused by a DONOTDELETE-AMS-ALLOWBUCKETCONFIGAUDIT narrowed to other roles")
    func narrowConfigurationAudit() throws {
        var policies = try F.policies
        policies.bucketPolicy = try F.bucketPolicy { statements in
            statements.map { statement in
                guard statement["Sid"]?.stringValue == "DONOTDELETE-AMS-ALLOWBUCKETCONFIGAUDIT" else {
                    return statement
                }
                var narrowed = statement
                narrowed["Condition"] = [
                    "StringEquals": ["aws:PrincipalOrgID": .string(F.organizationId)],
                    "ArnLike": ["aws:PrincipalArn": "arn:aws:iam::*:role/ams-access-audit-*"],
                ]
                return narrowed
            }
        }
        let explanation = try #require(explained(F.bucketConfigRefused, policies))
        #expect(explanation.contains("the nearest, \"DONOTDELETE-AMS-ALLOWBUCKETCONFIGAUDIT\", does not apply"))
        #expect(explanation.contains("ArnLike aws:PrincipalArn"))
        #expect(explanation.contains("see bucket.policy-access"))
    }

    @Test("a direct read refused by the required statements is refused as intended, only through Athena")
    func directReadOnlyThroughAthena() throws {
        #expect(
            explained(F.directReadRefused, try F.policies)
                == "ListObjectsV2: refused as intended: statement \"DONOTDELETE-AMS-ALLOWLISTBUCKET\" of the bucket "
                + "policy allows s3:ListBucket only through Athena (aws:CalledVia athena.amazonaws.com). "
                + "GetObject: refused as intended: statement \"DONOTDELETE-AMS-ALLOWGETOBJECT\" of the bucket policy "
                + "allows s3:GetObject only through Athena (aws:CalledVia athena.amazonaws.com).")
    }

    @Test("a direct read refused outside the logs' key space is not the CalledVia condition")
    func directReadOutsideTheLogs() throws {
        let step = ProbeStep(
            id: .directRead, status: .refused, summary: "GetObject was refused (AccessDenied).",
            requests: [F.accessDenied("GetObject", "\(F.bucketArn)/other/object.json")])
        let explanation = try #require(explained(step, try F.policies))
        #expect(!explanation.contains("as intended"))
        #expect(explanation.contains("no statement of the bucket policy grants it"))
    }

    @Test("an Athena-path GetObject AWS refused while the bucket and key policies allow it")
    func somethingTheCallerCannotSee() throws {
        let step = ProbeStep(
            id: .athenaQuery, status: .fail, summary: "The query failed: Access Denied.",
            requests: [F.accessDenied("GetObject", F.objectArn)])
        #expect(
            explained(step, try F.policies)
                == "GetObject: the bucket policy allows it (statement \"DONOTDELETE-AMS-ALLOWGETOBJECT\"), so "
                + "something the caller cannot see refused it: an SCP, an RCP, a VPC endpoint policy, a KMS grant or "
                + "the role's own IAM policies, which were not read; see bucket.policy-access and "
                + "account.service-access (the role is in account 111122223333, the bucket in 222233334444).")
    }

    @Test("Athena's failure reason names the object it could not read")
    func athenaReasonPath() throws {
        let objectKey = String(F.objectArn.dropFirst(F.bucketArn.count + 1))
        let step = ProbeStep(
            id: .athenaQuery, status: .fail, summary: "The query failed.",
            requests: [
                ProbeRequest(
                    operation: "GetQueryExecution", resource: "5c1f0e2a-query", region: "eu-west-1",
                    errorCode: "FAILED",
                    errorMessage: "Permission denied on S3 path: s3://\(F.bucket)/\(objectKey). This query ran "
                        + "against the \"trailgate_probe_k3x9\" database, unless qualified by the query.")
            ])
        var policies = try F.policies
        policies.bucketPolicy = try F.bucketPolicy(F.removing("DONOTDELETE-AMS-ALLOWGETOBJECT"))
        #expect(
            explained(step, policies)
                == "GetObject: no statement of the bucket policy allows it (the required statement "
                + "\"DONOTDELETE-AMS-ALLOWGETOBJECT\" grants it); see bucket.policy-access and account.service-access "
                + "(the role is in account 111122223333, the bucket in 222233334444).")
    }

    @Test("kms:Decrypt refused by a key policy without DONOTDELETE-AMS-ALLOWTRAILOBJECTDECRYPTION")
    func keyPolicyWithoutDecryption() throws {
        var policies = try F.policies
        policies.keyPolicies = [F.keyArn: try F.keyPolicy(withRequiredStatement: false)]
        let step = ProbeStep(
            id: .athenaQuery, status: .fail, summary: "The query failed: Access Denied.",
            requests: [
                ProbeRequest(
                    operation: "Decrypt", resource: F.keyArn, region: "eu-west-1",
                    errorCode: "AccessDeniedException", errorMessage: "User is not authorized to perform kms:Decrypt")
            ])
        #expect(
            explained(step, policies)
                == "Decrypt: no statement of the key policy of \(F.keyArn) grants it to the role's session; the "
                + "nearest, \"Enable IAM User Permissions\", does not apply: the principal "
                + "arn:aws:sts::111122223333:assumed-role/ams-access-probe/trailgate-probe is not named; see "
                + "kms.key-policy-access and account.service-access (the role is in account 111122223333, the key "
                + "in 222233334444).")
    }

    @Test("a GetObject the bucket policy allows, refused by the key's missing decryption statement")
    func getObjectRefusedByTheKey() throws {
        var policies = try F.policies
        policies.keyPolicies = [F.keyArn: try F.keyPolicy(withRequiredStatement: false)]
        let step = ProbeStep(
            id: .athenaQuery, status: .fail, summary: "The query failed: Access Denied.",
            requests: [F.accessDenied("GetObject", F.objectArn)])
        let explanation = try #require(explained(step, policies))
        #expect(explanation.hasPrefix("GetObject: the bucket policy allows it, but S3's kms:Decrypt is refused"))
        #expect(explanation.contains("see kms.key-policy-access"))
    }

    @Test("a bucket policy the caller could not read")
    func unreadableBucketPolicy() throws {
        var policies = try F.policies
        policies.bucketPolicy = nil
        #expect(
            explained(F.bucketConfigRefused, policies)
                == "GetBucketLogging, GetBucketObjectLockConfiguration, GetBucketLifecycleConfiguration and "
                + "GetBucketEncryption: the bucket policy could not be read with the caller's credentials: run check "
                + "from the bucket's account (222233334444).")
    }

    @Test("a key policy the caller could not read")
    func unreadableKeyPolicy() throws {
        var policies = try F.policies
        policies.keyPolicies = [:]
        let step = ProbeStep(
            id: .athenaQuery, status: .fail, summary: "The query failed.",
            requests: [
                ProbeRequest(
                    operation: "Decrypt", resource: F.keyArn, region: "eu-west-1", errorCode: "AccessDeniedException")
            ])
        #expect(
            explained(step, policies)
                == "Decrypt: the key policy of \(F.keyArn) could not be read with the caller's credentials: run check "
                + "from the key's account (222233334444).")
    }

    @Test("a bucket policy that is not valid JSON")
    func unparsableBucketPolicy() throws {
        var policies = try F.policies
        policies.bucketPolicy = "{\"Statement\": ["
        let explanation = try #require(explained(F.bucketConfigRefused, policies))
        #expect(explanation.contains("the bucket policy cannot be evaluated ("))
    }

    @Test("an explicit deny in the bucket policy is named")
    func explicitDeny() throws {
        var policies = try F.policies
        policies.bucketPolicy = try F.bucketPolicy { statements in
            statements + [
                [
                    "Sid": "DenyOutsideVpc", "Effect": "Deny", "Principal": "*", "Action": "s3:*",
                    "Resource": [.string(F.bucketArn), .string("\(F.bucketArn)/*")],
                    "Condition": ["StringNotEquals": ["aws:SourceVpce": "vpce-0a1b2c3d"]],
                ]
            ]
        }
        #expect(
            explained(F.bucketConfigRefused, policies)?.hasSuffix(
                "statement \"DenyOutsideVpc\" of the bucket policy denies it; see bucket.policy-access and "
                    + "account.service-access (the role is in account 111122223333, the bucket in 222233334444).")
                == true)
    }

    @Test("a role in the bucket's own account is not sent to account.service-access")
    func sameAccount() throws {
        var policies = try F.policies
        policies.bucketOwnerAccountId = F.memberAccount
        policies.bucketPolicy = try F.bucketPolicy { statements in
            statements + [
                [
                    "Sid": "DenyConfig", "Effect": "Deny", "Principal": "*", "Action": "s3:GetBucketLogging",
                    "Resource": .string(F.bucketArn),
                ]
            ]
        }
        let step = ProbeStep(
            id: .bucketConfig, status: .fail, summary: "GetBucketLogging: AccessDenied",
            requests: [F.accessDenied("GetBucketLogging", F.bucketArn)])
        #expect(
            explained(step, policies)
                == "GetBucketLogging: statement \"DenyConfig\" of the bucket policy denies it; see bucket.policy-access."
        )
    }

    @Test("errors that are not refusals, and requests on anything but the bucket and keys, are not explained")
    func notJudged() throws {
        let step = ProbeStep(
            id: .athenaTable, status: .fail, summary: "CREATE DATABASE failed.",
            requests: [
                ProbeRequest(
                    operation: "StartQueryExecution", resource: "trailgate_probe_k3x9", region: "eu-west-1",
                    errorCode: "AccessDeniedException", errorMessage: "glue:CreateDatabase is not authorized"),
                ProbeRequest(
                    operation: "GetObject", resource: F.objectArn, region: "eu-west-1", errorCode: "NoSuchKey",
                    errorMessage: "The specified key does not exist."),
            ])
        #expect(explained(step, try F.policies) == nil)
    }

    @Test("passing steps and explanations the runner already wrote are left alone")
    func leavesOthersAlone() throws {
        var written = F.bucketConfigRefused
        written.explanation = "written by the runner"
        let report = ProbeExplainer().explain(
            F.report(steps: [F.assumeRole, written, F.athenaTable], policies: try F.policies))
        #expect(report.steps.map(\.explanation) == [nil, "written by the runner", nil])
    }

    @Test("the verdict passes when assume-role, bucket-config, athena-table and athena-query pass")
    func verdictPasses() throws {
        let report = try F.passing
        #expect(report.passed)
        var cleanupFailed = report
        cleanupFailed.steps[5].status = .fail
        #expect(cleanupFailed.passed, "the cleanup reports, it does not decide")
        var directAllowed = report
        directAllowed.steps[4].status = .allowed
        #expect(directAllowed.passed, "the direct read informs, it does not decide")
    }

    @Test(
        "the verdict fails when a deciding step fails or is skipped",
        arguments: [ProbeStepID.assumeRole, .bucketConfig, .athenaTable, .athenaQuery], [ProbeStatus.fail, .skipped])
    func verdictFails(_ id: ProbeStepID, _ status: ProbeStatus) throws {
        var report = try F.passing
        let index = try #require(report.steps.firstIndex { $0.id == id })
        report.steps[index].status = status
        #expect(!report.passed)
        let word = status == .fail ? "failed" : "skipped"
        #expect(ProbeTextRenderer().verdict(report) == "FAIL: \(id.rawValue) \(word)")
        #expect(ProbeJSONRenderer().document(report)["verdict"] == "fail")
    }

    @Test("a deciding step missing from the report fails the verdict")
    func verdictMissingStep() throws {
        var report = try F.passing
        report.steps.removeAll { $0.id == .athenaQuery }
        #expect(!report.passed)
        #expect(ProbeTextRenderer().verdict(report) == "FAIL: probe.athena-query not run")
    }
}
