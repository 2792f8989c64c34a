import OrderedJSON

/// The `put-event-selectors` call that restores full management-event logging and keeps every data-event selector.
struct ManagementSelectorsRemediation {
    var response: EventSelectorsResponse
    var context: TrailContext

    static let fullManagementSelector: JSONValue = [
        "Name": "Management events selector",
        "FieldSelectors": [["Field": "eventCategory", "Equals": ["Management"]]],
    ]

    var remediation: Remediation {
        let target = "--trail-name \(context.trail.trailARN)" + (context.trail.region.map { " --region \($0)" } ?? "")
        if let advanced = response.advancedEventSelectors {
            let kept = advanced.filter(Self.isDataSelector).map(Self.json)
            let selectors = JSONValue.array([Self.fullManagementSelector] + kept)
            let keptNote = kept.isEmpty ? ""
                : kept.count == 1 ? " The command keeps your other selector unchanged."
                : " The command keeps your \(kept.count) other selectors unchanged."
            return Remediation(
                "Replace the management-event selectors with one that logs all management events, read and write, from every source."
                    + keptNote,
                commands: ["aws cloudtrail put-event-selectors \(target) --advanced-event-selectors \(shellQuoted(selectors.serialized()))"])
        }
        let dataSelectors = (response.eventSelectors ?? []).filter { !Self.isEmpty($0.dataResources) }.map { selector -> JSONValue in
            [
                "ReadWriteType": .string(selector.readWriteType ?? "All"),
                "IncludeManagementEvents": false,
                "DataResources": selector.dataResources ?? [],
            ]
        }
        let management: JSONValue = [
            "ReadWriteType": "All", "IncludeManagementEvents": true, "DataResources": [], "ExcludeManagementEventSources": [],
        ]
        let keptNote = dataSelectors.isEmpty ? "" : " The command keeps your data-event resources in their own selectors."
        return Remediation(
            "Log all management events, read and write, with no excluded sources." + keptNote,
            commands: ["aws cloudtrail put-event-selectors \(target) --event-selectors "
                + shellQuoted(JSONValue.array([management] + dataSelectors).serialized())])
    }

    /// An advanced selector for something other than management events (data, network activity, …).
    static func isDataSelector(_ selector: AdvancedEventSelector) -> Bool {
        selector.fieldSelectors.contains { $0.field == "eventCategory" && !FieldCondition($0).admits("Management") }
    }

    private static func isEmpty(_ resources: JSONValue?) -> Bool {
        guard case .array(let elements)? = resources else { return true }
        return elements.isEmpty
    }

    static func json(_ selector: AdvancedEventSelector) -> JSONValue {
        var object: JSONValue = [:]
        if let name = selector.name { object["Name"] = .string(name) }
        object["FieldSelectors"] = .array(selector.fieldSelectors.map { field in
            var condition: JSONValue = ["Field": .string(field.field)]
            let operators: [(String, [String]?)] = [
                ("Equals", field.equals), ("StartsWith", field.startsWith), ("EndsWith", field.endsWith),
                ("NotEquals", field.notEquals), ("NotStartsWith", field.notStartsWith), ("NotEndsWith", field.notEndsWith),
            ]
            for (name, values) in operators {
                if let values { condition[name] = .array(values.map(JSONValue.string)) }
            }
            return condition
        })
        return object
    }
}
