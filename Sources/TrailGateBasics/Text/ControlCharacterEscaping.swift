extension StringProtocol {
    /// The text with control characters (C0, DEL, C1) and Unicode bidirectional controls written as `\u{…}`
    /// escapes, so that printing text read from a file cannot move the cursor, recolour the terminal or reorder what
    /// is shown. Newlines and tabs stay as they are when `keepingLineBreaks` is true.
    public func escapingControlCharacters(keepingLineBreaks: Bool = false) -> String {
        guard unicodeScalars.contains(where: { $0.isUnsafeOnTerminal(keepingLineBreaks: keepingLineBreaks) }) else {
            return String(self)
        }
        var result = ""
        for scalar in unicodeScalars {
            if scalar.isUnsafeOnTerminal(keepingLineBreaks: keepingLineBreaks) {
                result += "\\u{" + String(scalar.value, radix: 16, uppercase: true) + "}"
            } else {
                result.unicodeScalars.append(scalar)
            }
        }
        return result
    }
}

extension Unicode.Scalar {
    fileprivate func isUnsafeOnTerminal(keepingLineBreaks: Bool) -> Bool {
        switch value {
        case 0x0A, 0x09: return !keepingLineBreaks
        case 0x00...0x1F, 0x7F...0x9F: return true
        case 0x200E, 0x200F, 0x202A...0x202E, 0x2066...0x2069: return true
        default: return false
        }
    }
}
