import OrderedJSON
import TrailGateBasics

/// Renders fix plans as text for people (with before/after diffs) or as the `trailgate.fix-plan/v1` JSON document
/// for review tools.
public struct FixPlanRenderer: Sendable {
    public static let schema = "trailgate.fix-plan/v1"

    public init() {}

    /// The plans as text: per trail, each change with its call, CLI command and diff, then the manual steps.
    public func text(_ plans: [FixPlan]) -> String {
        var lines: [String] = []
        for plan in plans {
            lines.append("Trail \(plan.trailARN)")
            if plan.changes.isEmpty {
                lines.append(
                    plan.manualSteps.isEmpty
                        ? "  No changes needed: every fixable check passes."
                        : "  No configuration changes to make; see the manual steps.")
            }
            for (number, change) in plan.changes.enumerated() {
                lines.append("")
                lines.append(
                    "  \(number + 1). \(change.action.operation) on \(change.resource) (fixes \(change.checkIds.map(\.rawValue).joined(separator: ", ")))"
                )
                lines.append("     \(change.summary)")
                for note in change.notes { lines.append("     Note: \(note)") }
                if let step = change.stepIfRefused {
                    lines.append(
                        "     Made first; if AWS refuses it, nothing has changed and apply stops: \(step.summary)")
                }
                lines.append("     $ \(change.action.cliCommand(on: change.resource))")
                let diff = TextDiff(from: Self.document(change.before), to: Self.document(change.after))
                    .unified(
                        oldName: "\(change.action.aspect.rawValue) (now)",
                        newName: "\(change.action.aspect.rawValue) (planned)")
                for line in diff.split(separator: "\n") where !line.allSatisfy(\.isWhitespace) {
                    lines.append("     " + line)
                }
            }
            if !plan.manualSteps.isEmpty {
                lines.append("")
                lines.append("  Manual steps (configuration cannot fix these):")
                for group in Self.sharedSteps(plan.manualSteps) {
                    lines += Self.lines(group)
                }
            }
            lines.append("")
        }
        let changes = plans.reduce(0) { $0 + $1.changes.count }
        let manual = plans.reduce(0) { $0 + $1.manualSteps.count }
        lines.append(
            "Plan: \(changes) \(changes == 1 ? "change" : "changes"), \(manual) manual \(manual == 1 ? "step" : "steps")."
        )
        return lines.map { $0.escapingControlCharacters() }.joined(separator: "\n") + "\n"
    }

    /// Manual steps with one summary, said once: the checks whose further steps are the same share a line.
    struct SharedStep {
        var summary: String
        var blocksApply: Bool
        var details: [(checks: [CheckID], steps: [String])]
    }

    /// The manual steps grouped by summary, then by their further steps, in the order of first use.
    static func sharedSteps(_ steps: [ManualStep]) -> [SharedStep] {
        var shared: [SharedStep] = []
        for step in steps {
            guard
                let group = shared.firstIndex(where: {
                    $0.summary == step.summary && $0.blocksApply == step.blocksApply
                })
            else {
                shared.append(
                    SharedStep(
                        summary: step.summary, blocksApply: step.blocksApply, details: [([step.checkId], step.steps)]))
                continue
            }
            if let detail = shared[group].details.firstIndex(where: { $0.steps == step.steps }) {
                shared[group].details[detail].checks.append(step.checkId)
            } else {
                shared[group].details.append(([step.checkId], step.steps))
            }
        }
        return shared
    }

    /// One shared step as text: `- checks: summary` and its steps when the checks share every step; else the
    /// summary once, then each set of checks with its own steps.
    static func lines(_ step: SharedStep) -> [String] {
        func names(_ checks: [CheckID]) -> String { checks.map(\.rawValue).joined(separator: ", ") }
        var lines: [String] = []
        if step.details.count == 1, let only = step.details.first {
            lines.append("  - \(names(only.checks)): \(step.summary)")
            lines += only.steps.map { "      \($0)" }
        } else {
            lines.append("  - \(step.summary)")
            for detail in step.details {
                lines.append("      \(names(detail.checks)): \(detail.steps.first ?? "")")
                lines += detail.steps.dropFirst().map { "        \($0)" }
            }
        }
        if step.blocksApply { lines.append("      --apply stops before any change until this is done.") }
        return lines
    }

    /// The plans as the `trailgate.fix-plan/v1` document.
    public func document(_ plans: [FixPlan]) -> JSONValue {
        [
            "schema": .string(Self.schema),
            "changes": .int(plans.reduce(0) { $0 + $1.changes.count }),
            "manualSteps": .int(plans.reduce(0) { $0 + $1.manualSteps.count }),
            "trails": .array(
                plans.map { plan in
                    [
                        "trailArn": .string(plan.trailARN),
                        "changes": .array(plan.changes.map(Self.change)),
                        "manualSteps": .array(
                            plan.manualSteps.map { step in
                                [
                                    "check": .string(step.checkId.rawValue), "summary": .string(step.summary),
                                    "steps": .array(step.steps.map(JSONValue.string)),
                                    "blocksApply": .bool(step.blocksApply),
                                ]
                            }),
                    ]
                }),
        ]
    }

    static func change(_ change: PlannedChange) -> JSONValue {
        [
            "operation": .string(change.action.operation),
            "resource": [
                "type": .string(change.resource.kind.rawValue), "name": .string(change.resource.name),
                "region": .string(change.resource.region),
            ],
            "setting": .string(change.action.aspect.rawValue),
            "checks": .array(change.checkIds.map { .string($0.rawValue) }),
            "summary": .string(change.summary),
            "request": change.action.request(on: change.resource),
            "cli": .string(change.action.cliCommand(on: change.resource)),
            "before": change.before,
            "after": change.after,
            "notes": .array(change.notes.map(JSONValue.string)),
            "ifRefused": change.stepIfRefused.map { .string($0.summary) } ?? .null,
        ]
    }

    /// A document as diffable text: pretty JSON, or `(none)`.
    private static func document(_ value: JSONValue) -> String {
        value == .null ? "(none)\n" : value.serialized(pretty: true) + "\n"
    }
}
