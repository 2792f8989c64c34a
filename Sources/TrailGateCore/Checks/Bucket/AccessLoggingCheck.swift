import OrderedJSON

/// `bucket.access-logging`: S3 server access logging is on for the delivery bucket.
struct AccessLoggingCheck: Check {
    let id = CheckID.accessLogging
    let title = "Server access logging"
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
            commands: context.bucketCommands(.putBucketLogging(status)))
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
    /// `PutBucketLogging` to the bucket named with `--access-log-bucket`, preceded by the target's bucket-policy
    /// change that lets the logging service deliver, unless the target grants it already. A precondition of S3's
    /// or TrailGate's that the target fails is a manual step that stops `--apply` before any change.
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
        guard let owner = context.bucket?.ownerAccountId else {
            return .manual(
                ManualStep(
                    checkId: result.id,
                    summary: "The account that owns the trail bucket \(bucket.name) is unknown (it is not among the "
                        + "caller's buckets), and S3 delivers server access logs only within one account: run fix "
                        + "from the account that owns it.",
                    blocksApply: true))
        }
        let prefix = "\(bucket.name)/"
        let delivery = AccessLogDelivery(
            source: bucket.name, sourceAccount: owner, sourceRegion: bucket.region, target: target, prefix: prefix)
        let status: JSONValue = ["LoggingEnabled": ["TargetBucket": .string(target), "TargetPrefix": .string(prefix)]]
        let before =
            context.bucket?.logging.value.map { logging -> JSONValue in
                guard let enabled = logging.loggingEnabled else { return [:] }
                var object: JSONValue = ["TargetBucket": .string(enabled.targetBucket)]
                object["TargetPrefix"] = enabled.targetPrefix.map(JSONValue.string)
                return ["LoggingEnabled": object]
            } ?? [:]
        var logging = PlannedChange(
            resource: bucket, action: .putBucketLogging(status), checkIds: [result.id],
            summary: "Send the bucket's server access logs to \(target) under \(prefix).", before: before,
            after: status)
        switch delivery.need(context.snapshot.buckets[target], callerArn: fix.options.callerArn) {
        case .blocked(let why):
            return .manual(ManualStep(checkId: result.id, summary: why, blocksApply: true))
        case .granted(let how):
            logging.notes = ["No change to \(target): \(how)."]
            return .change(logging)
        case .policy(let policyBefore, let policyAfter, let changes):
            let targetResource = FixResource(kind: .bucket, name: target, region: bucket.region)
            let action = FixAction.putBucketPolicy(policyAfter.serialized())
            let count = policyBefore["Statement"]?.arrayValue?.count ?? 0
            let kept =
                policyBefore == .null
                ? "it has no policy yet"
                : "the \(count) existing \(count == 1 ? "statement stays" : "statements stay") as written"
            let grant = PlannedChange(
                resource: targetResource, action: action, checkIds: [result.id],
                summary: "Let \(AccessLogDelivery.servicePrincipal) deliver \(bucket.name)'s server access logs to "
                    + "\(target) under \(prefix) ("
                    + changes.map(\.description).joined(separator: "; ") + "); \(kept).",
                before: policyBefore, after: policyAfter,
                notes: [
                    "S3 refuses PutBucketLogging unless the target grants the logging service; the S3 console adds "
                        + "the same statement when it enables logging."
                ],
                stepIfRefused: ManualStep(
                    checkId: result.id,
                    summary: "Grant the caller s3:PutBucketPolicy on the access-log bucket \(target), or add "
                        + "statement \"\(AccessLogDelivery.sid)\" to its policy by hand (as below), then run fix again.",
                    steps: [action.cliCommand(on: targetResource)], blocksApply: true))
            return FixOutcome(changes: [grant, logging])
        }
    }
}
