/// POSIX shell-style word splitting as Python's `shlex.split` does it (no comments, no variable expansion), which
/// the AWS CLI uses for `[profile "name"]` section headers and `credential_process` commands.
enum ShellWords {
    struct UnterminatedQuote: Error {}

    /// The words of `text`: whitespace separates words; `'…'` is literal; inside `"…"` a backslash escapes only
    /// `\`, `"`, `$`, `` ` `` and a newline; outside quotes a backslash escapes any character.
    static func split(_ text: String) throws(UnterminatedQuote) -> [String] {
        var words: [String] = []
        var word = ""
        var inWord = false
        var iterator = Array(text).makeIterator()
        while let character = iterator.next() {
            switch character {
            case " ", "\t", "\n", "\r":
                if inWord { words.append(word); word = ""; inWord = false }
            case "'":
                inWord = true
                var closed = false
                while let next = iterator.next() {
                    if next == "'" { closed = true; break }
                    word.append(next)
                }
                if !closed { throw UnterminatedQuote() }
            case "\"":
                inWord = true
                var closed = false
                while let next = iterator.next() {
                    if next == "\"" { closed = true; break }
                    if next == "\\" {
                        guard let escaped = iterator.next() else { break }
                        if !["\\", "\"", "$", "`", "\n"].contains(escaped) { word.append("\\") }
                        word.append(escaped)
                    } else {
                        word.append(next)
                    }
                }
                if !closed { throw UnterminatedQuote() }
            case "\\":
                inWord = true
                guard let escaped = iterator.next() else { throw UnterminatedQuote() }
                word.append(escaped)
            default:
                inWord = true
                word.append(character)
            }
        }
        if inWord { words.append(word) }
        return words
    }
}
