import OrderedJSON
import TrailGateCore

/// The `trailgate.fix-apply/v1` document of `fix --apply --format json` (docs/fix.md): the plan, each change
/// applied with its backup and the setting read back, and the readiness report afterwards (null when nothing was
/// applied).
public struct FixApplyDocument: Sendable {
    public var plans: [FixPlan]
    public var applied: [AppliedChange]
    public var report: ReadinessReport?

    public init(plans: [FixPlan], applied: [AppliedChange], report: ReadinessReport?) {
        self.plans = plans
        self.applied = applied
        self.report = report
    }

    public var json: JSONValue {
        [
            "schema": "trailgate.fix-apply/v1",
            "plan": FixPlanRenderer().document(plans),
            "applied": .array(
                applied.map { change in
                    [
                        "operation": .string(change.change.action.operation),
                        "resource": .string(change.change.resource.name),
                        "backup": .string(change.backupPath), "reread": change.reread,
                    ]
                }),
            "report": report.map { JSONReportRenderer().document($0) } ?? .null,
        ]
    }
}
