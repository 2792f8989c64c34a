/// Reads the tables that document registries (checks, investigations), so tests can compare them with the code.
public enum MarkdownTable {
    /// The code spans that open the rows (`` | `name` | … ``) of the first table after the heading `heading`,
    /// up to the next heading.
    public static func firstColumn(of text: String, after heading: String) -> [String] {
        guard let section = text.components(separatedBy: heading).dropFirst().first else { return [] }
        return section.split(separator: "\n")
            .prefix { !$0.hasPrefix("#") }
            .compactMap { line -> String? in
                guard line.hasPrefix("| `") else { return nil }
                return line.dropFirst(3).split(separator: "`").first.map(String.init)
            }
    }
}
