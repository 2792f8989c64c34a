import OrderedJSON

/// A check that one boolean trail setting is on.
protocol TrailFlagCheck: FixableCheck {
    /// The `describe-trails` field judged.
    var field: String { get }
    func value(of trail: Trail) -> Bool?
    var failure: String { get }
    var success: String { get }
    /// The `UpdateTrail` request field that turns the setting on.
    var updateField: String { get }
}

extension TrailFlagCheck {
    var area: CheckArea { .trail }

    func evaluate(_ context: TrailContext) -> CheckResult {
        let value = value(of: context.trail)
        let evidence = [Evidence(field, value.map(JSONValue.bool) ?? .null)]
        switch value {
        case true?:
            return result(.pass, success, evidence: evidence)
        case false?:
            let command = turnOn(context).cliCommand(on: context.trailResource)
            let summary =
                context.isMemberAccountView
                ? "Turn it on from the management account \(context.trail.ownerAccountId ?? "") that owns the trail."
                : "Turn it on."
            return result(.fail, failure, evidence: evidence, remediation: Remediation(summary, commands: [command]))
        case nil:
            return result(.unknown, "describe-trails did not report \(field) for this trail.", evidence: evidence)
        }
    }

    /// The `UpdateTrail` call that turns the setting on.
    private func turnOn(_ context: TrailContext) -> FixAction {
        .updateTrail(["Name": .string(context.trail.trailARN), updateField: true])
    }

    /// An `UpdateTrail` turning the setting on; the planner joins the trail's settings into one call.
    func fix(_ result: CheckResult, in fix: FixContext) -> FixOutcome {
        let current = value(of: fix.context.trail)
        guard current != true else { return .nothing }
        return .change(
            PlannedChange(
                resource: fix.trailResource, action: turnOn(fix.context), checkIds: [id],
                summary: FixAction.updateTrailSummary(turningOn: [field]),
                before: [field: current.map(JSONValue.bool) ?? .null], after: [field: true]))
    }
}

/// `trail.multi-region`: the trail records events in every Region.
struct MultiRegionCheck: TrailFlagCheck {
    let id = CheckID.multiRegion
    let title = "All-Region logging"
    let field = "IsMultiRegionTrail"
    let failure = "The trail records events in its home Region only."
    let success = "The trail is multi-Region."
    let updateField = "IsMultiRegionTrail"
    func value(of trail: Trail) -> Bool? { trail.isMultiRegionTrail }
}

/// `trail.global-service-events`: events of global services (IAM, STS, CloudFront) are recorded.
struct GlobalServiceEventsCheck: TrailFlagCheck {
    let id = CheckID.globalServiceEvents
    let title = "Global service events"
    let field = "IncludeGlobalServiceEvents"
    let failure = "Events of global services such as IAM and STS are not recorded."
    let success = "Global service events are recorded."
    let updateField = "IncludeGlobalServiceEvents"
    func value(of trail: Trail) -> Bool? { trail.includeGlobalServiceEvents }
}

/// `trail.log-file-validation`: CloudTrail writes signed digest files.
struct LogFileValidationCheck: TrailFlagCheck {
    let id = CheckID.logFileValidation
    let title = "Log file integrity validation"
    let field = "LogFileValidationEnabled"
    let failure = "No digest files are written, so nobody can prove the logs were not changed."
    let success = "Digest files are written for log file integrity validation."
    let updateField = "EnableLogFileValidation"
    func value(of trail: Trail) -> Bool? { trail.logFileValidationEnabled }
}

extension CheckID {
    public static let multiRegion = CheckID("trail.multi-region")
    public static let globalServiceEvents = CheckID("trail.global-service-events")
    public static let logFileValidation = CheckID("trail.log-file-validation")
}
