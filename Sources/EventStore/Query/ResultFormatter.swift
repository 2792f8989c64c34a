import Foundation
import OrderedJSON
import TrailGateBasics

/// How query results are printed.
public enum ResultFormat: String, Sendable, CaseIterable {
    /// Aligned columns for people; long values may be cut in the middle (``ResultFormatter/cellLimit``). Widths are
    /// set by the first ``ResultFormatter/tableSizingRows`` rows; a later, wider value pushes its row's columns right.
    case table
    /// An array of objects, one per row, keys in column order; integers and reals as numbers, NULL as `null`, text
    /// as strings.
    case json
    /// RFC 4180: a header line, values quoted when they hold a comma, quote or line break; NULL as an empty field.
    case csv
}

/// Renders columns and rows in a ``ResultFormat`` as they come: text is handed out in chunks of about
/// ``chunkBytes``, so a result of any size is printed in bounded memory (the table holds its first
/// ``tableSizingRows`` rows to size its columns).
public struct ResultFormatter: Sendable {
    /// The most characters of a table cell on a terminal: longer values are cut in the middle.
    public static let terminalCellLimit = 80
    /// Rows the table reads before it fixes its column widths.
    public static let tableSizingRows = 1000
    /// About how much text gathers before ``add(_:)`` hands it out.
    public static let chunkBytes = 64 << 10

    public let columns: [String]
    public let format: ResultFormat
    /// The most characters a table cell shows, or nil to show every value whole.
    public let cellLimit: Int?
    private var pending = ""
    private var rowCount = 0
    /// The table's first rows, cut and on one line, until its widths are fixed.
    private var sizingRows: [[String]] = []
    private var widths: [Int]?

    /// A formatter for rows of `columns`; a table cuts values longer than `cellLimit` characters in the middle
    /// (nil: never).
    public init(columns: [String], format: ResultFormat, cellLimit: Int? = nil) {
        self.columns = columns
        self.format = format
        self.cellLimit = cellLimit
        if format == .csv { pending = Self.csvLine(columns.map { .text($0) }) }
    }

    /// The whole output for `rows` at once.
    public static func render(
        columns: [String], rows: [[ResultValue]], as format: ResultFormat, cellLimit: Int? = nil
    ) -> String {
        var formatter = ResultFormatter(columns: columns, format: format, cellLimit: cellLimit)
        var output = ""
        for row in rows { if let chunk = formatter.add(row) { output += chunk } }
        return output + formatter.finish()
    }

    /// Adds a row (one value per column); returns the text to write when a chunk is ready.
    public mutating func add(_ row: [ResultValue]) -> String? {
        rowCount += 1
        switch format {
        case .json:
            pending += rowCount == 1 ? "[\n  " : ",\n  "
            var writer = JSONWriter(layout: .spaced)
            writer.beginObject()
            for (column, value) in zip(columns, row) {
                writer.name(column)
                switch value {
                case .null: writer.null()
                case .text(let text): writer.string(text)
                case .number(let text):
                    if let integer = Int(text) {
                        writer.number(integer)
                    } else if let real = Double(text), real.isFinite {
                        writer.number(real)
                    } else {
                        writer.string(text)
                    }
                }
            }
            writer.endObject()
            pending += writer.output
        case .csv:
            pending += Self.csvLine(row)
        case .table:
            let cells = row.map { Self.tableCell($0.text, limit: cellLimit) }
            if let widths {
                pending += Self.tableLine(cells, widths)
            } else {
                sizingRows.append(cells)
                if sizingRows.count >= Self.tableSizingRows { fixWidths() }
            }
        }
        guard pending.utf8.count >= Self.chunkBytes else { return nil }
        defer { pending = "" }
        return pending
    }

    /// The rest of the output, ending it.
    public mutating func finish() -> String {
        switch format {
        case .json: pending += rowCount == 0 ? "[]\n" : "\n]\n"
        case .csv: break
        case .table:
            if widths == nil { fixWidths() }
            pending += "(\(rowCount) row\(rowCount == 1 ? "" : "s"))\n"
        }
        defer { pending = "" }
        return pending
    }

    /// Sizes the table's columns from the header and the rows held, then writes them.
    private mutating func fixWidths() {
        var widths = columns.map(\.count)
        for row in sizingRows {
            for (index, cell) in row.enumerated() where index < widths.count {
                widths[index] = max(widths[index], cell.count)
            }
        }
        pending += Self.tableLine(columns, widths)
        pending += Self.tableLine(widths.map { String(repeating: "-", count: $0) }, widths)
        for row in sizingRows { pending += Self.tableLine(row, widths) }
        sizingRows = []
        self.widths = widths
    }

    /// A value as a table shows it: on one line, control characters escaped, NULL as `NULL`, and cut to `limit`.
    static func tableCell(_ value: String?, limit: Int?) -> String {
        let text = (value ?? "NULL").replacingLineBreaks.escapingControlCharacters()
        guard let limit else { return text }
        return cutInTheMiddle(text, limit: limit)
    }

    /// `text` if it has at most `limit` characters, else its first third and its last two thirds around `…`, so
    /// that values which differ only at the end (ARNs, session names) still read apart.
    public static func cutInTheMiddle(_ text: String, limit: Int) -> String {
        guard text.count > limit else { return text }
        guard limit > 1 else { return "…" }
        let head = (limit - 1) / 3
        return String(text.prefix(head)) + "…" + String(text.suffix(limit - 1 - head))
    }

    private static func tableLine(_ values: [String], _ widths: [Int]) -> String {
        values.enumerated().map { index, value in
            guard index < values.count - 1, index < widths.count else { return value }
            return value + String(repeating: " ", count: max(0, widths[index] - value.count))
        }.joined(separator: "  ") + "\n"
    }

    private static func csvLine(_ values: [ResultValue]) -> String {
        values.map { value in
            guard let value = value.text else { return "" }
            if value.contains(where: { $0 == "," || $0 == "\"" || $0 == "\n" || $0 == "\r" }) {
                return "\"" + value.replacingOccurrences(of: "\"", with: "\"\"") + "\""
            }
            return value
        }.joined(separator: ",") + "\r\n"
    }
}

extension String {
    /// The text on one line: line breaks become spaces (a table cell; other control characters are escaped).
    var replacingLineBreaks: String {
        contains(where: \.isNewline) ? String(map { $0.isNewline ? " " : $0 }) : self
    }
}
