/// A policy string ready for wildcard matching, with literal text kept apart from the wildcards.
///
/// Only `*` and `?` written in the policy become wildcards. A character that comes from a substituted
/// variable, a default value or an escape such as `${*}` is literal, so `test${aws:username}` with the
/// user name `Bob*` matches only `testBob*`.
public struct PolicyPattern: Sendable, Hashable, CustomStringConvertible {
    /// One piece of a pattern.
    public enum Element: Sendable, Hashable {
        /// Text that must appear exactly.
        case literal(String)
        /// `*`: any run of characters, including none.
        case anyRun
        /// `?`: exactly one character.
        case anyOne
    }

    /// The pieces in order; adjacent literals are merged and empty literals dropped.
    public private(set) var elements: [Element]

    /// A pattern made of `elements`.
    public init(_ elements: [Element]) {
        self.elements = []
        for element in elements { append(element) }
    }

    /// Reads `*` and `?` in `text` as wildcards and every other character as literal (no variables).
    public init(wildcards text: String) {
        self.init([])
        var literal = ""
        for character in text {
            switch character {
            case "*", "?":
                append(.literal(literal))
                literal = ""
                append(character == "*" ? .anyRun : .anyOne)
            default:
                literal.append(character)
            }
        }
        append(.literal(literal))
    }

    /// The pattern followed by `other`.
    func appending(_ other: PolicyPattern) -> PolicyPattern {
        PolicyPattern(elements + other.elements)
    }

    /// True when the pattern matches the whole of `value`; `caseInsensitive` folds both sides.
    public func matches(_ value: String, caseInsensitive: Bool = false) -> Bool {
        Self.match(tokens(caseInsensitive: caseInsensitive), caseInsensitive ? value.lowercased() : value)
    }

    /// True when `pattern`, read as ``init(wildcards:)`` reads it, matches the whole of `value`, without building
    /// the pattern's elements (the evaluator's hot path for actions and resources).
    public static func matches(wildcards pattern: String, _ value: String, caseInsensitive: Bool = false) -> Bool {
        let text = caseInsensitive ? pattern.lowercased() : pattern
        let tokens = text.unicodeScalars.map { scalar -> Token in
            scalar == "*" ? .run : scalar == "?" ? .one : .scalar(scalar)
        }
        return match(tokens, caseInsensitive ? value.lowercased() : value)
    }

    /// Greedy matching with backtracking to the last `*`, over the value's scalars in place.
    private static func match(_ pattern: [Token], _ value: String) -> Bool {
        let scalars = value.unicodeScalars
        var pi = 0
        var vi = scalars.startIndex
        var lastRun: Int?
        var resume = vi
        while vi < scalars.endIndex {
            if pi < pattern.count, pattern[pi] == .one || pattern[pi] == .scalar(scalars[vi]) {
                pi += 1
                vi = scalars.index(after: vi)
            } else if pi < pattern.count, pattern[pi] == .run {
                lastRun = pi
                resume = vi
                pi += 1
            } else if let run = lastRun {
                pi = run + 1
                resume = scalars.index(after: resume)
                vi = resume
            } else {
                return false
            }
        }
        while pi < pattern.count, pattern[pi] == .run { pi += 1 }
        return pi == pattern.count
    }

    /// The pattern in policy syntax: wildcards as `*` and `?`, a literal `*` or `?` as `${*}` or `${?}`.
    public var description: String {
        elements.map { element in
            switch element {
            case .literal(let text):
                return text.map { $0 == "*" || $0 == "?" ? "${\($0)}" : String($0) }.joined()
            case .anyRun: return "*"
            case .anyOne: return "?"
            }
        }.joined()
    }

    private enum Token: Equatable {
        case scalar(Unicode.Scalar)
        case run
        case one
    }

    private func tokens(caseInsensitive: Bool) -> [Token] {
        elements.flatMap { element -> [Token] in
            switch element {
            case .literal(let text):
                return (caseInsensitive ? text.lowercased() : text).unicodeScalars.map(Token.scalar)
            case .anyRun: return [.run]
            case .anyOne: return [.one]
            }
        }
    }

    private mutating func append(_ element: Element) {
        switch (elements.last, element) {
        case (_, .literal("")):
            return
        case (.literal(let previous)?, .literal(let text)):
            elements[elements.count - 1] = .literal(previous + text)
        default:
            elements.append(element)
        }
    }
}
