import OrderedJSON

extension FixAction {
    /// The summary of an `UpdateTrail` that turns on the settings named by their `describe-trails` fields.
    static func updateTrailSummary(turningOn fields: [String]) -> String {
        "Turn on \(fields.joined(separator: ", ")); every other trail setting stays as it is."
    }
}

extension PlannedChange {
    /// This change and `other` as one call, when they go to the same resource and can be one: the same call
    /// proposed by several checks (the event selectors), or `UpdateTrail`s of different settings, whose requests
    /// join. Nil when they must stay separate.
    func merged(with other: PlannedChange) -> PlannedChange? {
        guard resource == other.resource else { return nil }
        if action == other.action {
            var merged = self
            merged.checkIds += other.checkIds.filter { !checkIds.contains($0) }
            return merged
        }
        guard case .updateTrail(let input) = action, case .updateTrail(let otherInput) = other.action else {
            return nil
        }
        var merged = self
        merged.action = .updateTrail(input.joining(otherInput))
        merged.before = before.joining(other.before)
        merged.after = after.joining(other.after)
        merged.checkIds += other.checkIds
        if case .object(let members) = merged.after {
            merged.summary = FixAction.updateTrailSummary(turningOn: members.map(\.key))
        }
        return merged
    }
}

extension JSONValue {
    /// This object with the members of `other` it lacks appended.
    fileprivate func joining(_ other: JSONValue) -> JSONValue {
        guard case .object(var members) = self, case .object(let more) = other else { return self }
        for member in more where !members.contains(where: { $0.key == member.key }) { members.append(member) }
        return .object(members)
    }
}
