import OrderedJSON

/// The `put-event-selectors` call that restores full management-event logging and keeps every data-event selector.
struct ManagementSelectorsRemediation {
    var response: EventSelectorsResponse
    var context: TrailContext

    static let fullManagementSelector: JSONValue = [
        "Name": "Management events selector",
        "FieldSelectors": [["Field": "eventCategory", "Equals": ["Management"]]],
    ]

    /// The `put-event-selectors` input: `TrailName` and the selectors, of the kind the trail uses now.
    var request: JSONValue {
        let trailName = JSONValue.string(context.trail.trailARN)
        if let advanced = response.advancedEventSelectors {
            return [
                "TrailName": trailName,
                "AdvancedEventSelectors": .array(
                    [Self.fullManagementSelector] + advanced.filter(Self.isDataSelector).map(Self.json)),
            ]
        }
        let dataSelectors = (response.eventSelectors ?? []).filter { !Self.isEmpty($0.dataResources) }.map {
            selector -> JSONValue in
            [
                "ReadWriteType": .string(selector.readWriteType ?? "All"),
                "IncludeManagementEvents": false,
                "DataResources": selector.dataResources ?? [],
            ]
        }
        let management: JSONValue = [
            "ReadWriteType": "All", "IncludeManagementEvents": true, "DataResources": [],
            "ExcludeManagementEventSources": [],
        ]
        return ["TrailName": trailName, "EventSelectors": .array([management] + dataSelectors)]
    }

    /// The selectors now, in the shape `get-event-selectors` prints them.
    var current: JSONValue {
        if let advanced = response.advancedEventSelectors {
            return ["AdvancedEventSelectors": .array(advanced.map(Self.json))]
        }
        guard let basic = response.eventSelectors else { return [:] }
        return [
            "EventSelectors": .array(
                basic.map { selector in
                    var object: JSONValue = [:]
                    object["ReadWriteType"] = selector.readWriteType.map(JSONValue.string)
                    object["IncludeManagementEvents"] = selector.includeManagementEvents.map(JSONValue.bool)
                    object["DataResources"] = selector.dataResources
                    object["ExcludeManagementEventSources"] = selector.excludeManagementEventSources.map {
                        .array($0.map(JSONValue.string))
                    }
                    return object
                })
        ]
    }

    /// How many selectors for other events the request keeps.
    var keptSelectorCount: Int {
        let request = request
        return ((request["AdvancedEventSelectors"] ?? request["EventSelectors"])?.arrayValue?.count ?? 1) - 1
    }

    var summary: String {
        let kept = keptSelectorCount
        if response.advancedEventSelectors != nil {
            let keptNote =
                kept == 0
                ? ""
                : kept == 1
                    ? " The command keeps your other selector unchanged."
                    : " The command keeps your \(kept) other selectors unchanged."
            return
                "Replace the management-event selectors with one that logs all management events, read and write, from every source."
                + keptNote
        }
        let keptNote = kept == 0 ? "" : " The command keeps your data-event resources in their own selectors."
        return "Log all management events, read and write, with no excluded sources." + keptNote
    }

    var remediation: Remediation {
        Remediation(summary, commands: [FixAction.putEventSelectors(request).cliCommand(on: context.trailResource)])
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
        object["FieldSelectors"] = .array(
            selector.fieldSelectors.map { field in
                var condition: JSONValue = ["Field": .string(field.field)]
                let operators: [(String, [String]?)] = [
                    ("Equals", field.equals), ("StartsWith", field.startsWith), ("EndsWith", field.endsWith),
                    ("NotEquals", field.notEquals), ("NotStartsWith", field.notStartsWith),
                    ("NotEndsWith", field.notEndsWith),
                ]
                for (name, values) in operators {
                    if let values { condition[name] = .array(values.map(JSONValue.string)) }
                }
                return condition
            })
        return object
    }
}
