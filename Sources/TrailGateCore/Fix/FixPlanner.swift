import IAMPolicy
import OrderedJSON

/// Turns the failing checks of one trail into a plan: each failing ``FixableCheck`` proposes the write calls that
/// make it pass, computed from the current configuration so that nothing else changes; calls proposed by several
/// checks are made once; every other failure and every unknown check is a manual step.
public struct FixPlanner: Sendable {
    public var options: FixOptions
    /// The checks run and asked for fixes, in report order.
    private let checks: [any Check]

    public init(options: FixOptions = FixOptions(), checks: [any Check] = CheckRegistry.all) {
        self.options = options
        self.checks = checks
    }

    /// The plan for the trail of `context`, whose check results are `results`.
    public func plan(_ context: TrailContext, results: [CheckResult]) -> FixPlan {
        let selected = results.filter { options.onlyChecks.isEmpty || options.onlyChecks.contains($0.id) }
        if context.isMemberAccountView {
            let owner = context.trail.ownerAccountId ?? "?"
            let manual = selected.filter(\.status.blocksReadiness).map {
                ManualStep(
                    checkId: $0.id,
                    summary:
                        "This organization trail belongs to management account \(owner): plan and fix it from there.",
                    steps: [
                        "\($0.status.rawValue.prefix(1).uppercased() + $0.status.rawValue.dropFirst()) here: \($0.summary)"
                    ])
            }
            return FixPlan(trailARN: context.trail.trailARN, changes: [], manualSteps: manual)
        }
        let fixContext = FixContext(context: context, options: options)
        var changes: [PlannedChange] = []
        var manual: [ManualStep] = []
        for result in selected where result.status == .fail {
            guard let check = checks.first(where: { $0.id == result.id }) as? any FixableCheck else {
                manual.append(fixContext.manualStep(result, summary: "Not fixable by configuration: \(result.summary)"))
                continue
            }
            let outcome = check.fix(result, in: fixContext)
            for change in outcome.changes { Self.add(change, to: &changes) }
            manual += outcome.manualSteps
        }
        for result in selected where result.status == .unknown {
            manual.append(
                ManualStep(
                    checkId: result.id,
                    summary: "Decide this check first (it is unknown): \(result.summary)"))
        }
        return FixPlan(trailARN: context.trail.trailARN, changes: changes, manualSteps: manual)
    }

    /// Adds `change`, or joins it with a change already planned that makes the same call.
    private static func add(_ change: PlannedChange, to changes: inout [PlannedChange]) {
        for index in changes.indices {
            if let merged = changes[index].merged(with: change) {
                changes[index] = merged
                return
            }
        }
        changes.append(change)
    }
}

extension FixPlanner {
    /// Runs every check on each trail of `snapshot` (or the one `selector` names) and plans its fixes. The caller's
    /// ARN in the snapshot is protected by the key-policy lock-out guard unless the options name another.
    public func plans(
        for snapshot: Snapshot, checkOptions: CheckOptions,
        trail selector: String? = nil
    ) throws(TrailSelectionError) -> [FixPlan] {
        var planner = self
        if planner.options.callerArn == nil { planner.options.callerArn = snapshot.callerIdentity.value?.arn }
        let entries = try ReadinessChecker.select(selector, from: ReadinessChecker.distinctTrails(snapshot.trails))
        var plans = entries.map { entry in
            let context = TrailContext(snapshot: snapshot, entry: entry, options: checkOptions)
            return planner.plan(context, results: ReadinessChecker.evaluate(checks, on: context))
        }
        guard let scan = snapshot.organizationScan,
            let entry = entries.first(where: { $0.trail.isOrganizationTrail == true }) ?? entries.first,
            let index = plans.firstIndex(where: { $0.trailARN == entry.trail.trailARN })
        else { return plans }
        let organization = OrganizationReadiness().run(
            snapshot, scan: scan, trail: TrailContext(snapshot: snapshot, entry: entry, options: checkOptions))
        plans[index].manualSteps += accountSteps(organization)
        return plans
    }

    /// The managed accounts' findings as manual steps: nothing in another account is changed by `fix`, and
    /// changing an organization guardrail (SCP, RCP) is the customer's decision, so each step names the policy,
    /// where it is attached and the change.
    func accountSteps(_ organization: OrganizationReport) -> [ManualStep] {
        organization.accounts.flatMap { account in
            let name = "Account \(account.accountId)" + (account.name.map { " (\($0))" } ?? "")
            return account.results.filter {
                $0.status.blocksReadiness && (options.onlyChecks.isEmpty || options.onlyChecks.contains($0.id))
            }.map { result in
                if result.status == .unknown {
                    return ManualStep(
                        checkId: result.id,
                        summary: "\(name): decide this check first (it is unknown): \(result.summary)")
                }
                return ManualStep(
                    checkId: result.id, summary: "\(name): \(result.summary)",
                    steps: result.remediation.map { [$0.summary] + $0.commands } ?? [])
            }
        }
    }
}
