extension StringProtocol {
    /// The text as XML 1.0 character data or a double-quoted attribute value: `&`, `<`, `>`, `"` and `'` as
    /// entities; carriage returns (and, in attributes, tabs and newlines) as character references so parsers keep
    /// them; characters XML 1.0 cannot carry at all (C0 controls other than tab, newline and carriage return; DEL
    /// and C1 controls, which it discourages) written as visible `\u{…}` escapes.
    public func xmlEscaped(attribute: Bool = false) -> String {
        var result = ""
        result.reserveCapacity(utf8.count)
        for scalar in unicodeScalars {
            switch scalar {
            case "&": result += "&amp;"
            case "<": result += "&lt;"
            case ">": result += "&gt;"
            case "\"": result += "&quot;"
            case "'": result += "&apos;"
            case "\r": result += "&#13;"
            case "\n" where attribute: result += "&#10;"
            case "\t" where attribute: result += "&#9;"
            case "\n", "\t": result.unicodeScalars.append(scalar)
            default:
                switch scalar.value {
                case 0x00...0x1F, 0x7F...0x9F, 0xFFFE, 0xFFFF:
                    result += "\\u{" + String(scalar.value, radix: 16, uppercase: true) + "}"
                default:
                    result.unicodeScalars.append(scalar)
                }
            }
        }
        return result
    }
}
