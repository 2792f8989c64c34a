/// Quotes text for a POSIX shell: single quotes, with embedded single quotes closed and escaped.
func shellQuoted(_ text: String) -> String {
    "'" + text.replacingOccurrences(of: "'", with: #"'\''"#) + "'"
}

/// One argument of a printed shell command: as it is when every character is known to be safe in a POSIX shell
/// (letters, digits and `@%+=:,./_-`, as Python's `shlex.quote` decides), else single-quoted, so that pasting a
/// command built from a snapshot's values never runs anything else.
public func shellWord(_ text: String) -> String {
    let safe =
        !text.isEmpty
        && text.utf8.allSatisfy { byte in
            switch byte {
            case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "A")...UInt8(ascii: "Z"),
                UInt8(ascii: "0")...UInt8(ascii: "9"):
                return true
            default:
                return "@%+=:,./_-".utf8.contains(byte)
            }
        }
    return safe ? text : shellQuoted(text)
}
