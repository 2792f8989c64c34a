/// Matching with IAM's wildcards: `*` matches any run of characters (including none), `?` exactly one.
public enum Glob {
    /// True when `value` matches `pattern`; `caseInsensitive` folds both (used for actions).
    public static func matches(_ pattern: String, _ value: String, caseInsensitive: Bool = false) -> Bool {
        if pattern == "*" { return true }
        if !hasWildcard(pattern) {
            return caseInsensitive ? pattern.lowercased() == value.lowercased() : pattern == value
        }
        return PolicyPattern.matches(wildcards: pattern, value, caseInsensitive: caseInsensitive)
    }

    /// True when the text contains a wildcard character.
    public static func hasWildcard(_ text: String) -> Bool {
        text.utf8.contains { $0 == UInt8(ascii: "*") || $0 == UInt8(ascii: "?") }
    }
}
