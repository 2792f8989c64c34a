import OrderedJSON

/// `bucket.access-logging`: S3 server access logging is on for the delivery bucket.
struct AccessLoggingCheck: Check {
    let id = "bucket.access-logging"
    let title = "Bucket has server access logging"
    let area = CheckArea.bucket

    func evaluate(_ context: TrailContext) -> CheckResult {
        let name = context.bucketName ?? "<bucket>"
        let enable = Remediation(
            "Send the bucket's server access logs to a separate logging bucket (replace <access-log-bucket>).",
            commands: ["aws s3api put-bucket-logging \(context.bucketCommandArguments) --bucket-logging-status "
                + "'{\"LoggingEnabled\":{\"TargetBucket\":\"<access-log-bucket>\",\"TargetPrefix\":\"\(name)/\"}}'"])
        let slot = context.bucket?.logging ?? .absent
        guard let logging = slot.value else {
            return result(.unknown, context.bucketDataUnavailable(call: "GetBucketLogging", permission: "GetBucketLogging",
                                                                  error: slot.error))
        }
        guard let enabled = logging.loggingEnabled else {
            return result(.fail, "Server access logging is off.", evidence: [Evidence("LoggingEnabled", .null)],
                          remediation: enable)
        }
        let evidence = [
            Evidence("LoggingEnabled.TargetBucket", .string(enabled.targetBucket)),
            Evidence("LoggingEnabled.TargetPrefix", enabled.targetPrefix.map(JSONValue.string) ?? .null),
        ]
        if enabled.targetBucket == context.bucketName {
            return result(.warn, "Server access logs are written into the trail bucket itself, which adds a log object for every access.",
                          evidence: evidence, remediation: enable)
        }
        return result(.pass, "Server access logs go to \(enabled.targetBucket).", evidence: evidence)
    }
}
