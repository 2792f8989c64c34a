import OrderedJSON
import Testing

@testable import TrailGateCore

private let bucket = Fixture.bucketName
private let bucketArn = "arn:aws:s3:::\(bucket)"
private let keyARN = Fixture.keyARN
private let keyId = "1234abcd-12ab-34cd-56ef-1234567890ab"
private let org = "o-a1b2c3d4e5"
private let amsBucketSids = [
    "DONOTDELETE-AMS-ALLOWBUCKETCONFIGAUDIT", "DONOTDELETE-AMS-ALLOWLISTBUCKET",
    "DONOTDELETE-AMS-ALLOWGETOBJECT",
]
private let amsKeySid = "DONOTDELETE-AMS-ALLOWTRAILOBJECTDECRYPTION"
private let rootSid = "Enable IAM User Permissions"

/// The session ARN of the representative `ams-access-*` role in `account`, as the checks name it.
private func session(_ account: String) -> String {
    "arn:aws:sts::\(account):assumed-role/ams-access-trailgate-check/athena-query"
}

/// `json` turned into an account trail (not an organization trail); the bucket stays in the trail's account
/// 111122223333, so the bucket is local.
private func accountTrail(_ json: JSONValue) -> JSONValue {
    var json = json
    json["trails"]![0]!["trail"]!["IsOrganizationTrail"] = false
    return json
}

/// `json` with the trail's `KmsKeyId` removed and the bucket's default encryption set to `defaults`
/// (an `ApplyServerSideEncryptionByDefault` object).
private func bucketDefaultOnly(_ json: JSONValue, _ defaults: JSONValue) -> JSONValue {
    var json = json
    json["trails"]![0]!["trail"]!["KmsKeyId"] = nil
    json["buckets"]![bucket]!["encryption"] = [
        "ServerSideEncryptionConfiguration": ["Rules": [["ApplyServerSideEncryptionByDefault": defaults]]]
    ]
    return json
}

/// The ready snapshot without describe-organization's answer, as in an account the caller cannot see the
/// organization from.
private func withoutOrganization() throws -> JSONValue {
    var json = try Fixture.ready()
    json["organization"] = Fixture.error("AccessDeniedException", "You don't have permissions to access this resource.")
    return json
}

/// A Deny on every S3 action on the bucket and its objects, for everyone, under `condition`.
private func denyAll(_ sid: String, _ condition: JSONValue) -> JSONValue {
    [
        "Sid": .string(sid), "Effect": "Deny", "Principal": "*", "Action": "s3:*",
        "Resource": [.string(bucketArn), .string("\(bucketArn)/*")], "Condition": condition,
    ]
}

/// The requests a policy-access result refuses, in its evidence (one item per request), as
/// `<refused> of <requests> requests are not granted; first, <request>: <reason>`.
private func firstRefusal(_ result: CheckResult) -> String {
    let requests = result.evidence.filter { $0.label.contains(" by a role in ") }
    let refused = requests.compactMap { evidence -> (String, String)? in
        guard let text = evidence.value.stringValue else { return nil }
        for word in ["not granted: ", "denied: "] where text.hasPrefix(word) {
            return (evidence.label, String(text.dropFirst(word.count)))
        }
        return nil
    }
    guard let (request, reason) = refused.first else { return "" }
    return "\(refused.count) of \(requests.count) requests are not granted; first, \(request): \(reason)"
}

/// The commands of the bucket-policy merge remediation.
private let mergeBucketPolicy = [
    "aws s3api get-bucket-policy --bucket \(bucket) --query Policy --output text --region us-east-1 > bucket-policy.json",
    "trailgate policy merge --for bucket --existing bucket-policy.json --bucket \(bucket) --org-id \(org) --prefix cloudtrail > merged-bucket-policy.json",
    "aws s3api put-bucket-policy --bucket \(bucket) --policy file://merged-bucket-policy.json --region us-east-1",
]

/// The commands of the key-policy merge remediation.
private let mergeKeyPolicy = [
    "aws kms get-key-policy --key-id \(keyARN) --policy-name default --query Policy --output text --region us-east-1 > key-policy.json",
    "trailgate policy merge --for key --existing key-policy.json --bucket \(bucket) --org-id \(org) > merged-key-policy.json",
    "aws kms put-key-policy --key-id \(keyARN) --policy-name default --policy file://merged-key-policy.json --region us-east-1",
]

private let identityNote =
    "The roles' own IAM policies must allow these actions too (cross-account access needs both sides)."
private let keyNotes = [
    "The roles' own IAM policies must allow kms:Decrypt and kms:DescribeKey too.",
    "KMS grants are not in the snapshot; a grant could allow what the key policy does not.",
]
private let notGrantedByPolicy =
    "No statement of the resource policy allows it; only the principal's own IAM policies could."

@Suite("Bucket policy access")
struct BucketPolicyAccessTests {
    @Test("the ready policy grants every request of the roles in the trail's account and another member account")
    func ready() throws {
        let result = try Fixture.evaluate(BucketPolicyAccessCheck(), try Fixture.ready())
        #expect(result.status == .pass)
        #expect(
            result.summary == "The bucket policy grants all 12 requests the service's roles make from accounts "
                + "111122223333, 000011112222.")
        #expect(result.evidence.count == 12)
        #expect(
            result.evidence.first
                == Evidence(
                    "s3:GetBucketLogging on \(bucketArn) by a role in 111122223333",
                    #"allowed by statement "DONOTDELETE-AMS-ALLOWBUCKETCONFIGAUDIT""#))
        #expect(
            result.evidence.contains(
                Evidence(
                    "s3:ListBucket on \(bucketArn) with prefix cloudtrail/AWSLogs/\(org)/000011112222/CloudTrail/ by a role in 000011112222",
                    #"allowed by statement "DONOTDELETE-AMS-ALLOWLISTBUCKET""#)))
        #expect(
            result.evidence.last
                == Evidence(
                    "s3:GetObject on \(bucketArn)/cloudtrail/AWSLogs/\(org)/000011112222/CloudTrail/us-east-1/2026/11/28/"
                        + "000011112222_CloudTrail_us-east-1_20261128T1000Z_trailgate.json.gz by a role in 000011112222",
                    #"allowed by statement "DONOTDELETE-AMS-ALLOWGETOBJECT""#))
        #expect(result.notes == [identityNote])
        #expect(result.remediation == nil)
    }

    @Test("a policy without the AMS statements fails on the first request and suggests a merge")
    func missingStatements() throws {
        let json = try Fixture.readyBucketPolicy { policy in
            for sid in amsBucketSids { policy[sid: sid] = nil }
        }
        let result = try Fixture.evaluate(BucketPolicyAccessCheck(), json)
        #expect(result.status == .fail)
        #expect(
            firstRefusal(result).hasPrefix(
                "12 of 12 requests are not granted; first, s3:GetBucketLogging on \(bucketArn) "
                    + "by a role in 111122223333: \(notGrantedByPolicy) Nearest: statement "))
        #expect(
            result.evidence[6]
                == Evidence(
                    "s3:GetBucketLogging on \(bucketArn) by a role in 000011112222",
                    .string(
                        "not granted: The request crosses accounts: the resource policy must allow s3:GetBucketLogging for "
                            + "\(session("000011112222")), and no statement does. Nearest: statement \"AWSCloudTrailAclCheck\" of the "
                            + "resource policy, where the principal \(session("000011112222")) is not named.")))
        #expect(
            result.remediation?.summary
                == "Merge the required statements into the bucket policy, keeping every existing statement, and put it back."
        )
        #expect(result.remediation?.commands == mergeBucketPolicy)
    }

    @Test("a bucket without a policy fails and suggests rendering one")
    func noSuchBucketPolicy() throws {
        let json = try Fixture.readyBucket {
            $0["policy"] = Fixture.error("NoSuchBucketPolicy", "The bucket policy does not exist")
        }
        let result = try Fixture.evaluate(BucketPolicyAccessCheck(), json)
        #expect(result.status == .fail)
        #expect(result.summary == "The bucket has no policy, so the service's roles in other accounts cannot read it.")
        #expect(result.evidence == [Evidence("GetBucketPolicy", "NoSuchBucketPolicy")])
        #expect(
            result.remediation?.commands == [
                "trailgate policy render --for bucket --bucket \(bucket) --org-id \(org) --prefix cloudtrail > bucket-policy.json",
                "aws s3api put-bucket-policy --bucket \(bucket) --policy file://bucket-policy.json --region us-east-1",
            ])
    }

    @Test("a bucket policy the caller could not read is unknown and names the permission")
    func policyAccessDenied() throws {
        let json = try Fixture.readyBucket { $0["policy"] = Fixture.error("AccessDenied", "Access Denied") }
        let result = try Fixture.evaluate(BucketPolicyAccessCheck(), json)
        #expect(result.status == .unknown)
        #expect(
            result.summary
                == "GetBucketPolicy on \(bucket) failed with AccessDenied (Access Denied). If the bucket is in "
                + "another account (centralized logging), collect from that account. Otherwise grant the caller s3:GetBucketPolicy."
        )
    }

    @Test("an s3:prefix outside the trail's key space fails on ListBucket and names the condition")
    func wrongListPrefix() throws {
        let json = try Fixture.readyBucketPolicy {
            $0[sid: "DONOTDELETE-AMS-ALLOWLISTBUCKET"]!["Condition"]!["StringLike"]!["s3:prefix"] = "logs/AWSLogs/*"
        }
        let result = try Fixture.evaluate(BucketPolicyAccessCheck(), json)
        let prefix = "cloudtrail/AWSLogs/\(org)/111122223333/CloudTrail/"
        #expect(result.status == .fail)
        #expect(
            firstRefusal(result)
                == "2 of 12 requests are not granted; first, s3:ListBucket on \(bucketArn) with prefix \(prefix) "
                + "by a role in 111122223333: \(notGrantedByPolicy) Nearest: statement \"DONOTDELETE-AMS-ALLOWLISTBUCKET\" of the "
                + "resource policy, where the condition does not hold: StringLike s3:prefix: \"\(prefix)\" matches none of "
                + "[\"logs/AWSLogs/*\"].")
        #expect(result.remediation?.commands == mergeBucketPolicy)
    }

    @Test("StringEquals on aws:PrincipalArn takes the wildcard literally and fails where ArnLike is needed")
    func principalArnWithStringEquals() throws {
        let json = try Fixture.readyBucketPolicy { policy in
            for sid in amsBucketSids {
                policy[sid: sid]!["Condition"]!["ArnLike"] = nil
                policy[sid: sid]!["Condition"]!["StringEquals"]!["aws:PrincipalArn"] = [
                    "arn:aws:iam::*:role/ams-access-*"
                ]
            }
        }
        let result = try Fixture.evaluate(BucketPolicyAccessCheck(), json)
        #expect(result.status == .fail)
        #expect(
            firstRefusal(result).hasPrefix(
                "12 of 12 requests are not granted; first, s3:GetBucketLogging on \(bucketArn) by a "
                    + "role in 111122223333: \(notGrantedByPolicy) Nearest: statement \"DONOTDELETE-AMS-ALLOWBUCKETCONFIGAUDIT\" of the "
                    + "resource policy, where the condition does not hold: StringEquals aws:PrincipalArn"))
        #expect(firstRefusal(result).contains("arn:aws:iam::111122223333:role/ams-access-trailgate-check"))
    }

    @Test("a GetObject resource without the trail's S3 key prefix fails on GetObject and names the resource")
    func objectResourceWithoutPrefix() throws {
        let json = try Fixture.readyBucketPolicy {
            $0[sid: "DONOTDELETE-AMS-ALLOWGETOBJECT"]!["Resource"] = .string("\(bucketArn)/AWSLogs/*")
        }
        let result = try Fixture.evaluate(BucketPolicyAccessCheck(), json)
        let object =
            "\(bucketArn)/cloudtrail/AWSLogs/\(org)/111122223333/CloudTrail/us-east-1/2026/11/28/"
            + "111122223333_CloudTrail_us-east-1_20261128T1000Z_trailgate.json.gz"
        #expect(result.status == .fail)
        #expect(
            firstRefusal(result).hasPrefix(
                "2 of 12 requests are not granted; first, s3:GetObject on \(object) by a role in "
                    + "111122223333: \(notGrantedByPolicy) Nearest: statement \"DONOTDELETE-AMS-ALLOWGETOBJECT\" of the resource policy, "
                    + "where the resource \(object) is not covered"))
        #expect(firstRefusal(result).contains("\(bucketArn)/AWSLogs/*"))
    }

    @Test("statements bound to another organization fail and name aws:PrincipalOrgID")
    func wrongOrganization() throws {
        let json = try Fixture.readyBucketPolicy { policy in
            for sid in amsBucketSids {
                policy[sid: sid]!["Condition"]!["StringEquals"]!["aws:PrincipalOrgID"] = "o-zzzz9999zz"
            }
        }
        let result = try Fixture.evaluate(BucketPolicyAccessCheck(), json)
        #expect(result.status == .fail)
        #expect(
            firstRefusal(result).hasPrefix(
                "12 of 12 requests are not granted; first, s3:GetBucketLogging on \(bucketArn) by a "
                    + "role in 111122223333: \(notGrantedByPolicy) Nearest: statement \"DONOTDELETE-AMS-ALLOWBUCKETCONFIGAUDIT\" of the "
                    + "resource policy, where the condition does not hold: StringEquals aws:PrincipalOrgID"))
        #expect(firstRefusal(result).contains("o-zzzz9999zz"))
    }

    @Test("a Deny of requests without TLS does not block the roles")
    func denyInsecureTransport() throws {
        let json = try Fixture.readyBucketPolicy {
            $0.append(statement: denyAll("DenyInsecureTransport", ["Bool": ["aws:SecureTransport": "false"]]))
        }
        let result = try Fixture.evaluate(BucketPolicyAccessCheck(), json)
        #expect(result.status == .pass)
        #expect(result.evidence.allSatisfy { $0.value.stringValue?.hasPrefix("allowed by statement") == true })
    }

    @Test(
        "a Deny unless aws:SourceIp is in a range blocks Athena, whose requests carry no source IP, and names the Sid")
    func denyOutsideSourceIp() throws {
        let json = try Fixture.readyBucketPolicy {
            $0.append(statement: denyAll("DenyOutsideCorpNetwork", ["NotIpAddress": ["aws:SourceIp": "10.0.0.0/8"]]))
        }
        let result = try Fixture.evaluate(BucketPolicyAccessCheck(), json)
        #expect(result.status == .fail)
        #expect(
            firstRefusal(result).hasPrefix(
                "12 of 12 requests are not granted; first, s3:GetBucketLogging on \(bucketArn) by a "
                    + "role in 111122223333: Explicitly denied by statement \"DenyOutsideCorpNetwork\" of the resource policy"
            ))
        #expect(
            result.evidence.allSatisfy {
                $0.value.stringValue?.hasPrefix("denied: Explicitly denied by statement \"DenyOutsideCorpNetwork\"")
                    == true
            })
        #expect(
            result.remediation?.summary.contains(
                "Statement \"DenyOutsideCorpNetwork\" explicitly denies some of these requests, which no Allow can override"
            ) == true)
    }

    @Test("a Deny unless the request comes through a VPC endpoint blocks Athena too")
    func denyOutsideVpcEndpoint() throws {
        let json = try Fixture.readyBucketPolicy {
            $0.append(
                statement: denyAll("DenyOutsideVpce", ["StringNotEquals": ["aws:SourceVpce": "vpce-0a1b2c3d4e5f67890"]])
            )
        }
        let result = try Fixture.evaluate(BucketPolicyAccessCheck(), json)
        #expect(result.status == .fail)
        #expect(firstRefusal(result).contains("Explicitly denied by statement \"DenyOutsideVpce\""))
        #expect(result.summary == "12 of 12 requests are not granted, for 1 reason.")
        #expect(result.requests.allSatisfy { $0.outcome == "denied" })
    }

    @Test("a Deny outside the organization does not block the organization's roles")
    func denyOutsideOrganization() throws {
        let json = try Fixture.readyBucketPolicy {
            $0.append(statement: denyAll("DenyOutsideOrg", ["StringNotEquals": ["aws:PrincipalOrgID": .string(org)]]))
        }
        let result = try Fixture.evaluate(BucketPolicyAccessCheck(), json)
        #expect(result.status == .pass)
        #expect(result.summary.hasPrefix("The bucket policy grants all 12 requests"))
    }

    @Test("an account trail delivering to a bucket in its own account does not need the statements")
    func accountTrailLocalBucket() throws {
        let result = try Fixture.evaluate(BucketPolicyAccessCheck(), accountTrail(try Fixture.ready()))
        #expect(result.status == .notApplicable)
        #expect(
            result.summary
                == "The bucket is not centralized (bucket owner 111122223333 is the trail's account): the roles "
                + "sit in the bucket's own account, where their IAM policies can grant access; the bucket policy statements are "
                + "needed only for a centralized bucket.")
        #expect(result.evidence.isEmpty)
        #expect(result.remediation == nil)
    }

    @Test("an account trail delivering to another account's bucket needs them for the roles in three accounts")
    func accountTrailCentralBucket() throws {
        let json = try Fixture.readyBucket { $0["ownerAccountId"] = "444455556666" }
        let result = try Fixture.evaluate(BucketPolicyAccessCheck(), accountTrail(json))
        #expect(result.status == .pass)
        #expect(
            result.summary == "The bucket policy grants all 18 requests the service's roles make from accounts "
                + "111122223333, 444455556666, 000011112222.")
        #expect(
            result.evidence.contains(
                Evidence(
                    "s3:ListBucket on \(bucketArn) with prefix cloudtrail/AWSLogs/444455556666/CloudTrail/ by a role in 444455556666",
                    #"allowed by statement "DONOTDELETE-AMS-ALLOWLISTBUCKET""#)))
    }

    @Test("without the bucket's ownerAccountId an organization trail's bucket is still judged as centralized")
    func missingOwnerOrganizationTrail() throws {
        let json = try Fixture.readyBucket { $0["ownerAccountId"] = nil }
        let result = try Fixture.evaluate(BucketPolicyAccessCheck(), json)
        #expect(result.status == .pass)
        #expect(
            result.summary == "The bucket policy grants all 12 requests the service's roles make from accounts "
                + "111122223333, 000011112222.")
    }

    @Test("without the bucket's ownerAccountId an account trail's bucket is taken to be local, and says so")
    func missingOwnerAccountTrail() throws {
        let json = try Fixture.readyBucket { $0["ownerAccountId"] = nil }
        let result = try Fixture.evaluate(BucketPolicyAccessCheck(), accountTrail(json))
        #expect(result.status == .notApplicable)
        #expect(
            result.summary.hasPrefix(
                "The bucket is not centralized (bucket owner not recorded (ownerAccountId); assumed to "
                    + "be the trail's account 111122223333): "))
    }

    @Test("an account trail whose bucket is not in the snapshot is unknown")
    func bucketNotInSnapshot() throws {
        var json = accountTrail(try Fixture.ready())
        json["buckets"] = [:]
        let result = try Fixture.evaluate(BucketPolicyAccessCheck(), json)
        #expect(result.status == .unknown)
        #expect(
            result.summary
                == "Cannot tell whether the bucket is centralized: bucket \(bucket) is not in the snapshot, so "
                + "its owner is unknown.")
    }

    @Test("an unknown organization id is unknown until --org-id supplies it")
    func organizationUnknown() throws {
        let json = try withoutOrganization()
        let unknown = try Fixture.evaluate(BucketPolicyAccessCheck(), json)
        #expect(unknown.status == .unknown)
        #expect(
            unknown.summary == "The organization id is unknown (describe-organization gave no answer); pass --org-id.")

        let supplied = try Fixture.evaluate(
            BucketPolicyAccessCheck(), json, options: CheckOptions(expectedOrganizationId: org))
        #expect(supplied.status == .pass)
        #expect(
            supplied.evidence.contains(
                Evidence(
                    "s3:ListBucket on \(bucketArn) with prefix cloudtrail/AWSLogs/\(org)/000011112222/CloudTrail/ by a role in 000011112222",
                    #"allowed by statement "DONOTDELETE-AMS-ALLOWLISTBUCKET""#)))
    }

    @Test("--org-id wins over the organization found: the roles are then in that organization")
    func organizationOption() throws {
        let result = try Fixture.evaluate(
            BucketPolicyAccessCheck(), try Fixture.ready(),
            options: CheckOptions(expectedOrganizationId: "o-zzzz9999zz"))
        #expect(result.status == .fail)
        #expect(result.summary.hasPrefix("12 of 12 requests are not granted"))
        #expect(result.remediation?.commands[1].contains("--org-id o-zzzz9999zz") == true)
    }
}

@Suite("Key policy access")
struct KeyPolicyAccessTests {
    @Test("the ready key policy's AMS statement lets the roles in every account decrypt")
    func ready() throws {
        let result = try Fixture.evaluate(KeyPolicyAccessCheck(), try Fixture.ready())
        #expect(result.status == .pass)
        #expect(
            result.summary
                == "Every key policy lets the roles in accounts 111122223333, 000011112222 decrypt the trail's "
                + "objects (4 requests).")
        #expect(
            result.evidence == [
                Evidence(
                    "kms:Decrypt on \(keyARN) by a role in 111122223333",
                    .string("allowed by statement \"\(amsKeySid)\"")),
                Evidence(
                    "kms:DescribeKey on \(keyARN) by a role in 111122223333",
                    .string("allowed by statement \"\(amsKeySid)\"")),
                Evidence(
                    "kms:Decrypt on \(keyARN) by a role in 000011112222",
                    .string("allowed by statement \"\(amsKeySid)\"")),
                Evidence(
                    "kms:DescribeKey on \(keyARN) by a role in 000011112222",
                    .string("allowed by statement \"\(amsKeySid)\"")),
            ])
        #expect(result.notes == keyNotes)
        #expect(result.remediation == nil)
    }

    @Test("a centralized setup without the AMS statement fails on kms:Decrypt for a role in another account")
    func centralizedWithoutStatement() throws {
        let json = try Fixture.readyKeyPolicy { $0[sid: amsKeySid] = nil }
        let result = try Fixture.evaluate(KeyPolicyAccessCheck(), json)
        #expect(result.status == .fail)
        #expect(result.summary == "Key \(keyARN): 2 of 4 requests are not granted, for 1 reason.")
        let refused = result.requests.filter { !$0.granted }
        #expect(refused.map(\.account) == ["000011112222", "000011112222"])
        #expect(refused.allSatisfy { $0.scope == keyARN })
        #expect(
            refused.first?.reason
                == "The key policy does not allow the action for the role session; IAM policies alone cannot grant use "
                + "of a KMS key.")
        #expect(
            refused.first?.statement
                == "nearest: statement \"\(rootSid)\" of the resource policy, where the role session is not named.")
        #expect(
            firstRefusal(result)
                == "2 of 4 requests are not granted; first, kms:Decrypt on \(keyARN) by a role in "
                + "000011112222: The key policy does not allow kms:Decrypt for \(session("000011112222")); IAM policies alone cannot "
                + "grant use of a KMS key. Nearest: statement \"\(rootSid)\" of the resource policy, where the principal "
                + "\(session("000011112222")) is not named.")
        #expect(
            result.remediation?.summary
                == "Use a customer managed key and add the required statement to its key policy, "
                + "keeping the key administrators' statements.")
        #expect(result.remediation?.commands == mergeKeyPolicy)
    }

    @Test("a local setup passes on the account-root statement alone")
    func localWithRootStatement() throws {
        let json = try Fixture.editingKeyPolicy(accountTrail(try Fixture.ready())) { $0[sid: amsKeySid] = nil }
        let result = try Fixture.evaluate(KeyPolicyAccessCheck(), json)
        #expect(result.status == .pass)
        #expect(
            result.summary
                == "Every key policy lets the roles of account 111122223333 decrypt the trail's objects (2 requests).")
        #expect(
            result.evidence == [
                Evidence(
                    "kms:Decrypt on \(keyARN) by a role in 111122223333", .string("allowed by statement \"\(rootSid)\"")
                ),
                Evidence(
                    "kms:DescribeKey on \(keyARN) by a role in 111122223333",
                    .string("allowed by statement \"\(rootSid)\"")),
            ])
    }

    @Test("a local setup passes when the key policy names the roles, without the root statement")
    func localWithRolesNamed() throws {
        let json = try Fixture.editingKeyPolicy(accountTrail(try Fixture.ready())) { $0[sid: rootSid] = nil }
        let result = try Fixture.evaluate(KeyPolicyAccessCheck(), json)
        #expect(result.status == .pass)
        #expect(result.evidence.allSatisfy { $0.value == .string("allowed by statement \"\(amsKeySid)\"") })
    }

    @Test("a local setup fails when the key policy neither delegates to the account nor names the roles")
    func localWithoutRootOrRoles() throws {
        let json = try Fixture.editingKeyPolicy(accountTrail(try Fixture.ready())) { policy in
            policy[sid: rootSid] = nil
            policy[sid: amsKeySid] = nil
        }
        let result = try Fixture.evaluate(KeyPolicyAccessCheck(), json)
        #expect(result.status == .fail)
        #expect(result.summary == "Key \(keyARN): 2 of 2 requests are not granted, for 1 reason.")
        #expect(
            firstRefusal(result).hasPrefix(
                "2 of 2 requests are not granted; first, kms:Decrypt on \(keyARN) by a "
                    + "role in 111122223333: The key policy does not allow kms:Decrypt for \(session("111122223333")); IAM policies alone "
                    + "cannot grant use of a KMS key."))
        #expect(
            result.remediation?.summary
                == "Let the account's IAM policies use the key (the account-root statement) or add "
                + "the required statement.")
        #expect(result.remediation?.commands == mergeKeyPolicy)
    }

    @Test("a local setup is judged without the organization id")
    func localWithoutOrganization() throws {
        let result = try Fixture.evaluate(KeyPolicyAccessCheck(), accountTrail(try withoutOrganization()))
        #expect(result.status == .pass)
        #expect(
            result.summary
                == "Every key policy lets the roles of account 111122223333 decrypt the trail's objects (2 requests).")
    }

    @Test("a centralized setup with an unknown organization id is unknown")
    func centralizedWithoutOrganization() throws {
        let result = try Fixture.evaluate(KeyPolicyAccessCheck(), try withoutOrganization())
        #expect(result.status == .unknown)
        #expect(
            result.summary == "The organization id is unknown (describe-organization gave no answer); pass --org-id.")
    }

    @Test("a Deny of use outside S3 does not block decryption through S3")
    func denyOutsideViaService() throws {
        let json = try Fixture.readyKeyPolicy {
            $0.append(statement: [
                "Sid": "DenyOutsideS3", "Effect": "Deny", "Principal": "*", "Action": "kms:Decrypt", "Resource": "*",
                "Condition": ["StringNotEquals": ["kms:ViaService": "s3.us-east-1.amazonaws.com"]],
            ])
        }
        let result = try Fixture.evaluate(KeyPolicyAccessCheck(), json)
        #expect(result.status == .pass)
    }

    @Test("SSE-KMS with the AWS managed key aws/s3 fails with a centralized bucket")
    func awsManagedS3Centralized() throws {
        let json = bucketDefaultOnly(try Fixture.ready(), ["SSEAlgorithm": "aws:kms"])
        let result = try Fixture.evaluate(KeyPolicyAccessCheck(), json)
        #expect(result.status == .fail)
        #expect(
            result.summary
                == "The bucket encrypts with the AWS managed key aws/s3, whose policy cannot grant other accounts.")
        #expect(result.evidence == [Evidence("bucket default key", "aws/s3 (AWS managed)")])
        #expect(result.remediation?.summary.hasPrefix("Use a customer managed key") == true)
    }

    @Test("SSE-KMS with the AWS managed key aws/s3 passes with a local bucket")
    func awsManagedS3Local() throws {
        let json = bucketDefaultOnly(accountTrail(try Fixture.ready()), ["SSEAlgorithm": "aws:kms"])
        let result = try Fixture.evaluate(KeyPolicyAccessCheck(), json)
        #expect(result.status == .pass)
        #expect(result.evidence == [Evidence("bucket default key", "aws/s3 (AWS managed)")])
        #expect(result.remediation == nil)
    }

    @Test("an AWS managed trail key fails with a centralized bucket")
    func awsManagedTrailKey() throws {
        var json = try Fixture.ready()
        json["keys"]![keyARN]!["metadata"]!["KeyMetadata"]!["KeyManager"] = "AWS"
        let result = try Fixture.evaluate(KeyPolicyAccessCheck(), json)
        #expect(result.status == .fail)
        #expect(
            result.summary
                == "The trail's KmsKeyId is the AWS managed key \(keyARN), whose policy cannot grant other accounts.")
        #expect(result.evidence == [Evidence(keyARN, "AWS managed key")])
    }

    @Test("a key missing from the snapshot is unknown and says where to collect it")
    func keyNotInSnapshot() throws {
        var json = try Fixture.ready()
        json["keys"] = [:]
        let result = try Fixture.evaluate(KeyPolicyAccessCheck(), json)
        #expect(result.status == .unknown)
        #expect(
            result.summary == "Key \(keyARN) (the trail's KmsKeyId) is not in the snapshot; collect describe-key and "
                + "get-key-policy in its account.")
    }

    @Test("a key policy the caller could not read is unknown")
    func keyPolicyAccessDenied() throws {
        var json = try Fixture.ready()
        json["keys"]![keyARN]!["policy"] = Fixture.error(
            "AccessDeniedException", "User is not authorized to perform kms:GetKeyPolicy")
        let result = try Fixture.evaluate(KeyPolicyAccessCheck(), json)
        #expect(result.status == .unknown)
        #expect(
            result.summary
                == "For key \(keyARN), GetKeyPolicy failed with AccessDeniedException (User is not authorized to "
                + "perform kms:GetKeyPolicy); collect it in the key's account.")
    }

    @Test("without any KMS key the check does not apply")
    func noKMS() throws {
        let json = bucketDefaultOnly(try Fixture.ready(), ["SSEAlgorithm": "AES256"])
        let result = try Fixture.evaluate(KeyPolicyAccessCheck(), json)
        #expect(result.status == .notApplicable)
        #expect(
            result.summary == "No KMS key encrypts the trail's objects (no trail KmsKeyId, no SSE-KMS bucket default).")
    }

    @Test("a bucket default key given by key id resolves through the snapshot's keys")
    func bucketDefaultByKeyId() throws {
        let json = bucketDefaultOnly(
            try Fixture.ready(), ["SSEAlgorithm": "aws:kms", "KMSMasterKeyID": .string(keyId)])
        let result = try Fixture.evaluate(KeyPolicyAccessCheck(), json)
        #expect(result.status == .pass)
        #expect(result.summary.hasSuffix("(4 requests)."))
        #expect(result.evidence.first?.label == "kms:Decrypt on \(keyARN) by a role in 111122223333")
    }

    @Test("the trail key and the same key as bucket default by key id are judged once")
    func sameKeyTwice() throws {
        let json = try Fixture.readyBucket {
            $0["encryption"]!["ServerSideEncryptionConfiguration"]!["Rules"]![0]![
                "ApplyServerSideEncryptionByDefault"]!["KMSMasterKeyID"] = .string(keyId)
        }
        let result = try Fixture.evaluate(KeyPolicyAccessCheck(), json)
        #expect(result.status == .pass)
        #expect(result.evidence.count == 4)
    }

    @Test("a bucket default key id that no snapshot key matches is unknown")
    func unresolvedKeyId() throws {
        let json = bucketDefaultOnly(
            try Fixture.ready(), ["SSEAlgorithm": "aws:kms", "KMSMasterKeyID": "alias/trail-logs"])
        let result = try Fixture.evaluate(KeyPolicyAccessCheck(), json)
        #expect(result.status == .unknown)
        #expect(
            result.summary
                == "The bucket's default encryption names alias/trail-logs, which no key in the snapshot matches; "
                + "add its describe-key and key policy.")
    }
}
