/// One value of a query's result, typed as SQLite or Athena typed it, so that JSON can print numbers as numbers.
public enum ResultValue: Sendable, Hashable {
    case null
    /// An integer or a real, in the text SQLite or Athena gave it (`178`, `0.25`, `1e+20`).
    case number(String)
    /// Text (and SQLite blobs, read as UTF-8).
    case text(String)

    /// The value as text, as the table and CSV print it; nil for NULL.
    public var text: String? {
        switch self {
        case .null: return nil
        case .number(let text), .text(let text): return text
        }
    }

    /// A SQLite real as the query engine returns it: a number, or text for an infinity or NaN (JSON has no such
    /// number).
    init(real: Double) {
        self = real.isFinite ? .number(String(real)) : .text(String(real))
    }

    /// The Athena column types whose values are numbers (`ColumnInfo.Type` in `ResultSetMetadata`).
    public static let athenaNumberTypes: Set<String> = [
        "tinyint", "smallint", "integer", "int", "bigint", "float", "real", "double", "decimal",
    ]

    /// A value of Athena's GetQueryResults: `VarCharValue` (nil for NULL) in a column of `type`. A number column's
    /// value that does not read as a number (`NaN`, `Infinity`) stays text.
    public init(athena value: String?, type: String?) {
        guard let value else {
            self = .null
            return
        }
        let isNumberColumn = type.map { Self.athenaNumberTypes.contains($0.lowercased()) } ?? false
        self = isNumberColumn && Self.isFiniteNumber(value) ? .number(value) : .text(value)
    }

    /// True when `text` reads as a finite number (an integer, a decimal or an exponent form).
    static func isFiniteNumber(_ text: String) -> Bool {
        Int64(text) != nil || Double(text)?.isFinite == true
    }
}

extension ResultValue: ExpressibleByStringInterpolation, ExpressibleByNilLiteral {
    /// Text.
    public init(stringLiteral value: String) {
        self = .text(value)
    }

    /// NULL.
    public init(nilLiteral: ()) {
        self = .null
    }
}
