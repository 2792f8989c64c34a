/// IAM policy variables such as `${aws:username}`, their defaults (`${aws:PrincipalTag/team, 'none'}`) and the
/// escapes `${*}`, `${?}` and `${$}`, which stand for a literal `*`, `?` and `$`.
///
/// Variables apply only to policies with `"Version": "2012-10-17"`; under any other version, or none, the text
/// is literal and callers must not pass it here (use ``PolicyPattern/init(wildcards:)`` instead). A variable
/// names a single-valued context key, matched case-insensitively. When the key is missing or multivalued and
/// the variable has no default, the text is "effectively null": these functions return nil, and the value
/// or resource it came from matches nothing. Text that looks like `${…}` but is not well formed stays literal.
public enum PolicyVariables {
    /// `text` with its variables and escapes replaced, for exact comparisons; nil when a variable has no value.
    public static func substitute(_ text: String, in context: RequestContext) -> String? {
        try? PolicyText(parsing: text).resolve(in: context).get().string
    }

    /// `text` as a wildcard pattern: a written `*` or `?` is a wildcard, while substituted values and escapes
    /// are literal. Nil when a variable has no value.
    public static func pattern(_ text: String, in context: RequestContext) -> PolicyPattern? {
        try? PolicyText(parsing: text).resolve(in: context).get().pattern
    }

    /// A `Resource` or `NotResource` entry as a pattern to match against a resource ARN.
    ///
    /// With `variables` (policy Version `2012-10-17`), variables and escapes are substituted only after the
    /// fifth colon, as IAM allows; before it, and in an entry with fewer than six parts, the text is literal.
    /// A written `*` or `?` is a wildcard everywhere. Nil when a variable has no value.
    public static func resourcePattern(_ text: String, in context: RequestContext, variables: Bool) -> PolicyPattern? {
        guard variables, text.contains("$" as Character) else { return PolicyPattern(wildcards: text) }
        let parts = PolicyText(parsing: text).split(separator: ":", maxSplits: 5)
        guard parts.count == 6 else { return PolicyPattern(wildcards: text) }
        let head = parts[..<5].map(\.source).joined(separator: ":") + ":"
        guard let tail = try? parts[5].resolve(in: context).get() else { return nil }
        return PolicyPattern(wildcards: head).appending(tail.pattern)
    }
}

/// A variable whose key has no usable value in the request, which makes the text it is in effectively null.
struct UnresolvedVariable: Error, Equatable, CustomStringConvertible {
    var name: String
    /// True when the key is present but multivalued; false when it is missing.
    var multivalued: Bool

    /// E.g. `aws:username is missing from the request`.
    var description: String {
        "\(name) is \(multivalued ? "multivalued in the request" : "missing from the request")"
    }
}

/// Policy text after variable substitution: written text, where `*` and `?` are wildcards, and substituted
/// text, which is literal.
struct ResolvedText {
    fileprivate var pieces: [(written: Bool, text: String)] = []

    /// The text with every substitution made, for exact comparison.
    var string: String { pieces.map(\.text).joined() }

    /// The text as a wildcard pattern.
    var pattern: PolicyPattern {
        pieces.reduce(PolicyPattern([])) { pattern, piece in
            pattern.appending(
                piece.written ? PolicyPattern(wildcards: piece.text) : PolicyPattern([.literal(piece.text)]))
        }
    }
}

/// Policy text split into written text, escapes and variables.
struct PolicyText {
    private enum Token {
        case text(String)
        case escape(Character)
        case variable(name: String, defaultValue: String?, source: String)
    }

    private var tokens: [Token]

    /// Text in which nothing is a variable.
    init(literal text: String) {
        tokens = [.text(text)]
    }

    /// Text in which well-formed `${…}` are variables or escapes.
    init(parsing text: String) {
        tokens = []
        var written = ""
        var rest = Substring(text)
        while let first = rest.first {
            if first == "$", let (token, after) = Self.braced(rest) {
                if !written.isEmpty { tokens.append(.text(written)) }
                written = ""
                tokens.append(token)
                rest = after
            } else {
                written.append(first)
                rest = rest.dropFirst()
            }
        }
        if !written.isEmpty { tokens.append(.text(written)) }
    }

    private init(tokens: [Token]) {
        self.tokens = tokens
    }

    /// The text as written.
    var source: String {
        tokens.map { token in
            switch token {
            case .text(let text): return text
            case .escape(let character): return "${\(character)}"
            case .variable(_, _, let source): return source
            }
        }.joined()
    }

    /// The parts between `separator`s in written text (never inside a variable), at most `maxSplits + 1`.
    func split(separator: Character, maxSplits: Int) -> [PolicyText] {
        var parts: [[Token]] = [[]]
        for token in tokens {
            guard case .text(let text) = token else {
                parts[parts.count - 1].append(token)
                continue
            }
            var current = ""
            for character in text {
                if character == separator, parts.count <= maxSplits {
                    if !current.isEmpty { parts[parts.count - 1].append(.text(current)) }
                    current = ""
                    parts.append([])
                } else {
                    current.append(character)
                }
            }
            if !current.isEmpty { parts[parts.count - 1].append(.text(current)) }
        }
        return parts.map(PolicyText.init(tokens:))
    }

    /// The text with variables replaced by the request's values, or the first variable without a value.
    func resolve(in context: RequestContext) -> Result<ResolvedText, UnresolvedVariable> {
        var resolved = ResolvedText()
        for token in tokens {
            switch token {
            case .text(let text):
                resolved.pieces.append((true, text))
            case .escape(let character):
                resolved.pieces.append((false, String(character)))
            case .variable(let name, let defaultValue, _):
                switch (context[name], defaultValue) {
                case (.single(let value)?, _):
                    resolved.pieces.append((false, value))
                case (_, let defaultValue?):
                    resolved.pieces.append((false, defaultValue))
                case (let value, nil):
                    return .failure(UnresolvedVariable(name: name, multivalued: value != nil))
                }
            }
        }
        return .success(resolved)
    }

    /// Reads a `${…}` at the start of `text`: an escape, `${key}` or `${key, 'default'}`. Nil when malformed.
    private static func braced(_ text: Substring) -> (Token, rest: Substring)? {
        guard text.hasPrefix("${") else { return nil }
        let body = text.dropFirst(2)
        for escape: Character in ["*", "?", "$"] where body.hasPrefix("\(escape)}") {
            return (.escape(escape), body.dropFirst(2))
        }
        guard let nameEnd = body.firstIndex(where: { $0 == "," || $0 == "}" }) else { return nil }
        let name = trimmed(body[..<nameEnd])
        guard !name.isEmpty, !name.contains(where: { "${}'".contains($0) }) else { return nil }
        var defaultValue: String?
        var rest = body[nameEnd...]
        if rest.first == "," {
            rest = rest.dropFirst().drop(while: \.isWhitespace)
            guard rest.first == "'" else { return nil }
            rest = rest.dropFirst()
            guard let quoteEnd = rest.firstIndex(of: "'") else { return nil }
            defaultValue = String(rest[..<quoteEnd])
            rest = rest[quoteEnd...].dropFirst().drop(while: \.isWhitespace)
        }
        guard rest.first == "}" else { return nil }
        let after = rest.dropFirst()
        let source = String(text[..<after.startIndex])
        return (.variable(name: String(name), defaultValue: defaultValue, source: source), after)
    }

    private static func trimmed(_ text: Substring) -> Substring {
        let start = text.drop(while: \.isWhitespace)
        var end = start.endIndex
        while end > start.startIndex, start[start.index(before: end)].isWhitespace { end = start.index(before: end) }
        return start[..<end]
    }
}
