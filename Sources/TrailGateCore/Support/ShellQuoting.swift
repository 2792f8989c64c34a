/// Quotes text for a POSIX shell: single quotes, with embedded single quotes closed and escaped.
func shellQuoted(_ text: String) -> String {
    "'" + text.replacingOccurrences(of: "'", with: #"'\''"#) + "'"
}
