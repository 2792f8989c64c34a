import OrderedJSON

/// `bucket.access-logging`: S3 server access logging is on for the delivery bucket.
struct AccessLoggingCheck: Check {
    let id = CheckID.accessLogging
    let title = "Bucket has server access logging"
    let area = CheckArea.bucket

    func evaluate(_ context: TrailContext) -> CheckResult {
        let status: JSONValue = [
            "LoggingEnabled": [
                "TargetBucket": "<access-log-bucket>",
                "TargetPrefix": .string((context.bucketName ?? "<bucket>") + "/"),
            ]
        ]
        let enable = Remediation(
            "Send the bucket's server access logs to a separate logging bucket (replace <access-log-bucket>).",
            commands: [
                "aws s3api put-bucket-logging \(context.bucketCommandArguments) --bucket-logging-status "
                    + shellQuoted(status.serialized())
            ])
        let slot = context.bucket?.logging ?? .absent
        guard let logging = slot.value else {
            return result(
                .unknown,
                context.bucketDataUnavailable(
                    call: "GetBucketLogging", permission: "GetBucketLogging",
                    error: slot.error))
        }
        guard let enabled = logging.loggingEnabled else {
            return result(
                .fail, "Server access logging is off.", evidence: [Evidence("LoggingEnabled", .null)],
                remediation: enable)
        }
        let evidence = [
            Evidence("LoggingEnabled.TargetBucket", .string(enabled.targetBucket)),
            Evidence("LoggingEnabled.TargetPrefix", enabled.targetPrefix.map(JSONValue.string) ?? .null),
        ]
        if enabled.targetBucket == context.bucketName {
            return result(
                .warn,
                "Server access logs are written into the trail bucket itself, which adds a log object for every access.",
                evidence: evidence, remediation: enable)
        }
        return result(.pass, "Server access logs go to \(enabled.targetBucket).", evidence: evidence)
    }
}

extension CheckID {
    public static let accessLogging = CheckID("bucket.access-logging")
}

extension AccessLoggingCheck: FixableCheck {
    /// `PutBucketLogging` to the bucket named with `--access-log-bucket`, never the trail's own bucket.
    func fix(_ result: CheckResult, in fix: FixContext) -> FixOutcome {
        let context = fix.context
        guard let bucket = fix.bucketResource else { return .nothing }
        guard let target = fix.options.accessLogBucket else {
            return .manual(
                fix.manualStep(
                    result,
                    summary: "Server access logging needs a target bucket: run fix again with --access-log-bucket NAME."
                ))
        }
        guard target != bucket.name else {
            return .manual(
                ManualStep(
                    checkId: result.id,
                    summary:
                        "The access-log bucket must not be the trail bucket \(target) itself (each log delivery would log again); name another bucket."
                ))
        }
        let status: JSONValue = [
            "LoggingEnabled": ["TargetBucket": .string(target), "TargetPrefix": .string("\(bucket.name)/")]
        ]
        let before =
            context.bucket?.logging.value.map { logging -> JSONValue in
                guard let enabled = logging.loggingEnabled else { return [:] }
                var object: JSONValue = ["TargetBucket": .string(enabled.targetBucket)]
                object["TargetPrefix"] = enabled.targetPrefix.map(JSONValue.string)
                return ["LoggingEnabled": object]
            } ?? [:]
        return .change(
            PlannedChange(
                resource: bucket, action: .putBucketLogging(status), checkIds: [result.id],
                summary: "Send the bucket's server access logs to \(target) under \(bucket.name)/.", before: before,
                after: status,
                notes: [
                    "\(target) must exist and let logging.s3.amazonaws.com s3:PutObject; apply checks that it exists first."
                ]))
    }
}
