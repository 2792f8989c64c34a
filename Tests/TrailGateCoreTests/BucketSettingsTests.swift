import OrderedJSON
import Testing

@testable import TrailGateCore

private let bucket = "acme-org-trail-logs"
private let keyARN = "arn:aws:kms:us-east-1:111122223333:key/1234abcd-12ab-34cd-56ef-1234567890ab"

/// The ready snapshot with one edit to its bucket, and without the trail's `KmsKeyId`, so the bucket's own
/// default encryption decides `bucket.encryption`.
private func withoutTrailKey(_ edit: (inout JSONValue) -> Void = { _ in }) throws -> JSONValue {
    var json = try Fixture.readyBucket(edit)
    json["trails"]![0]!["trail"]!["KmsKeyId"] = nil
    return json
}

/// A `get-bucket-encryption` response with one default rule.
private func defaultEncryption(_ algorithm: String, key: String? = nil) -> JSONValue {
    var defaults: JSONValue = ["SSEAlgorithm": .string(algorithm)]
    if let key { defaults["KMSMasterKeyID"] = .string(key) }
    return [
        "ServerSideEncryptionConfiguration": [
            "Rules": [
                [
                    "ApplyServerSideEncryptionByDefault": defaults,
                    "BucketKeyEnabled": false,
                ]
            ]
        ]
    ]
}

private let setSSES3 =
    "aws s3api put-bucket-encryption --bucket \(bucket) --server-side-encryption-configuration "
    + #"'{"Rules":[{"ApplyServerSideEncryptionByDefault":{"SSEAlgorithm":"AES256"}}]}' --region us-east-1"#

@Suite("Bucket settings")
struct BucketSettingsTests {
    // MARK: bucket.encryption

    @Test("SSE-S3 default encryption passes")
    func sseS3() throws {
        let result = try Fixture.evaluate(
            BucketEncryptionCheck(), try withoutTrailKey { $0["encryption"] = defaultEncryption("AES256") })
        #expect(result.status == .pass)
        #expect(result.summary == "The bucket's default encryption is SSE-S3.")
        #expect(result.evidence == [Evidence("SSEAlgorithm", "AES256")])
        #expect(result.notes.isEmpty)
    }

    @Test("SSE-KMS default encryption with a customer managed key passes")
    func sseKMSWithKey() throws {
        let result = try Fixture.evaluate(BucketEncryptionCheck(), try withoutTrailKey())
        #expect(result.status == .pass)
        #expect(result.summary == "The bucket's default encryption is SSE-KMS.")
        #expect(result.evidence == [Evidence("SSEAlgorithm", "aws:kms"), Evidence("KMSMasterKeyID", .string(keyARN))])
        #expect(result.notes.isEmpty)
    }

    @Test("SSE-KMS without KMSMasterKeyID passes with a note about aws/s3")
    func sseKMSWithoutKey() throws {
        let result = try Fixture.evaluate(
            BucketEncryptionCheck(), try withoutTrailKey { $0["encryption"] = defaultEncryption("aws:kms") })
        #expect(result.status == .pass)
        #expect(result.summary == "The bucket's default encryption is SSE-KMS.")
        #expect(
            result.notes == [
                "No KMSMasterKeyID: objects use the AWS managed key aws/s3, whose policy cannot grant other accounts."
            ])
    }

    @Test("dual-layer SSE-KMS warns and suggests SSE-S3")
    func dsse() throws {
        let json = try withoutTrailKey { $0["encryption"] = defaultEncryption("aws:kms:dsse", key: keyARN) }
        let result = try Fixture.evaluate(BucketEncryptionCheck(), json)
        #expect(result.status == .warn)
        #expect(result.summary.contains("dual-layer SSE-KMS (aws:kms:dsse)"))
        #expect(result.evidence.first == Evidence("SSEAlgorithm", "aws:kms:dsse"))
        #expect(result.remediation?.commands == [setSSES3])
    }

    @Test("no default encryption fails when the trail sets no KMS key")
    func noEncryption() throws {
        let json = try withoutTrailKey {
            $0["encryption"] = Fixture.error(
                "ServerSideEncryptionConfigurationNotFoundError",
                "The server side encryption configuration was not found")
        }
        let result = try Fixture.evaluate(BucketEncryptionCheck(), json)
        #expect(result.status == .fail)
        #expect(result.summary == "The bucket has no default encryption and the trail sets no KMS key.")
        #expect(result.evidence == [Evidence("GetBucketEncryption", "ServerSideEncryptionConfigurationNotFoundError")])
        #expect(result.remediation?.commands == [setSSES3])
    }

    @Test("no default encryption passes when the trail encrypts with its KmsKeyId")
    func noEncryptionWithTrailKey() throws {
        let json = try Fixture.readyBucket {
            $0["encryption"] = Fixture.error("ServerSideEncryptionConfigurationNotFoundError")
        }
        let result = try Fixture.evaluate(BucketEncryptionCheck(), json)
        #expect(result.status == .pass)
        #expect(result.summary == "CloudTrail encrypts the log files with SSE-KMS (the trail's KmsKeyId).")
        #expect(result.evidence == [Evidence("trail KmsKeyId", .string(keyARN))])
    }

    @Test("a denied GetBucketEncryption without a trail key is unknown and names the permission")
    func encryptionDenied() throws {
        let json = try withoutTrailKey { $0["encryption"] = Fixture.error("AccessDenied", "Access Denied") }
        let result = try Fixture.evaluate(BucketEncryptionCheck(), json)
        #expect(result.status == .unknown)
        #expect(
            result.summary
                == "GetBucketEncryption on \(bucket) failed with AccessDenied (Access Denied). If the bucket is "
                + "in another account (centralized logging), collect from that account. Otherwise grant the caller "
                + "s3:GetEncryptionConfiguration.")
    }

    @Test("a bucket missing from the snapshot is unknown and suggests collecting from its owner account")
    func bucketMissing() throws {
        var json = try withoutTrailKey()
        json["buckets"] = [:]
        let result = try Fixture.evaluate(BucketEncryptionCheck(), json)
        #expect(result.status == .unknown)
        #expect(result.summary.hasPrefix("Bucket \(bucket) is not in the snapshot. "))
        #expect(
            result.summary.contains(
                "If the bucket is in another account (centralized logging), collect from that account"))
    }

    // MARK: bucket.access-logging

    @Test("server access logging to another bucket passes")
    func accessLoggingOn() throws {
        let result = try Fixture.evaluate(AccessLoggingCheck(), try Fixture.ready())
        #expect(result.status == .pass)
        #expect(result.summary == "Server access logs go to acme-s3-access-logs.")
        #expect(
            result.evidence == [
                Evidence("LoggingEnabled.TargetBucket", "acme-s3-access-logs"),
                Evidence("LoggingEnabled.TargetPrefix", "acme-org-trail-logs/"),
            ])
    }

    @Test("an empty get-bucket-logging answer means logging is off and fails")
    func accessLoggingOff() throws {
        let result = try Fixture.evaluate(AccessLoggingCheck(), try Fixture.readyBucket { $0["logging"] = [:] })
        #expect(result.status == .fail)
        #expect(result.summary == "Server access logging is off.")
        #expect(result.evidence == [Evidence("LoggingEnabled", .null)])
        #expect(
            result.remediation?.commands == [
                "aws s3api put-bucket-logging --bucket \(bucket) --bucket-logging-status "
                    + #"'{"LoggingEnabled":{"TargetBucket":"<access-log-bucket>","TargetPrefix":"acme-org-trail-logs/"}}'"#
                    + " --region us-east-1"
            ])
    }

    @Test("access logs written into the trail bucket itself warn")
    func accessLoggingIntoItself() throws {
        let json = try Fixture.readyBucket { $0["logging"]!["LoggingEnabled"]!["TargetBucket"] = .string(bucket) }
        let result = try Fixture.evaluate(AccessLoggingCheck(), json)
        #expect(result.status == .warn)
        #expect(result.summary.hasPrefix("Server access logs are written into the trail bucket itself"))
        #expect(result.evidence.first == Evidence("LoggingEnabled.TargetBucket", .string(bucket)))
        #expect(result.remediation?.commands.first?.contains("<access-log-bucket>") == true)
    }

    @Test("a failed GetBucketLogging is unknown")
    func accessLoggingError() throws {
        let json = try Fixture.readyBucket { $0["logging"] = Fixture.error("AccessDenied", "Access Denied") }
        let result = try Fixture.evaluate(AccessLoggingCheck(), json)
        #expect(result.status == .unknown)
        #expect(result.summary.hasPrefix("GetBucketLogging on \(bucket) failed with AccessDenied (Access Denied). "))
        #expect(result.summary.hasSuffix("Otherwise grant the caller s3:GetBucketLogging."))
        #expect(result.remediation == nil)
    }

    // MARK: bucket.object-ownership

    @Test("BucketOwnerEnforced passes")
    func ownerEnforced() throws {
        let result = try Fixture.evaluate(ObjectOwnershipCheck(), try Fixture.ready())
        #expect(result.status == .pass)
        #expect(result.summary == "ACLs are disabled; the bucket owner owns every object.")
        #expect(result.evidence == [Evidence("ObjectOwnership", ["BucketOwnerEnforced"])])
    }

    @Test(
        "any other Object Ownership fails with the put-bucket-ownership-controls command",
        arguments: ["BucketOwnerPreferred", "ObjectWriter"])
    func aclsEnabled(_ ownership: String) throws {
        let json = try Fixture.readyBucket {
            $0["ownershipControls"] = ["OwnershipControls": ["Rules": [["ObjectOwnership": .string(ownership)]]]]
        }
        let result = try Fixture.evaluate(ObjectOwnershipCheck(), json)
        #expect(result.status == .fail)
        #expect(result.summary == "Object Ownership is \(ownership), not BucketOwnerEnforced.")
        #expect(result.evidence == [Evidence("ObjectOwnership", [.string(ownership)])])
        #expect(
            result.remediation?.commands == [
                "aws s3api put-bucket-ownership-controls --bucket \(bucket) "
                    + #"--ownership-controls '{"Rules":[{"ObjectOwnership":"BucketOwnerEnforced"}]}' --region us-east-1"#
            ])
    }

    @Test("no ownership controls means ObjectWriter and fails")
    func noOwnershipControls() throws {
        let json = try Fixture.readyBucket {
            $0["ownershipControls"] = Fixture.error(
                "OwnershipControlsNotFoundError", "The bucket ownership controls were not found")
        }
        let result = try Fixture.evaluate(ObjectOwnershipCheck(), json)
        #expect(result.status == .fail)
        #expect(result.summary == "The bucket has no ownership controls, which means ObjectWriter: ACLs are enabled.")
        #expect(result.evidence == [Evidence("GetBucketOwnershipControls", "OwnershipControlsNotFoundError")])
        #expect(result.remediation != nil)
    }

    @Test("a denied GetBucketOwnershipControls on the caller's bucket is unknown and names the permission")
    func ownershipDenied() throws {
        let json = try Fixture.readyBucket { $0["ownershipControls"] = Fixture.error("AccessDenied", "Access Denied") }
        let result = try Fixture.evaluate(ObjectOwnershipCheck(), json)
        #expect(result.status == .unknown)
        #expect(
            result.summary.hasPrefix(
                "GetBucketOwnershipControls on \(bucket) failed with AccessDenied (Access Denied). "))
        #expect(result.summary.hasSuffix("Otherwise grant the caller s3:GetBucketOwnershipControls."))
    }

    @Test("a denied GetBucketOwnershipControls on another account's bucket is to be decided from that account")
    func ownershipDeniedOtherOwner() throws {
        let json = try Fixture.readyBucket {
            $0["ownerAccountId"] = "999988887777"
            $0["ownershipControls"] = Fixture.error("AccessDenied", "Access Denied")
        }
        let result = try Fixture.evaluate(ObjectOwnershipCheck(), json)
        #expect(result.status == .unknown)
        #expect(
            result.summary == "GetBucketOwnershipControls on \(bucket) failed with AccessDenied (Access Denied). "
                + "Decide it from the bucket owner's account 999988887777.")
    }
}
