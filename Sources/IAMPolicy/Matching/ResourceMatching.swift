/// `Resource`/`NotResource` matching: case-sensitive, `*` and `?`, policy variables under version 2012-10-17.
enum ResourceMatching {
    static func matches(_ statement: Statement, resource: String, context: RequestContext, variables: Bool) -> Bool {
        if let resources = statement.resources {
            return resources.contains { matches(pattern: $0, resource: resource, context: context, variables: variables) }
        }
        if let notResources = statement.notResources {
            return !notResources.contains { matches(pattern: $0, resource: resource, context: context, variables: variables) }
        }
        return true
    }

    static func matches(pattern: String, resource: String, context: RequestContext, variables: Bool) -> Bool {
        Glob.matches(pattern, resource)
    }

    static func describe(_ statement: Statement) -> String {
        if let resources = statement.resources { return "Resource " + resources.joined(separator: ", ") }
        if let notResources = statement.notResources { return "NotResource " + notResources.joined(separator: ", ") }
        return "no Resource element"
    }
}
