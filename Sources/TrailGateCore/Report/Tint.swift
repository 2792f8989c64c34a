/// The ANSI colours of the text reports.
enum Tint: String {
    case green = "32", red = "31", yellow = "33", magenta = "35", cyan = "36", dim = "2"

    /// `text` in `tint` (and bold) when `colour` is on; unchanged otherwise.
    static func paint(_ text: String, _ tint: Tint?, bold: Bool = false, colour: Bool) -> String {
        guard colour else { return text }
        let codes = (bold ? ["1"] : []) + (tint.map { [$0.rawValue] } ?? [])
        guard !codes.isEmpty else { return text }
        return "\u{1B}[\(codes.joined(separator: ";"))m\(text)\u{1B}[0m"
    }
}
