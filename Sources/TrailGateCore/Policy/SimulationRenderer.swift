import IAMPolicy
import OrderedJSON
import TrailGateBasics

/// Renders a `policy simulate` evaluation as text or JSON.
public enum SimulationRenderer {
    /// The decision, why, the assumptions, and every statement considered.
    public static func text(_ evaluation: Evaluation) -> String {
        var lines = ["Decision: \(evaluation.decision.rawValue)", "Why: \(evaluation.reason)"]
        for assumption in evaluation.assumptions { lines.append("Assumes: \(assumption)") }
        lines.append("Statements:")
        if evaluation.statements.isEmpty { lines.append("  (none)") }
        for statement in evaluation.statements {
            let mark = statement.matched ? "✔" : "✘"
            lines.append(
                "  \(mark) \(statement.policy) statement \(statement.label) (\(statement.effect.rawValue)): \(statement.reason)"
            )
            for condition in statement.conditions {
                lines.append("      \(condition.matched ? "holds" : "fails"): \(condition.explanation)")
            }
        }
        return lines.map { $0.escapingControlCharacters() }.joined(separator: "\n") + "\n"
    }

    /// `{"decision", "reason", "assumptions", "statements": [{"policy", "sid", "effect", "matched", "reason", "conditions"}]}`.
    public static func json(_ evaluation: Evaluation) -> String {
        let document: JSONValue = [
            "decision": .string(evaluation.decision.rawValue),
            "reason": .string(evaluation.reason),
            "assumptions": .array(evaluation.assumptions.map(JSONValue.string)),
            "statements": .array(
                evaluation.statements.map { statement in
                    [
                        "policy": .string(statement.policy),
                        "sid": statement.sid.map(JSONValue.string) ?? .null,
                        "effect": .string(statement.effect.rawValue),
                        "matched": .bool(statement.matched),
                        "reason": .string(statement.reason),
                        "conditions": .array(
                            statement.conditions.map {
                                ["matched": .bool($0.matched), "explanation": .string($0.explanation)]
                            }),
                    ]
                }),
        ]
        return document.serialized(pretty: true) + "\n"
    }
}
