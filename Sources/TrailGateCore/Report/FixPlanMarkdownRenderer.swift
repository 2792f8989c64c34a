import OrderedJSON

/// Renders fix plans as Markdown for a pull request or a change ticket: per trail, each change with the checks it
/// fixes, its AWS CLI command and a collapsed before/after diff, then the manual steps.
public struct FixPlanMarkdownRenderer: Sendable {
    public init() {}

    public func render(_ plans: [FixPlan]) -> String {
        let changes = plans.reduce(0) { $0 + $1.changes.count }
        let manual = plans.reduce(0) { $0 + $1.manualSteps.count }
        var lines = [
            "## TrailGate fix plan: \(changes) \(changes == 1 ? "change" : "changes"), \(manual) manual "
                + "\(manual == 1 ? "step" : "steps")"
        ]
        if changes > 0 {
            lines += ["", "Nothing has changed. `trailgate fix --apply` makes these changes, with backups."]
        }
        for plan in plans {
            lines += ["", "### Trail \(MarkdownText.code(plan.trailARN))"]
            if plan.changes.isEmpty {
                lines += [
                    "",
                    plan.manualSteps.isEmpty
                        ? "No changes needed: every fixable check passes."
                        : "No configuration changes to make; see the manual steps.",
                ]
            }
            for (number, change) in plan.changes.enumerated() { lines += self.change(change, number: number + 1) }
            if !plan.manualSteps.isEmpty {
                lines += ["", "#### Manual steps (configuration cannot fix these)", ""]
                for step in plan.manualSteps {
                    lines.append("- \(MarkdownText.code(step.checkId.rawValue)): \(MarkdownText.inline(step.summary))")
                    lines += step.steps.map { "  - " + MarkdownText.inline($0) }
                    if step.blocksApply { lines.append("  - `--apply` stops before any change until this is done.") }
                }
            }
        }
        return lines.joined(separator: "\n") + "\n"
    }

    private func change(_ change: PlannedChange, number: Int) -> [String] {
        let checks = change.checkIds.map { MarkdownText.code($0.rawValue) }.joined(separator: ", ")
        var lines = [
            "",
            "#### \(number). \(change.action.operation) on \(change.resource.kind.rawValue) "
                + "\(MarkdownText.code(change.resource.name))",
            "",
            "Fixes \(checks). \(MarkdownText.inline(change.summary))",
        ]
        for note in change.notes { lines += ["", "> **Note:** \(MarkdownText.inline(note))"] }
        if let step = change.stepIfRefused {
            lines += [
                "",
                "> Made first; if AWS refuses it, nothing has changed and apply stops: "
                    + MarkdownText.inline(step.summary),
            ]
        }
        lines.append("")
        lines += MarkdownText.fenced([change.action.cliCommand(on: change.resource)], language: "sh")
        let diff = TextDiff(from: Self.document(change.before), to: Self.document(change.after))
            .unified(
                oldName: "\(change.action.aspect.rawValue) (now)", newName: "\(change.action.aspect.rawValue) (planned)"
            )
        let diffLines = diff.split(separator: "\n").map(String.init).filter { !$0.allSatisfy(\.isWhitespace) }
        if !diffLines.isEmpty {
            lines += ["", "<details>", "<summary>\(change.action.aspect.rawValue): before and after</summary>", ""]
            lines += MarkdownText.fenced(diffLines, language: "diff")
            lines += ["", "</details>"]
        }
        return lines
    }

    /// A document as diffable text: pretty JSON, or `(none)`.
    private static func document(_ value: JSONValue) -> String {
        value == .null ? "(none)\n" : value.serialized(pretty: true) + "\n"
    }
}
