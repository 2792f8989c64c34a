import OrderedJSON

/// `trail.logging`: the trail is logging and its log and digest files are arriving.
struct TrailLoggingCheck: Check {
    let id = CheckID.logging
    let title = "Logging and delivery"
    let area = CheckArea.trail

    func evaluate(_ context: TrailContext) -> CheckResult {
        let start = Remediation(
            "Start logging on the trail.",
            commands: [FixAction.startLogging.cliCommand(on: context.trailResource)])
        guard let status = context.entry.status.value else {
            return result(
                .unknown, context.trailDataUnavailable(call: "GetTrailStatus", error: context.entry.status.error))
        }
        var evidence = [Evidence("IsLogging", status.isLogging.map(JSONValue.bool) ?? .null)]
        if let time = status.latestDeliveryTime { evidence.append(Evidence("LatestDeliveryTime", time)) }
        guard let isLogging = status.isLogging else {
            return result(.unknown, "GetTrailStatus did not report IsLogging for this trail.", evidence: evidence)
        }
        guard isLogging else {
            return result(
                .fail, "The trail is not logging: no events are recorded.", evidence: evidence, remediation: start)
        }
        var errors: [String] = []
        if let error = status.latestDeliveryError, !error.isEmpty {
            evidence.append(Evidence("LatestDeliveryError", .string(error)))
            errors.append("log files (\(error))")
        }
        if let error = status.latestDigestDeliveryError, !error.isEmpty {
            evidence.append(Evidence("LatestDigestDeliveryError", .string(error)))
            errors.append("digest files (\(error))")
        }
        guard errors.isEmpty else {
            let fix = Remediation(
                "CloudTrail cannot write to the bucket: make the bucket policy allow cloudtrail.amazonaws.com "
                    + "s3:PutObject (and s3:GetBucketAcl), and, with SSE-KMS, the key policy allow it kms:GenerateDataKey*. "
                    + "Then confirm the error clears.",
                commands: ["aws cloudtrail get-trail-status \(context.trailCommandArguments)"])
            return result(
                .fail, "The trail is logging but delivery fails for " + errors.joined(separator: " and ") + ".",
                evidence: evidence, remediation: fix)
        }
        return result(.pass, "The trail is logging and reports no delivery error.", evidence: evidence)
    }
}

extension CheckID {
    public static let logging = CheckID("trail.logging")
}

extension TrailLoggingCheck: FixableCheck {
    /// `StartLogging` for a stopped trail; a delivery error is for the user to resolve.
    func fix(_ result: CheckResult, in fix: FixContext) -> FixOutcome {
        let context = fix.context
        guard context.entry.status.value?.isLogging == false else {
            return .manual(fix.manualStep(result))
        }
        return .change(
            PlannedChange(
                resource: fix.trailResource, action: .startLogging, checkIds: [result.id],
                summary: "Start logging on the trail.", before: ["IsLogging": false], after: ["IsLogging": true]))
    }
}
