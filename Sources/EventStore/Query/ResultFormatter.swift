import Foundation
import OrderedJSON

/// How query results are printed.
public enum ResultFormat: String, Sendable, CaseIterable {
    /// Aligned columns for people; long values are cut to ``ResultFormatter/tableCellLimit`` characters.
    case table
    /// An array of objects, one per row, keys in column order; NULL as `null`.
    case json
    /// RFC 4180: a header line, values quoted when they hold a comma, quote or line break; NULL as an empty field.
    case csv
}

/// Renders columns and rows in a ``ResultFormat``.
public enum ResultFormatter {
    public static let tableCellLimit = 80

    public static func render(columns: [String], rows: [[String?]], as format: ResultFormat) -> String {
        switch format {
        case .table: return table(columns, rows)
        case .json: return json(columns, rows)
        case .csv: return csv(columns, rows)
        }
    }

    static func table(_ columns: [String], _ rows: [[String?]]) -> String {
        let cells = rows.map { row in
            row.map { value -> String in
                let text = (value ?? "NULL").replacingLineBreaks
                return text.count > tableCellLimit ? String(text.prefix(tableCellLimit - 1)) + "…" : text
            }
        }
        var widths = columns.map(\.count)
        for row in cells {
            for (index, cell) in row.enumerated() where index < widths.count {
                widths[index] = max(widths[index], cell.count)
            }
        }
        func line(_ values: [String]) -> String {
            values.enumerated().map { index, value in
                index == values.count - 1 ? value : value + String(repeating: " ", count: widths[index] - value.count)
            }.joined(separator: "  ")
        }
        var lines = [line(columns), line(widths.map { String(repeating: "-", count: $0) })]
        lines += cells.map(line)
        lines.append("(\(rows.count) row\(rows.count == 1 ? "" : "s"))")
        return lines.joined(separator: "\n") + "\n"
    }

    static func json(_ columns: [String], _ rows: [[String?]]) -> String {
        var writer = JSONWriter(layout: .indented)
        writer.beginArray()
        for row in rows {
            writer.beginObject(layout: .spaced)
            for (column, value) in zip(columns, row) {
                writer.name(column)
                if let value { writer.string(value) } else { writer.null() }
            }
            writer.endObject()
        }
        writer.endArray()
        return writer.output + "\n"
    }

    static func csv(_ columns: [String], _ rows: [[String?]]) -> String {
        func field(_ value: String?) -> String {
            guard let value else { return "" }
            if value.contains(where: { $0 == "," || $0 == "\"" || $0 == "\n" || $0 == "\r" }) {
                return "\"" + value.replacingOccurrences(of: "\"", with: "\"\"") + "\""
            }
            return value
        }
        return ([columns.map(field).joined(separator: ",")] + rows.map { $0.map(field).joined(separator: ",") })
            .joined(separator: "\r\n") + "\r\n"
    }
}

extension String {
    var replacingLineBreaks: String {
        contains(where: \.isNewline) ? String(map { $0.isNewline ? " " : $0 }) : self
    }
}
