import TrailGateBasics

/// Escaping for GitHub-flavoured Markdown: text from the snapshot must not open tags, end table cells or close
/// code blocks.
enum MarkdownText {
    /// `text` with `&`, `<` and `>` as entities and control characters escaped: safe inside a paragraph or a
    /// `<summary>`.
    static func inline(_ text: String) -> String {
        var escaped = ""
        for character in text.escapingControlCharacters() {
            switch character {
            case "&": escaped += "&amp;"
            case "<": escaped += "&lt;"
            case ">": escaped += "&gt;"
            default: escaped.append(character)
            }
        }
        return escaped
    }

    /// `text` safe inside a table cell: as ``inline(_:)``, with `|` escaped and line breaks as `<br>`.
    static func cell(_ text: String) -> String {
        let lines = text.split(omittingEmptySubsequences: false, whereSeparator: \.isNewline)
        return lines.map { inline(String($0)).replacingOccurrences(of: "|", with: "\\|") }.joined(separator: "<br>")
    }

    /// `text` as inline code, with a backtick run longer than any inside it.
    static func code(_ text: String) -> String {
        let ticks = String(repeating: "`", count: longestBacktickRun(in: text) + 1)
        let padding = text.hasPrefix("`") || text.hasSuffix("`") ? " " : ""
        return ticks + padding + text.escapingControlCharacters() + padding + ticks
    }

    /// `lines` in a fenced code block of `language`, with a fence longer than any backtick run inside.
    static func fenced(_ lines: [String], language: String) -> [String] {
        let fence = String(repeating: "`", count: max(3, lines.map(longestBacktickRun).max().map { $0 + 1 } ?? 3))
        return [fence + language] + lines.map { $0.escapingControlCharacters(keepingLineBreaks: true) } + [fence]
    }

    private static func longestBacktickRun(in text: String) -> Int {
        var longest = 0
        var run = 0
        for character in text {
            run = character == "`" ? run + 1 : 0
            longest = max(longest, run)
        }
        return longest
    }
}
