/// Read or write, as the `readOnly` field of an event tells.
enum EventAccess: String, CaseIterable, Sendable {
    case read
    case write

    /// The value of the `readOnly` field for this access.
    var readOnlyValue: String { self == .read ? "true" : "false" }
}

/// One event selector of a trail, reduced to what decides management-event coverage.
struct ManagementEventSelector: Sendable {
    /// How the user knows it: `selector 2 (advanced, "Name")`.
    var label: String
    /// The selector's conditions as the user wrote them.
    var conditions: String
    /// Conditions on `readOnly` and `eventSource`; empty means any value.
    var fieldConditions: [FieldCondition]
    /// Set when the selector cannot log all management events of any source, with the reason.
    var excludedReason: String?
    /// True for a selector of data, network-activity or other non-management events.
    var isForOtherEvents = false

    /// The fields that may appear in a selector that logs all management events of the admitted sources.
    static let managementFields: Set<String> = ["eventCategory", "readOnly", "eventSource"]

    init(basic selector: EventSelector, index: Int) {
        label = "selector \(index + 1) (basic)"
        let readWrite = selector.readWriteType ?? "All"
        let excluded = selector.excludeManagementEventSources ?? []
        var parts = [
            "ReadWriteType \(readWrite)", "IncludeManagementEvents \(selector.includeManagementEvents ?? true)",
        ]
        if !excluded.isEmpty { parts.append("ExcludeManagementEventSources [\(excluded.joined(separator: ", "))]") }
        conditions = parts.joined(separator: "; ")
        fieldConditions = []
        if selector.includeManagementEvents == false {
            excludedReason = "IncludeManagementEvents is false (data events only)"
            return
        }
        switch readWrite {
        case "All": break
        case "ReadOnly": fieldConditions.append(FieldCondition(field: "readOnly", positive: [.equals("true")]))
        case "WriteOnly": fieldConditions.append(FieldCondition(field: "readOnly", positive: [.equals("false")]))
        default: excludedReason = "unknown ReadWriteType \(readWrite)"
        }
        if !excluded.isEmpty {
            fieldConditions.append(FieldCondition(field: "eventSource", negative: excluded.map(FieldPattern.equals)))
        }
    }

    init(advanced selector: AdvancedEventSelector, index: Int) {
        label = "selector \(index + 1) (advanced" + (selector.name.map { ", \"\($0)\"" } ?? "") + ")"
        let all = selector.fieldSelectors.map(FieldCondition.init)
        conditions = all.isEmpty ? "no field selectors" : all.map(\.description).joined(separator: "; ")
        fieldConditions = all.filter { $0.field == "readOnly" || $0.field == "eventSource" }
        let narrowing = all.map(\.field).filter { !Self.managementFields.contains($0) }
        if let category = all.first(where: { $0.field == "eventCategory" && !$0.admits("Management") }) {
            isForOtherEvents = true
            excludedReason = "it selects \(category.description), not management events"
        } else if !narrowing.isEmpty {
            excludedReason =
                "narrowed by \(Set(narrowing).sorted().joined(separator: ", ")), so it logs only some management events"
        }
    }

    /// True when the selector logs management events with this access from this event source.
    func admits(_ access: EventAccess, source: String) -> Bool {
        guard excludedReason == nil else { return false }
        return fieldConditions.allSatisfy { condition in
            condition.admits(condition.field == "readOnly" ? access.readOnlyValue : source)
        }
    }

    /// Every string pattern this selector tests `eventSource` against.
    var sourcePatterns: [FieldPattern] {
        fieldConditions.filter { $0.field == "eventSource" }.flatMap { $0.positive + $0.negative }
    }
}
