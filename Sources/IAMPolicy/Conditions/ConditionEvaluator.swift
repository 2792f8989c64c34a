extension Condition {
    /// Placeholder until the condition engine lands on this branch.
    public func evaluate(in context: RequestContext, variables: Bool) -> ConditionOutcome {
        ConditionOutcome(matched: false, explanation: "not evaluated")
    }
}
