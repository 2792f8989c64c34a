import IAMPolicy
import OrderedJSON

/// Turns the failing checks of one trail into a plan: the write calls that make them pass, each computed from the
/// current configuration so that nothing else changes, and the manual steps for what configuration cannot fix.
public struct FixPlanner: Sendable {
    public var options: FixOptions

    public init(options: FixOptions = FixOptions()) {
        self.options = options
    }

    /// The plan for the trail of `context`, whose check results are `results`.
    public func plan(_ context: TrailContext, results: [CheckResult]) -> FixPlan {
        let selected = results.filter { options.onlyChecks.isEmpty || options.onlyChecks.contains($0.id) }
        let failing = Set(selected.filter { $0.status == .fail }.map(\.id))
        var changes: [PlannedChange] = []
        var manual: [ManualStep] = []
        if context.isMemberAccountView {
            let owner = context.trail.ownerAccountId ?? "?"
            manual += selected.filter(\.status.blocksReadiness).map {
                ManualStep(checkId: $0.id, summary: "This organization trail belongs to management account \(owner): "
                    + "plan and fix it from there (this check is \($0.status.rawValue) here: \($0.summary))")
            }
            return FixPlan(trailARN: context.trail.trailARN, changes: [], manualSteps: manual)
        }
        let builders = FixChangeBuilders(context: context, options: options)
        let trailFixes = builders.trailSettings(failing: failing)
        changes += trailFixes
        if let selectors = builders.eventSelectors(failing: failing) { changes.append(selectors) }
        for result in selected where result.status == .fail {
            switch result.id {
            case "trail.multi-region", "trail.global-service-events", "trail.log-file-validation",
                 "trail.management-events", "trail.kms-events", "trail.rds-data-events":
                continue
            case "trail.logging":
                append(builders.startLogging(result), to: &changes, or: &manual)
            case "bucket.encryption":
                append(builders.encryption(result), to: &changes, or: &manual)
            case "bucket.access-logging":
                append(builders.accessLogging(result), to: &changes, or: &manual)
            case "bucket.lifecycle-retention":
                append(builders.lifecycle(result), to: &changes, or: &manual)
            case "bucket.object-ownership":
                append(builders.ownership(result), to: &changes, or: &manual)
            case "bucket.policy-access":
                append(builders.bucketPolicy(result), to: &changes, or: &manual)
            case "kms.key-policy-access":
                let (keyChanges, keySteps) = builders.keyPolicies(result)
                changes += keyChanges
                manual += keySteps
            default:
                manual.append(ManualStep(checkId: result.id, summary: "Not fixable by configuration: \(result.summary)",
                                         steps: result.remediation.map { [$0.summary] + $0.commands } ?? []))
            }
        }
        for result in selected where result.status == .unknown {
            manual.append(ManualStep(checkId: result.id, summary: "Decide this check first (it is unknown): \(result.summary)"))
        }
        return FixPlan(trailARN: context.trail.trailARN, changes: changes, manualSteps: manual)
    }

    private func append(_ outcome: FixChangeBuilders.Outcome, to changes: inout [PlannedChange], or manual: inout [ManualStep]) {
        switch outcome {
        case .change(let change): changes.append(change)
        case .manual(let step): manual.append(step)
        case .nothing: break
        }
    }
}

extension FixPlanner {
    /// Runs every check on each trail of `snapshot` (or the one `selector` names) and plans its fixes. The caller's
    /// ARN in the snapshot is protected by the key-policy lock-out guard unless the options name another.
    public func plans(for snapshot: Snapshot, checkOptions: CheckOptions,
                      trail selector: String? = nil) throws(TrailSelectionError) -> [FixPlan] {
        var planner = self
        if planner.options.callerArn == nil { planner.options.callerArn = snapshot.callerIdentity.value?.arn }
        let entries = try ReadinessChecker.select(selector, from: ReadinessChecker.distinctTrails(snapshot.trails))
        return entries.map { entry in
            let context = TrailContext(snapshot: snapshot, entry: entry, options: checkOptions)
            return planner.plan(context, results: CheckRegistry.all.map { $0.evaluate(context) })
        }
    }
}
