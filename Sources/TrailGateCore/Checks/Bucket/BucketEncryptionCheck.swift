import OrderedJSON

/// `bucket.encryption`: log objects are encrypted with SSE-S3 or SSE-KMS.
struct BucketEncryptionCheck: Check {
    let id = CheckID.bucketEncryption
    let title = "Bucket encryption (SSE-S3 or SSE-KMS)"
    let area = CheckArea.bucket

    func evaluate(_ context: TrailContext) -> CheckResult {
        let setDefault = Remediation(
            "Set SSE-S3 (or SSE-KMS with a customer managed key) as the bucket's default encryption.",
            commands: context.bucketCommands(.putBucketEncryption(Self.sseS3)))
        var evidence: [Evidence] = []
        if let key = context.trail.kmsKeyId {
            evidence.append(Evidence("trail KmsKeyId", .string(key)))
        }
        let slot = context.bucket?.encryption ?? .absent
        if let encryption = slot.value {
            let algorithms = encryption.rules.compactMap { $0.defaults?.sseAlgorithm }
            for rule in encryption.rules {
                guard let defaults = rule.defaults else { continue }
                evidence.append(Evidence("SSEAlgorithm", .string(defaults.sseAlgorithm)))
                if let key = defaults.kmsMasterKeyID { evidence.append(Evidence("KMSMasterKeyID", .string(key))) }
            }
            if context.trail.kmsKeyId != nil {
                return result(
                    .pass, "CloudTrail encrypts the log files with SSE-KMS (the trail's KmsKeyId).", evidence: evidence)
            }
            if algorithms.contains("AES256") || algorithms.contains("aws:kms") {
                let kind = algorithms.contains("aws:kms") ? "SSE-KMS" : "SSE-S3"
                var notes: [String] = []
                if let rule = encryption.rules.first(where: { $0.defaults?.sseAlgorithm == "aws:kms" }),
                    rule.defaults?.kmsMasterKeyID == nil
                {
                    notes.append(
                        "No KMSMasterKeyID: objects use the AWS managed key aws/s3, whose policy cannot grant other accounts."
                    )
                }
                return result(.pass, "The bucket's default encryption is \(kind).", evidence: evidence, notes: notes)
            }
            if algorithms.contains("aws:kms:dsse") {
                return result(
                    .warn,
                    "The bucket uses dual-layer SSE-KMS (aws:kms:dsse), which is neither SSE-S3 nor SSE-KMS as required.",
                    evidence: evidence, remediation: setDefault)
            }
            let found = algorithms.isEmpty ? "no default algorithm" : algorithms.joined(separator: ", ")
            return result(
                .fail, "The bucket's default encryption is \(found), not SSE-S3 or SSE-KMS.",
                evidence: evidence, remediation: setDefault)
        }
        if context.trail.kmsKeyId != nil {
            return result(
                .pass, "CloudTrail encrypts the log files with SSE-KMS (the trail's KmsKeyId).", evidence: evidence)
        }
        if let error = slot.error, error.code == "ServerSideEncryptionConfigurationNotFoundError" {
            evidence.append(Evidence("GetBucketEncryption", .string(error.code)))
            return result(
                .fail, "The bucket has no default encryption and the trail sets no KMS key.",
                evidence: evidence, remediation: setDefault)
        }
        return result(
            .unknown,
            context.bucketDataUnavailable(
                call: "GetBucketEncryption", permission: "GetEncryptionConfiguration", error: slot.error),
            evidence: evidence)
    }
}

extension BucketEncryptionCheck {
    /// The default encryption a fix sets: SSE-S3.
    static let sseS3: JSONValue = ["Rules": [["ApplyServerSideEncryptionByDefault": ["SSEAlgorithm": "AES256"]]]]
}

extension CheckID {
    public static let bucketEncryption = CheckID("bucket.encryption")
}

extension BucketEncryptionCheck: FixableCheck {
    /// `PutBucketEncryption` with SSE-S3 when the bucket has no default encryption; any other setting is the user's.
    func fix(_ result: CheckResult, in fix: FixContext) -> FixOutcome {
        let context = fix.context
        guard let bucket = fix.bucketResource else { return .nothing }
        guard context.bucket?.encryption.error?.code == "ServerSideEncryptionConfigurationNotFoundError" else {
            return .manual(
                fix.manualStep(
                    result, summary: "The bucket has a default encryption TrailGate does not replace: \(result.summary)"
                ))
        }
        let configuration = Self.sseS3
        return .change(
            PlannedChange(
                resource: bucket, action: .putBucketEncryption(configuration), checkIds: [result.id],
                summary: "Set SSE-S3 (AES256) as the bucket's default encryption; it has none.",
                before: nil, after: ["ServerSideEncryptionConfiguration": configuration]))
    }
}
