import Foundation

extension Condition {
    /// Decides this condition for a request as IAM does, and explains the result with the values involved.
    ///
    /// - Parameters:
    ///   - context: the request's condition keys and values.
    ///   - variables: true when the policy's Version is `2012-10-17`, so that `${…}` in String, ARN and Bool
    ///     values are policy variables; otherwise all values are literal text.
    ///
    /// The rules (IAM User Guide, "IAM JSON policy elements: Condition operators", "Single-valued vs. multivalued
    /// context keys" and "IAM policy elements: Variables and tags"):
    /// - Several policy values are OR-ed; under a negated operator (`StringNotEquals`, `NotIpAddress`, …) they
    ///   are NOR-ed: the request value must match none of them.
    /// - A missing key makes the condition false, except for negated operators, `…IfExists` and `ForAllValues:`
    ///   (true) and `Null` (true when it asks for `"true"`). `ForAnyValue:` is false on a missing key or an
    ///   empty set, `ForAllValues:` true.
    /// - `ForAnyValue:` holds when some request value satisfies the base operator, `ForAllValues:` when every
    ///   one does; for a negated base, "satisfies" means "matches none of the policy values". A single-valued
    ///   key under a set qualifier is a set of one. `ForAnyValue:Null` and `ForAllValues:Null` act as `Null`.
    /// - A plain operator (no set qualifier) on a key that is multivalued in the request (`.multiple`, even with
    ///   one element) never matches, for negated operators and `…IfExists` too once the key is present. AWS
    ///   does not document this; iam-simulate implements it and reports it confirmed by AWS at re:Inforce 2025
    ///   (session IAM431), so TrailGate follows it.
    /// - A value that cannot be read as its operator's type (a number, a date, an IP range, base64, a boolean,
    ///   an ARN), or a policy value whose variable has no value, takes part in no comparison that holds: it
    ///   never matches under a positive operator, and a negated operator cannot hold while it is present,
    ///   because the request value cannot be shown to differ from it.
    public func evaluate(in context: RequestContext, variables: Bool) -> ConditionOutcome {
        ConditionEvaluation(condition: self, context: context, variables: variables).outcome()
    }
}

/// One evaluation of a condition against a request.
private struct ConditionEvaluation {
    let condition: Condition
    let context: RequestContext
    let variables: Bool

    private var base: ConditionOperator.Base { condition.conditionOperator.base }
    private var negated: Bool { base.isNegated }

    func outcome() -> ConditionOutcome {
        guard case .compare(let family, let relation) = OperatorKind(base) else { return null() }
        guard let value = context[condition.key] else { return missing(family) }
        let operands = Operands(family: family, relation: relation, variables: variables, context: context)
        let prepared = condition.values.map(operands.prepare)
        let notes = prepared.compactMap { value in value.problem.map { note(value.written, problem: $0) } }
        guard let qualifier = condition.conditionOperator.qualifier else {
            guard case .single(let single) = value else {
                return outcome(
                    false,
                    "the request has several values \(list(value.values)) but the operator takes one; use ForAnyValue: or ForAllValues:"
                )
            }
            let assessment = operands.assess(single, against: prepared, negated: negated)
            return outcome(assessment.satisfied, assessment.sentence, notes: notes)
        }
        let assessments = value.values.map { operands.assess($0, against: prepared, negated: negated) }
        switch qualifier {
        case .forAnyValue:
            if assessments.isEmpty {
                return outcome(false, "the request has no values for the key, so no value matches")
            }
            if let satisfied = assessments.first(where: \.satisfied) {
                return outcome(true, satisfied.sentence, notes: notes)
            }
            if assessments.count == 1 { return outcome(false, assessments[0].sentence, notes: notes) }
            return outcome(
                false, "no request value qualifies: " + assessments.map(\.sentence).joined(separator: "; "),
                notes: notes)
        case .forAllValues:
            if assessments.isEmpty {
                return outcome(true, "the request has no values for the key, so there is no value that could fail")
            }
            if let failed = assessments.first(where: { !$0.satisfied }) {
                return outcome(false, "not every request value qualifies: " + failed.sentence, notes: notes)
            }
            return outcome(
                true, "every request value qualifies: " + assessments.map(\.sentence).joined(separator: "; "),
                notes: notes)
        }
    }

    private func missing(_ family: Family) -> ConditionOutcome {
        if condition.conditionOperator.ifExists {
            return outcome(true, "key is missing, so IfExists makes the condition hold")
        }
        switch condition.conditionOperator.qualifier {
        case .forAllValues?:
            return outcome(true, "key is missing, so there is no value that could fail")
        case .forAnyValue?:
            return outcome(false, "key is missing, so no value matches")
        case nil where negated:
            let noun = family == .stringLike || family == .arn ? "patterns" : "values"
            return outcome(true, "key is missing, so it matches none of the \(noun)")
        case nil:
            return outcome(false, "key is missing, so no value matches")
        }
    }

    private func null() -> ConditionOutcome {
        let present = context[condition.key] != nil
        let wanted = present ? "false" : "true"
        let readable = condition.values.filter { ["true", "false"].contains($0.lowercased()) }
        let matched = readable.contains { $0.lowercased() == wanted }
        let notes = condition.values.filter { !readable.contains($0) }.map {
            "policy value \(quoted($0)) is neither \"true\" nor \"false\" and never matches"
        }
        let state = present ? "key is present" : "key is missing"
        let sentence: String
        if matched {
            sentence = "\(state), as \(quoted(wanted)) requires"
        } else if readable.isEmpty {
            sentence = state
        } else {
            sentence =
                "\(state), but \(quoted(present ? "true" : "false")) requires it to be \(present ? "missing" : "present")"
        }
        return outcome(matched, sentence, notes: notes)
    }

    private func note(_ written: String, problem: String) -> String {
        negated
            ? "policy value \(quoted(written)) \(problem), so \(base.rawValue) cannot hold"
            : "policy value \(quoted(written)) \(problem) and never matches"
    }

    private func outcome(_ matched: Bool, _ sentence: String, notes: [String] = []) -> ConditionOutcome {
        let details = ([sentence] + notes).joined(separator: "; ")
        return ConditionOutcome(
            matched: matched, explanation: "\(condition.conditionOperator) \(condition.key): \(details)")
    }
}

/// What an operator compares, or `Null`.
private enum OperatorKind {
    case null
    case compare(Family, Relation)

    init(_ base: ConditionOperator.Base) {
        switch base {
        case .stringEquals, .stringNotEquals: self = .compare(.string, .equal)
        case .stringEqualsIgnoreCase, .stringNotEqualsIgnoreCase: self = .compare(.stringIgnoreCase, .equal)
        case .stringLike, .stringNotLike: self = .compare(.stringLike, .equal)
        case .numericEquals, .numericNotEquals: self = .compare(.numeric, .equal)
        case .numericLessThan: self = .compare(.numeric, .less)
        case .numericLessThanEquals: self = .compare(.numeric, .lessOrEqual)
        case .numericGreaterThan: self = .compare(.numeric, .greater)
        case .numericGreaterThanEquals: self = .compare(.numeric, .greaterOrEqual)
        case .dateEquals, .dateNotEquals: self = .compare(.date, .equal)
        case .dateLessThan: self = .compare(.date, .less)
        case .dateLessThanEquals: self = .compare(.date, .lessOrEqual)
        case .dateGreaterThan: self = .compare(.date, .greater)
        case .dateGreaterThanEquals: self = .compare(.date, .greaterOrEqual)
        case .bool: self = .compare(.bool, .equal)
        case .binaryEquals: self = .compare(.binary, .equal)
        case .ipAddress, .notIpAddress: self = .compare(.ipAddress, .equal)
        case .arnEquals, .arnLike, .arnNotEquals, .arnNotLike: self = .compare(.arn, .equal)
        case .null: self = .null
        }
    }
}

/// The type of value an operator compares.
private enum Family {
    case string, stringIgnoreCase, stringLike, numeric, date, bool, binary, ipAddress, arn

    /// Whether `${…}` in policy values are variables (under Version 2012-10-17).
    var allowsVariables: Bool { [.string, .stringIgnoreCase, .stringLike, .bool, .arn].contains(self) }
}

/// How the request value must relate to a policy value for them to match.
private enum Relation {
    case equal, less, lessOrEqual, greater, greaterOrEqual

    func holds<T: Comparable>(_ request: T, _ policy: T) -> Bool {
        switch self {
        case .equal: return request == policy
        case .less: return request < policy
        case .lessOrEqual: return request <= policy
        case .greater: return request > policy
        case .greaterOrEqual: return request >= policy
        }
    }

    /// "less than" etc., for numbers (dates use "before"/"after").
    func phrase(forDates: Bool) -> String {
        switch self {
        case .equal: return "equal to"
        case .less: return forDates ? "before" : "less than"
        case .lessOrEqual: return forDates ? "at or before" : "less than or equal to"
        case .greater: return forDates ? "after" : "greater than"
        case .greaterOrEqual: return forDates ? "at or after" : "greater than or equal to"
        }
    }
}

/// A policy value read for comparison.
private enum PolicyOperand {
    case text(String)
    case pattern(PolicyPattern)
    case arn([PolicyPattern])
    case number(DecimalNumber)
    case date(ConditionDate)
    case bool(Bool)
    case bytes(Data)
    case range(IPAddressRange)
}

/// A request value read for comparison.
private enum RequestOperand {
    case text(String)
    case arn([Substring])
    case number(DecimalNumber)
    case date(ConditionDate)
    case bool(Bool)
    case bytes(Data)
    case address(IPAddress)
}

/// A policy value as written, what it became, and why it cannot be used if it cannot.
private struct PreparedValue {
    var written: String
    var operand: PolicyOperand?
    /// The value after variable substitution, when that changed it.
    var resolved: String?
    /// Why the value takes part in no comparison, e.g. `is not a number`.
    var problem: String?

    init(written: String, operand: PolicyOperand? = nil, resolved: String? = nil, problem: String? = nil) {
        self.written = written
        self.operand = operand
        self.resolved = resolved
        self.problem = problem
    }

    /// A value read without substitution: `operand`, or `problem` when it could not be read.
    init(_ written: String, _ operand: PolicyOperand?, else problem: String) {
        self.init(written: written, operand: operand, problem: operand == nil ? problem : nil)
    }

    /// The value for an explanation: `"written"`, or `"written" (= "resolved")` after substitution.
    var display: String {
        quoted(written) + (resolved.map { " (= \(quoted($0)))" } ?? "")
    }
}

/// How one request value fared against the policy values.
private struct Assessment {
    /// True when the value satisfies the base operator (for a negated one: matches none of the policy values).
    var satisfied: Bool
    /// E.g. `"o-zzzz" is not one of ["o-a1b2c3d4e5"]`.
    var sentence: String
}

/// Reading and comparing the values of one operator family.
private struct Operands {
    let family: Family
    let relation: Relation
    let variables: Bool
    let context: RequestContext

    func prepare(_ written: String) -> PreparedValue {
        let text =
            variables && family.allowsVariables && written.contains("$" as Character)
            ? PolicyText(parsing: written) : PolicyText(literal: written)
        switch family {
        case .string, .stringIgnoreCase, .stringLike, .bool:
            switch text.resolve(in: context) {
            case .failure(let unresolved):
                return PreparedValue(written: written, problem: Self.problem(unresolved))
            case .success(let resolved):
                let shown = family == .stringLike ? resolved.pattern.description : resolved.string
                let changed = shown == written ? nil : shown
                switch family {
                case .stringLike:
                    return PreparedValue(written: written, operand: .pattern(resolved.pattern), resolved: changed)
                case .bool:
                    let operand = Self.bool(resolved.string).map(PolicyOperand.bool)
                    return PreparedValue(
                        written: written, operand: operand, resolved: changed,
                        problem: operand == nil ? "is neither \"true\" nor \"false\"" : nil)
                default:
                    return PreparedValue(written: written, operand: .text(resolved.string), resolved: changed)
                }
            }
        case .arn:
            let parts = text.split(separator: ":", maxSplits: 5)
            guard parts.count == 6 else {
                return PreparedValue(
                    written: written, problem: "is not an ARN (it has fewer than six colon-separated parts)")
            }
            var patterns: [PolicyPattern] = []
            for part in parts {
                switch part.resolve(in: context) {
                case .failure(let unresolved): return PreparedValue(written: written, problem: Self.problem(unresolved))
                case .success(let resolved): patterns.append(resolved.pattern)
                }
            }
            let shown = patterns.map(\.description).joined(separator: ":")
            return PreparedValue(written: written, operand: .arn(patterns), resolved: shown == written ? nil : shown)
        case .numeric:
            return PreparedValue(written, DecimalNumber(written).map(PolicyOperand.number), else: "is not a number")
        case .date:
            return PreparedValue(written, ConditionDate(written).map(PolicyOperand.date), else: "is not a date")
        case .binary:
            return PreparedValue(written, Data(base64Encoded: written).map(PolicyOperand.bytes), else: "is not base64")
        case .ipAddress:
            return PreparedValue(
                written, IPAddressRange(written).map(PolicyOperand.range), else: "is not an IP address or CIDR range")
        }
    }

    func assess(_ requestValue: String, against policy: [PreparedValue], negated: Bool) -> Assessment {
        let request: RequestOperand
        switch read(requestValue) {
        case .failure(let problem):
            return Assessment(satisfied: false, sentence: "the request value \(quoted(requestValue)) \(problem.text)")
        case .success(let operand):
            request = operand
        }
        let hits = policy.filter { value in value.operand.map { matches(request, $0) } ?? false }
        let allUsable = policy.allSatisfy { $0.operand != nil }
        let satisfied = negated ? hits.isEmpty && allUsable : !hits.isEmpty
        return Assessment(satisfied: satisfied, sentence: sentence(requestValue, hits: hits, all: policy))
    }

    private func sentence(_ requestValue: String, hits: [PreparedValue], all: [PreparedValue]) -> String {
        let value = quoted(requestValue)
        let values = list(all.map(\.display), quoting: false)
        switch family {
        case .stringLike, .arn:
            return hits.first.map { "\(value) matches \($0.display)" } ?? "\(value) matches none of \(values)"
        case .ipAddress:
            return hits.first.map { "\(value) is in \($0.display)" } ?? "\(value) is in none of \(values)"
        case .numeric where relation != .equal, .date where relation != .equal:
            let phrase = relation.phrase(forDates: family == .date)
            return hits.first.map { "\(value) is \(phrase) \($0.display)" }
                ?? "\(value) is not \(phrase) any of \(values)"
        default:
            let suffix = family == .stringIgnoreCase ? " (ignoring case)" : ""
            return (hits.isEmpty ? "\(value) is not one of \(values)" : "\(value) is one of \(values)") + suffix
        }
    }

    private struct RequestProblem: Error {
        var text: String
    }

    private func read(_ value: String) -> Result<RequestOperand, RequestProblem> {
        func readable<T>(_ operand: T?, _ make: (T) -> RequestOperand, else problem: String) -> Result<
            RequestOperand, RequestProblem
        > {
            operand.map { .success(make($0)) } ?? .failure(RequestProblem(text: problem))
        }
        switch family {
        case .string, .stringIgnoreCase, .stringLike:
            return .success(.text(value))
        case .arn:
            let parts = value.split(separator: ":", maxSplits: 5, omittingEmptySubsequences: false)
            return parts.count == 6 && parts[0] == "arn"
                ? .success(.arn(parts)) : .failure(RequestProblem(text: "is not an ARN"))
        case .numeric: return readable(DecimalNumber(value), RequestOperand.number, else: "is not a number")
        case .date: return readable(ConditionDate(value), RequestOperand.date, else: "is not a date")
        case .bool: return readable(Self.bool(value), RequestOperand.bool, else: "is neither \"true\" nor \"false\"")
        case .binary: return readable(Data(base64Encoded: value), RequestOperand.bytes, else: "is not base64")
        case .ipAddress: return readable(IPAddress(value), RequestOperand.address, else: "is not an IP address")
        }
    }

    private func matches(_ request: RequestOperand, _ policy: PolicyOperand) -> Bool {
        switch (request, policy) {
        case (.text(let value), .text(let text)):
            return family == .stringIgnoreCase ? value.lowercased() == text.lowercased() : value == text
        case (.text(let value), .pattern(let pattern)):
            return pattern.matches(value)
        case (.arn(let parts), .arn(let patterns)):
            return zip(patterns, parts).allSatisfy { $0.matches(String($1)) }
        case (.number(let value), .number(let number)):
            return relation.holds(value, number)
        case (.date(let value), .date(let date)):
            return relation.holds(value, date)
        case (.bool(let value), .bool(let bool)):
            return value == bool
        case (.bytes(let value), .bytes(let bytes)):
            return value == bytes
        case (.address(let address), .range(let range)):
            return range.contains(address)
        default:
            return false
        }
    }

    private static func problem(_ unresolved: UnresolvedVariable) -> String {
        "has a variable without a value (\(unresolved))"
    }

    private static func bool(_ text: String) -> Bool? {
        switch text.lowercased() {
        case "true": return true
        case "false": return false
        default: return nil
        }
    }
}

/// `text` in double quotes, with `"` and `\` escaped.
private func quoted(_ text: String) -> String {
    var out = "\""
    out.reserveCapacity(text.utf8.count + 2)
    for character in text {
        if character == "\"" || character == "\\" { out.append("\\") }
        out.append(character)
    }
    out.append("\"")
    return out
}

/// `["a", "b"]`, quoting each item unless it is already displayed.
private func list(_ items: [String], quoting: Bool = true) -> String {
    "[" + items.map { quoting ? quoted($0) : $0 }.joined(separator: ", ") + "]"
}
