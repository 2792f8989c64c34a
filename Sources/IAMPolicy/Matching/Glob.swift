/// Matching with IAM's wildcards: `*` matches any run of characters (including none), `?` exactly one.
public enum Glob {
    /// True when `value` matches `pattern`; `caseInsensitive` folds both (used for actions).
    public static func matches(_ pattern: String, _ value: String, caseInsensitive: Bool = false) -> Bool {
        if pattern == "*" { return true }
        if !hasWildcard(pattern) {
            return caseInsensitive ? pattern.lowercased() == value.lowercased() : pattern == value
        }
        let p = Array((caseInsensitive ? pattern.lowercased() : pattern).unicodeScalars)
        let v = Array((caseInsensitive ? value.lowercased() : value).unicodeScalars)
        var pi = 0
        var vi = 0
        var starIndex: Int?
        var resume = 0
        while vi < v.count {
            if pi < p.count, p[pi] == "?" || (p[pi] == v[vi] && p[pi] != "*") {
                pi += 1
                vi += 1
            } else if pi < p.count, p[pi] == "*" {
                starIndex = pi
                resume = vi
                pi += 1
            } else if let star = starIndex {
                pi = star + 1
                resume += 1
                vi = resume
            } else {
                return false
            }
        }
        while pi < p.count, p[pi] == "*" { pi += 1 }
        return pi == p.count
    }

    /// True when the text contains a wildcard character.
    public static func hasWildcard(_ text: String) -> Bool {
        text.utf8.contains { $0 == UInt8(ascii: "*") || $0 == UInt8(ascii: "?") }
    }
}
