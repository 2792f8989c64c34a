/// One string pattern of an advanced field selector.
enum FieldPattern: Hashable, Sendable {
    case equals(String)
    case startsWith(String)
    case endsWith(String)

    func matches(_ value: String) -> Bool {
        switch self {
        case .equals(let s): return value == s
        case .startsWith(let s): return value.hasPrefix(s)
        case .endsWith(let s): return value.hasSuffix(s)
        }
    }
}

/// A condition on one field: the value must match one of the positive patterns (if any) and none of the negative ones.
struct FieldCondition: Sendable {
    var field: String
    var positive: [FieldPattern]
    var negative: [FieldPattern]

    init(field: String, positive: [FieldPattern] = [], negative: [FieldPattern] = []) {
        self.field = field
        self.positive = positive
        self.negative = negative
    }

    init(_ selector: AdvancedFieldSelector) {
        field = selector.field
        positive =
            (selector.equals ?? []).map(FieldPattern.equals)
            + (selector.startsWith ?? []).map(FieldPattern.startsWith)
            + (selector.endsWith ?? []).map(FieldPattern.endsWith)
        negative =
            (selector.notEquals ?? []).map(FieldPattern.equals)
            + (selector.notStartsWith ?? []).map(FieldPattern.startsWith)
            + (selector.notEndsWith ?? []).map(FieldPattern.endsWith)
    }

    func admits(_ value: String) -> Bool {
        (positive.isEmpty || positive.contains { $0.matches(value) }) && !negative.contains { $0.matches(value) }
    }

    /// `field Operator [values]; …` as the user wrote it.
    var description: String {
        func list(_ name: String, _ patterns: [FieldPattern], _ pick: (FieldPattern) -> String?) -> String? {
            let values = patterns.compactMap(pick)
            return values.isEmpty ? nil : "\(field) \(name) [\(values.joined(separator: ", "))]"
        }
        func equals(_ p: FieldPattern) -> String? { if case .equals(let s) = p { return s }; return nil }
        func starts(_ p: FieldPattern) -> String? { if case .startsWith(let s) = p { return s }; return nil }
        func ends(_ p: FieldPattern) -> String? { if case .endsWith(let s) = p { return s }; return nil }
        let parts = [
            list("Equals", positive, equals), list("StartsWith", positive, starts), list("EndsWith", positive, ends),
            list("NotEquals", negative, equals), list("NotStartsWith", negative, starts),
            list("NotEndsWith", negative, ends),
        ].compactMap { $0 }
        return parts.isEmpty ? "\(field) (no condition)" : parts.joined(separator: "; ")
    }
}
