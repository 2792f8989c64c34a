import OrderedJSON

/// A check that also knows the configuration change that makes it pass: its fix sits beside its evaluation, and
/// the planner asks every failing check that is a `FixableCheck` for it.
protocol FixableCheck: Check {
    /// The changes (or the manual steps instead) that make `result`, a failure of this check, pass; computed from
    /// the current configuration so that nothing else changes.
    func fix(_ result: CheckResult, in fix: FixContext) -> FixOutcome
}

/// What a fix proposes: changes, manual steps, or nothing to do.
struct FixOutcome {
    var changes: [PlannedChange] = []
    var manualSteps: [ManualStep] = []

    static let nothing = FixOutcome()

    static func change(_ change: PlannedChange) -> FixOutcome { FixOutcome(changes: [change]) }

    static func manual(_ step: ManualStep) -> FixOutcome { FixOutcome(manualSteps: [step]) }
}

/// What every fix reads: the trail's data and the user's fix options, and the resources changes go to.
struct FixContext {
    let context: TrailContext
    let options: FixOptions

    var trailResource: FixResource { context.trailResource }

    var bucketResource: FixResource? { context.bucketResource }

    /// The manual step of a failure configuration does not fix here: its summary and remediation.
    func manualStep(_ result: CheckResult, summary: String? = nil) -> ManualStep {
        ManualStep(
            checkId: result.id, summary: summary ?? result.summary,
            steps: result.remediation.map { [$0.summary] + $0.commands } ?? [])
    }
}
