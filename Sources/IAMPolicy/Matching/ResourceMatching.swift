/// `Resource`/`NotResource` matching: case-sensitive, `*` and `?`, policy variables under version 2012-10-17.
enum ResourceMatching {
    static func matches(_ statement: Statement, resource: String, context: RequestContext, variables: Bool) -> Bool {
        if let resources = statement.resources {
            return resources.contains {
                matches(pattern: $0, resource: resource, context: context, variables: variables)
            }
        }
        if let notResources = statement.notResources {
            return !notResources.contains {
                matches(pattern: $0, resource: resource, context: context, variables: variables)
            }
        }
        return true
    }

    /// A pattern whose variable has no value matches nothing.
    static func matches(pattern: String, resource: String, context: RequestContext, variables: Bool) -> Bool {
        guard variables, pattern.contains("$" as Character) else { return Glob.matches(pattern, resource) }
        return PolicyVariables.resourcePattern(pattern, in: context, variables: variables)?.matches(resource) ?? false
    }

    static func describe(_ statement: Statement) -> String {
        if let resources = statement.resources { return "Resource " + resources.joined(separator: ", ") }
        if let notResources = statement.notResources { return "NotResource " + notResources.joined(separator: ", ") }
        return "no Resource element"
    }
}

extension Statement {
    /// True when the statement's `Resource`/`NotResource` could cover some ARN starting with `prefix`. Sound
    /// over-approximation: a pattern counts when its text before the first wildcard or variable and `prefix`
    /// agree on their common length.
    public func mayCover(resourcesWithPrefix prefix: String) -> Bool {
        func compatible(_ pattern: String) -> Bool {
            let literal = pattern.prefix { $0 != "*" && $0 != "?" && $0 != "$" }
            if literal.count == pattern.count { return pattern.hasPrefix(prefix) }
            return literal.hasPrefix(prefix) || prefix.hasPrefix(literal)
        }
        if let resources { return resources.contains(where: compatible) }
        if let notResources { return !notResources.contains { $0 == "*" } }
        return true
    }
}
