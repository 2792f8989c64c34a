import OrderedJSON

/// A parsed IAM policy document (identity, resource, key, SCP, RCP, boundary or session policy).
public struct PolicyDocument: Sendable {
    /// `2012-10-17`, `2008-10-17`, or nil when absent.
    public var version: String?
    public var id: String?
    public var statements: [Statement]
    /// The document exactly as given.
    public var json: JSONValue
    /// How explanations name the policy, e.g. `SCP p-abc123 "deny-regions" attached to r-ab12`; not part of the
    /// JSON, set by the caller. Without it the evaluator names the policy by its role and position.
    public var name: String?

    /// Policy variables (`${aws:username}`) are only interpreted under version 2012-10-17.
    public var variablesEnabled: Bool { version == "2012-10-17" }

    /// Parses policy JSON text; errors name the line and column, or the element, at fault.
    public init(text: String) throws(PolicyError) {
        let json: JSONValue
        do {
            json = try JSONValue.parse(text)
        } catch {
            throw PolicyError(path: "$", reason: "not valid JSON (\(error.description))")
        }
        try self.init(json: json)
    }

    /// Reads a parsed policy document, checking the grammar of every element TrailGate evaluates.
    public init(json: JSONValue) throws(PolicyError) {
        guard case .object(let members) = json else {
            throw PolicyError(path: "$", reason: "a policy must be a JSON object")
        }
        self.json = json
        if let unknown = members.first(where: { !["Version", "Id", "Statement"].contains($0.key) }) {
            throw PolicyError(path: unknown.key, reason: "unknown policy element")
        }
        switch json["Version"] {
        case nil: version = nil
        case .string(let v)? where v == "2012-10-17" || v == "2008-10-17": version = v
        default: throw PolicyError(path: "Version", reason: "expected \"2012-10-17\" or \"2008-10-17\"")
        }
        switch json["Id"] {
        case nil: id = nil
        case .string(let s)?: id = s
        default: throw PolicyError(path: "Id", reason: "expected a string")
        }
        switch json["Statement"] {
        case .array(let elements)?:
            var statements: [Statement] = []
            for (index, element) in elements.enumerated() {
                statements.append(try Statement(json: element, index: index, path: "Statement[\(index)]"))
            }
            self.statements = statements
        case let single? where single.isObject:
            statements = [try Statement(json: single, index: 0, path: "Statement")]
        case nil:
            throw PolicyError(path: "Statement", reason: "required element is missing")
        default:
            throw PolicyError(path: "Statement", reason: "expected a statement object or an array of them")
        }
    }

    /// A string or an array of strings.
    static func strings(_ value: JSONValue, path: String) throws(PolicyError) -> [String] {
        switch value {
        case .string(let s): return [s]
        case .array(let elements):
            var out: [String] = []
            for (i, element) in elements.enumerated() {
                guard case .string(let s) = element else {
                    throw PolicyError(path: "\(path)[\(i)]", reason: "expected a string")
                }
                out.append(s)
            }
            return out
        default: throw PolicyError(path: path, reason: "expected a string or an array of strings")
        }
    }

    /// Condition values: strings, booleans or numbers, alone or in an array, all read as text.
    static func conditionValues(_ value: JSONValue, path: String) throws(PolicyError) -> [String] {
        func text(_ v: JSONValue, _ path: String) throws(PolicyError) -> String {
            switch v {
            case .string(let s): return s
            case .bool(let b): return b ? "true" : "false"
            case .int(let i): return String(i)
            case .double: return v.serialized()
            default: throw PolicyError(path: path, reason: "expected a string, boolean or number")
            }
        }
        if case .array(let elements) = value {
            var out: [String] = []
            for (i, element) in elements.enumerated() { out.append(try text(element, "\(path)[\(i)]")) }
            return out
        }
        return [try text(value, path)]
    }
}

extension JSONValue {
    var isObject: Bool {
        if case .object = self { return true }
        return false
    }
}
