import OrderedJSON

/// One statement of a policy document, parsed, with its JSON as written.
public struct Statement: Sendable {
    public enum Effect: String, Sendable {
        case allow = "Allow"
        case deny = "Deny"
    }

    /// Position in the policy's `Statement` list (0-based).
    public var index: Int
    public var sid: String?
    public var effect: Effect
    /// `Principal`; nil when the statement has none (identity policies).
    public var principal: PrincipalSet?
    /// `NotPrincipal`.
    public var notPrincipal: PrincipalSet?
    /// `Action` patterns, or nil when the statement uses `NotAction`.
    public var actions: [String]?
    public var notActions: [String]?
    /// `Resource` patterns, or nil when the statement uses `NotResource` or has neither.
    public var resources: [String]?
    public var notResources: [String]?
    /// The condition block, flattened: all must hold.
    public var conditions: [Condition]
    /// The statement exactly as written.
    public var json: JSONValue

    /// `Sid` or `#<index>` for messages.
    public var label: String { sid.map { "\"\($0)\"" } ?? "#\(index + 1)" }

    init(json: JSONValue, index: Int, path: String) throws(PolicyError) {
        guard case .object(let members) = json else {
            throw PolicyError(path: path, reason: "a statement must be an object")
        }
        self.index = index
        self.json = json
        let known: Set<String> = [
            "Sid", "Effect", "Principal", "NotPrincipal", "Action", "NotAction", "Resource",
            "NotResource", "Condition",
        ]
        if let unknown = members.first(where: { !known.contains($0.key) }) {
            throw PolicyError(path: "\(path).\(unknown.key)", reason: "unknown statement element")
        }
        switch json["Sid"] {
        case nil: sid = nil
        case .string(let s)?: sid = s
        default: throw PolicyError(path: "\(path).Sid", reason: "expected a string")
        }
        switch json["Effect"] {
        case .string("Allow")?: effect = .allow
        case .string("Deny")?: effect = .deny
        case nil: throw PolicyError(path: "\(path).Effect", reason: "required element is missing")
        default: throw PolicyError(path: "\(path).Effect", reason: "expected \"Allow\" or \"Deny\"")
        }
        if json["Principal"] != nil && json["NotPrincipal"] != nil {
            throw PolicyError(path: path, reason: "a statement cannot have both Principal and NotPrincipal")
        }
        principal = try json["Principal"].map { value throws(PolicyError) in
            try PrincipalSet(json: value, path: "\(path).Principal")
        }
        notPrincipal = try json["NotPrincipal"].map { value throws(PolicyError) in
            try PrincipalSet(json: value, path: "\(path).NotPrincipal")
        }
        (actions, notActions) = try Self.pair(json, "Action", "NotAction", path: path, required: true)
        (resources, notResources) = try Self.pair(json, "Resource", "NotResource", path: path, required: false)
        conditions =
            try json["Condition"].map { value throws(PolicyError) in
                try Self.conditions(value, path: "\(path).Condition")
            } ?? []
    }

    private static func pair(
        _ json: JSONValue, _ positive: String, _ negative: String, path: String,
        required: Bool
    ) throws(PolicyError) -> ([String]?, [String]?) {
        switch (json[positive], json[negative]) {
        case (.some, .some):
            throw PolicyError(path: path, reason: "a statement cannot have both \(positive) and \(negative)")
        case (let value?, nil):
            return (try PolicyDocument.strings(value, path: "\(path).\(positive)"), nil)
        case (nil, let value?):
            return (nil, try PolicyDocument.strings(value, path: "\(path).\(negative)"))
        case (nil, nil):
            if required { throw PolicyError(path: path, reason: "a statement needs \(positive) or \(negative)") }
            return (nil, nil)
        }
    }

    private static func conditions(_ json: JSONValue, path: String) throws(PolicyError) -> [Condition] {
        guard case .object(let operators) = json else {
            throw PolicyError(path: path, reason: "expected an object of operators")
        }
        var conditions: [Condition] = []
        for (name, block) in operators {
            guard let op = ConditionOperator(parsing: name) else {
                throw PolicyError(path: "\(path).\(name)", reason: "unknown condition operator")
            }
            guard case .object(let keys) = block else {
                throw PolicyError(path: "\(path).\(name)", reason: "expected an object of condition keys")
            }
            var seen: Set<String> = []
            for (key, value) in keys {
                guard seen.insert(key.lowercased()).inserted else {
                    throw PolicyError(
                        path: "\(path).\(name).\(key)", reason: "the same key appears twice with different case")
                }
                let values = try PolicyDocument.conditionValues(value, path: "\(path).\(name).\(key)")
                conditions.append(Condition(op, key: key, values: values))
            }
        }
        return conditions
    }
}
