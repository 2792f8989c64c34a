/// `Action`/`NotAction` matching: case-insensitive, with `*` and `?`.
enum ActionMatching {
    static func matches(_ statement: Statement, action: String) -> Bool {
        if let actions = statement.actions {
            return actions.contains { Glob.matches($0, action, caseInsensitive: true) }
        }
        if let notActions = statement.notActions {
            return !notActions.contains { Glob.matches($0, action, caseInsensitive: true) }
        }
        return false
    }

    static func describe(_ statement: Statement) -> String {
        if let actions = statement.actions { return "Action " + actions.joined(separator: ", ") }
        return "NotAction " + (statement.notActions ?? []).joined(separator: ", ")
    }
}

extension Statement {
    /// True when the statement's `Action`/`NotAction` covers `action`.
    public func covers(action: String) -> Bool { ActionMatching.matches(self, action: action) }
}
