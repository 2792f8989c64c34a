import OrderedJSON

/// Builds the change for each fixable check from the trail's current configuration.
struct FixChangeBuilders {
    /// A change, a manual step instead, or nothing to do.
    enum Outcome {
        case change(PlannedChange)
        case manual(ManualStep)
        case nothing
    }

    let context: TrailContext
    let options: FixOptions

    var trailResource: FixResource {
        FixResource(kind: .trail, name: context.trail.trailARN, region: context.trail.region ?? "us-east-1")
    }

    var bucketResource: FixResource? {
        guard let name = context.bucketName else { return nil }
        return FixResource(kind: .bucket, name: name, region: context.bucket?.location.value?.region ?? context.trail.region ?? "us-east-1")
    }

    /// One `UpdateTrail` for the failing trail settings.
    func trailSettings(failing: Set<String>) -> [PlannedChange] {
        let settings: [(check: String, describeName: String, inputName: String, current: Bool?)] = [
            ("trail.multi-region", "IsMultiRegionTrail", "IsMultiRegionTrail", context.trail.isMultiRegionTrail),
            ("trail.global-service-events", "IncludeGlobalServiceEvents", "IncludeGlobalServiceEvents", context.trail.includeGlobalServiceEvents),
            ("trail.log-file-validation", "LogFileValidationEnabled", "EnableLogFileValidation", context.trail.logFileValidationEnabled),
        ]
        var input: JSONValue = ["Name": .string(context.trail.trailARN)]
        var before: JSONValue = [:]
        var after: JSONValue = [:]
        var checks: [String] = []
        var names: [String] = []
        for setting in settings where failing.contains(setting.check) && setting.current != true {
            input[setting.inputName] = true
            before[setting.describeName] = setting.current.map(JSONValue.bool) ?? .null
            after[setting.describeName] = true
            checks.append(setting.check)
            names.append(setting.describeName)
        }
        guard !checks.isEmpty else { return [] }
        return [PlannedChange(resource: trailResource, action: .updateTrail(input), checkIds: checks,
                              summary: "Turn on \(names.joined(separator: ", ")); every other trail setting stays as it is.",
                              before: before, after: after)]
    }

    /// One `PutEventSelectors` restoring full management-event logging, keeping every other selector.
    func eventSelectors(failing: Set<String>) -> PlannedChange? {
        let checks = ["trail.management-events", "trail.kms-events", "trail.rds-data-events"].filter(failing.contains)
        guard !checks.isEmpty, let response = context.entry.eventSelectors.value else { return nil }
        let remediation = ManagementSelectorsRemediation(response: response, context: context)
        var after = remediation.request
        after["TrailName"] = nil
        return PlannedChange(resource: trailResource, action: .putEventSelectors(remediation.request), checkIds: checks,
                             summary: remediation.summary, before: remediation.current, after: after)
    }

    /// `StartLogging` for a stopped trail; a delivery error is for the user to resolve.
    func startLogging(_ result: CheckResult) -> Outcome {
        guard context.entry.status.value?.isLogging == false else {
            return .manual(ManualStep(checkId: result.id, summary: result.summary,
                                      steps: result.remediation.map { [$0.summary] + $0.commands } ?? []))
        }
        return .change(PlannedChange(resource: trailResource, action: .startLogging, checkIds: [result.id],
                                     summary: "Start logging on the trail.", before: ["IsLogging": false], after: ["IsLogging": true]))
    }

    /// `PutBucketEncryption` with SSE-S3 when the bucket has no default encryption; any other setting is the user's.
    func encryption(_ result: CheckResult) -> Outcome {
        guard let bucket = bucketResource else { return .nothing }
        guard context.bucket?.encryption.error?.code == "ServerSideEncryptionConfigurationNotFoundError" else {
            return .manual(ManualStep(checkId: result.id, summary: "The bucket has a default encryption TrailGate does not replace: \(result.summary)",
                                      steps: result.remediation.map { [$0.summary] + $0.commands } ?? []))
        }
        let configuration: JSONValue = ["Rules": [["ApplyServerSideEncryptionByDefault": ["SSEAlgorithm": "AES256"]]]]
        return .change(PlannedChange(resource: bucket, action: .putBucketEncryption(configuration), checkIds: [result.id],
                                     summary: "Set SSE-S3 (AES256) as the bucket's default encryption; it has none.",
                                     before: nil, after: ["ServerSideEncryptionConfiguration": configuration]))
    }

    /// `PutBucketLogging` to the bucket named with `--access-log-bucket`, never the trail's own bucket.
    func accessLogging(_ result: CheckResult) -> Outcome {
        guard let bucket = bucketResource else { return .nothing }
        guard let target = options.accessLogBucket else {
            return .manual(ManualStep(checkId: result.id, summary: "Server access logging needs a target bucket: run fix again with --access-log-bucket NAME.",
                                      steps: result.remediation.map { [$0.summary] + $0.commands } ?? []))
        }
        guard target != bucket.name else {
            return .manual(ManualStep(checkId: result.id,
                                      summary: "The access-log bucket must not be the trail bucket \(target) itself (each log delivery would log again); name another bucket."))
        }
        let status: JSONValue = ["LoggingEnabled": ["TargetBucket": .string(target), "TargetPrefix": .string("\(bucket.name)/")]]
        let before = context.bucket?.logging.value.map { logging -> JSONValue in
            guard let enabled = logging.loggingEnabled else { return [:] }
            var object: JSONValue = ["TargetBucket": .string(enabled.targetBucket)]
            object["TargetPrefix"] = enabled.targetPrefix.map(JSONValue.string)
            return ["LoggingEnabled": object]
        } ?? [:]
        return .change(PlannedChange(
            resource: bucket, action: .putBucketLogging(status), checkIds: [result.id],
            summary: "Send the bucket's server access logs to \(target) under \(bucket.name)/.", before: before, after: status,
            notes: ["\(target) must exist and let logging.s3.amazonaws.com s3:PutObject; apply checks that it exists first."]))
    }

    /// `PutBucketOwnershipControls` with `BucketOwnerEnforced`, unless ACL grants would be lost.
    func ownership(_ result: CheckResult) -> Outcome {
        guard let bucket = bucketResource else { return .nothing }
        var notes: [String] = []
        if let acl = context.bucket?.acl.value {
            let lost = AccessControlReview.grantsLost(acl)
            guard lost.isEmpty else {
                return .manual(ManualStep(
                    checkId: result.id,
                    summary: "BucketOwnerEnforced disables ACLs, and the bucket's ACL grants access to others that would be lost: "
                        + lost.joined(separator: "; ") + ". Move those grants into the bucket policy, remove them from the ACL, then run fix again.",
                    steps: ["aws s3api get-bucket-acl --bucket \(bucket.name)"]))
            }
        } else {
            notes.append("The bucket ACL is not in the snapshot; apply reads it first and stops if a grant would be lost.")
        }
        let controls: JSONValue = ["Rules": [["ObjectOwnership": "BucketOwnerEnforced"]]]
        let before: JSONValue = context.bucket?.ownershipControls.value.map { current in
            ["OwnershipControls": ["Rules": .array(current.objectOwnership.map { ["ObjectOwnership": .string($0)] })]]
        } ?? nil
        return .change(PlannedChange(resource: bucket, action: .putBucketOwnershipControls(controls), checkIds: [result.id],
                                     summary: "Enforce bucket-owner object ownership (ACLs disabled); the ACL grants only the owner.",
                                     before: before, after: ["OwnershipControls": controls], notes: notes))
    }
}
