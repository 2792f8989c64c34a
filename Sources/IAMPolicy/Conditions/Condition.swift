/// A condition operator as written, e.g. `ForAnyValue:StringNotLikeIfExists`.
public struct ConditionOperator: Sendable, Hashable, CustomStringConvertible {
    /// `ForAnyValue:` or `ForAllValues:`.
    public enum SetQualifier: String, Sendable, Hashable {
        case forAnyValue = "ForAnyValue"
        case forAllValues = "ForAllValues"
    }

    /// The operator without qualifier or `IfExists`.
    public enum Base: String, Sendable, Hashable, CaseIterable {
        case stringEquals = "StringEquals", stringNotEquals = "StringNotEquals"
        case stringEqualsIgnoreCase = "StringEqualsIgnoreCase", stringNotEqualsIgnoreCase = "StringNotEqualsIgnoreCase"
        case stringLike = "StringLike", stringNotLike = "StringNotLike"
        case numericEquals = "NumericEquals", numericNotEquals = "NumericNotEquals"
        case numericLessThan = "NumericLessThan", numericLessThanEquals = "NumericLessThanEquals"
        case numericGreaterThan = "NumericGreaterThan", numericGreaterThanEquals = "NumericGreaterThanEquals"
        case dateEquals = "DateEquals", dateNotEquals = "DateNotEquals"
        case dateLessThan = "DateLessThan", dateLessThanEquals = "DateLessThanEquals"
        case dateGreaterThan = "DateGreaterThan", dateGreaterThanEquals = "DateGreaterThanEquals"
        case bool = "Bool"
        case binaryEquals = "BinaryEquals"
        case ipAddress = "IpAddress", notIpAddress = "NotIpAddress"
        case arnEquals = "ArnEquals", arnLike = "ArnLike", arnNotEquals = "ArnNotEquals", arnNotLike = "ArnNotLike"
        case null = "Null"

        /// True for the operators that require the value to match none of the policy values.
        public var isNegated: Bool {
            [
                .stringNotEquals, .stringNotEqualsIgnoreCase, .stringNotLike, .numericNotEquals, .dateNotEquals,
                .notIpAddress, .arnNotEquals, .arnNotLike,
            ].contains(self)
        }
    }

    public var qualifier: SetQualifier?
    public var base: Base
    public var ifExists: Bool

    public init(qualifier: SetQualifier? = nil, base: Base, ifExists: Bool = false) {
        self.qualifier = qualifier
        self.base = base
        self.ifExists = ifExists
    }

    /// Parses an operator name; operator names are case-insensitive. Nil for an unknown operator or `NullIfExists`.
    public init?(parsing name: String) {
        var rest = Substring(name)
        var qualifier: SetQualifier?
        for candidate in [SetQualifier.forAnyValue, .forAllValues]
        where rest.lowercased().hasPrefix(candidate.rawValue.lowercased() + ":") {
            qualifier = candidate
            rest = rest.dropFirst(candidate.rawValue.count + 1)
        }
        var ifExists = false
        if rest.lowercased().hasSuffix("ifexists") {
            ifExists = true
            rest = rest.dropLast("IfExists".count)
        }
        guard let base = Base.allCases.first(where: { $0.rawValue.lowercased() == rest.lowercased() }) else {
            return nil
        }
        if base == .null && ifExists { return nil }
        self.init(qualifier: qualifier, base: base, ifExists: ifExists)
    }

    /// The canonical name, e.g. `ForAnyValue:StringEquals`.
    public var description: String {
        (qualifier.map { $0.rawValue + ":" } ?? "") + base.rawValue + (ifExists ? "IfExists" : "")
    }
}

/// One key test of a condition block: an operator, a context key and the policy's values (OR-ed, or NOR-ed when negated).
public struct Condition: Sendable, Hashable {
    public var conditionOperator: ConditionOperator
    /// The context key as written (matched case-insensitively).
    public var key: String
    /// The policy values, as strings (JSON booleans and numbers are converted to their text).
    public var values: [String]

    public init(_ conditionOperator: ConditionOperator, key: String, values: [String]) {
        self.conditionOperator = conditionOperator
        self.key = key
        self.values = values
    }
}

/// Whether a condition held for a request, and why, in words a user can act on.
public struct ConditionOutcome: Sendable, Equatable {
    public var matched: Bool
    /// The operator, the key and what happened, e.g. `StringEquals aws:PrincipalOrgID: key is missing, so no value
    /// matches` or `StringLike s3:prefix: "logs/" matches none of ["logs/AWSLogs/*"]`.
    public var explanation: String

    public init(matched: Bool, explanation: String) {
        self.matched = matched
        self.explanation = explanation
    }
}
