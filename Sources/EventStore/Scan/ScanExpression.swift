/// Why an investigation cannot be run as a scan (a definition the scan's evaluator does not cover).
public struct ScanPlanError: Error, Sendable, Equatable, CustomStringConvertible {
    public var reason: String
    public var description: String { reason }
}

/// A non-aggregate ``QueryExpression`` bound to the columns of a mapped row.
indirect enum ScanExpression: Sendable, Equatable {
    case column(Int)
    case jsonText(column: Int, path: String)
    case constant(ScanValue)

    static let columnIndex = Dictionary(uniqueKeysWithValues: EventSchema.columns.enumerated().map { ($1.name, $0) })
    static let dateColumn = columnIndex["date"]!

    init(_ expression: QueryExpression) throws(ScanPlanError) {
        switch expression {
        case .column(let name): self = .column(try Self.column(name))
        case .eventOrder: self = .column(RowBatch.eventtsColumn)
        case .jsonText(let column, let path): self = .jsonText(column: try Self.column(column), path: path)
        case .text(let text): self = .constant(ScanValue(text))
        case .integer(let number): self = .constant(.integer(Int64(number)))
        case .countAll, .countDistinct, .min, .max:
            throw ScanPlanError(reason: "an aggregate where a row value is needed")
        }
    }

    static func column(_ name: String) throws(ScanPlanError) -> Int {
        guard let index = columnIndex[name] else { throw ScanPlanError(reason: "no column \(name)") }
        return index
    }

    /// The columns it reads.
    var columns: Set<Int> {
        switch self {
        case .column(let column), .jsonText(let column, _): return [column]
        case .constant: return []
        }
    }

    func value(_ row: MappedRow, json: JSONPathReader) -> ScanValue {
        switch self {
        case .column(let column): return row.value(column)
        case .jsonText(let column, let path):
            guard let text = row.cell(column) else { return .null }
            return json.value(text, path: path)
        case .constant(let value): return value
        }
    }
}

/// A ``QueryCondition`` bound to the columns of a mapped row, evaluated with SQL's three-valued logic: nil is
/// unknown (a NULL compared), and a row is kept only when its condition is true.
indirect enum ScanCondition: Sendable, Equatable {
    case equals(ScanExpression, [UInt8])
    case notEquals(ScanExpression, [UInt8])
    case isNull(ScanExpression)
    case isNotNull(ScanExpression)
    case oneOf(ScanExpression, [[UInt8]])
    case noneOf(ScanExpression, [[UInt8]])
    case like(ScanExpression, [UInt8])
    case all([ScanCondition])
    case any([ScanCondition])
    case eventTimeBetween(since: Int64?, until: Int64?)
    case dayBetween([UInt8]?, [UInt8]?)

    init(_ condition: QueryCondition) throws(ScanPlanError) {
        switch condition {
        case .equals(let value, let text): self = .equals(try ScanExpression(value), Array(text.utf8))
        case .notEquals(let value, let text): self = .notEquals(try ScanExpression(value), Array(text.utf8))
        case .isNull(let value): self = .isNull(try ScanExpression(value))
        case .isNotNull(let value): self = .isNotNull(try ScanExpression(value))
        case .oneOf(let value, let texts): self = .oneOf(try ScanExpression(value), texts.map { Array($0.utf8) })
        case .noneOf(let value, let texts): self = .noneOf(try ScanExpression(value), texts.map { Array($0.utf8) })
        case .like(let value, let pattern): self = .like(try ScanExpression(value), Array(pattern.utf8))
        case .all(let parts):
            var compiled: [ScanCondition] = []
            for part in parts { compiled.append(try ScanCondition(part)) }
            self = .all(compiled)
        case .any(let parts):
            var compiled: [ScanCondition] = []
            for part in parts { compiled.append(try ScanCondition(part)) }
            self = .any(compiled)
        case .eventTimeBetween(let since, let until):
            self = .eventTimeBetween(since: since.map(Int64.init), until: until.map(Int64.init))
        case .dayBetween(let first, let last):
            self = .dayBetween(first.map { Array($0.utf8) }, last.map { Array($0.utf8) })
        }
    }

    /// The columns it reads.
    var columns: Set<Int> {
        switch self {
        case .equals(let value, _), .notEquals(let value, _), .isNull(let value), .isNotNull(let value),
            .oneOf(let value, _), .noneOf(let value, _), .like(let value, _):
            return value.columns
        case .all(let parts), .any(let parts): return parts.reduce(into: []) { $0.formUnion($1.columns) }
        case .eventTimeBetween: return [RowBatch.eventtsColumn]
        case .dayBetween: return [ScanExpression.dateColumn]
        }
    }

    func evaluate(_ row: MappedRow, json: JSONPathReader) -> Bool? {
        switch self {
        case .equals(let value, let text): return Self.equals(value, text, row, json)
        case .notEquals(let value, let text): return Self.equals(value, text, row, json).map(!)
        case .isNull(let value): return Self.isNull(value, row, json)
        case .isNotNull(let value): return !Self.isNull(value, row, json)
        case .oneOf(let value, let texts):
            // SQLite: `x IN ()` is false even for a NULL x.
            guard !texts.isEmpty else { return false }
            return Self.oneOf(value, texts, row, json)
        case .noneOf(let value, let texts):
            guard !texts.isEmpty else { return true }
            return Self.oneOf(value, texts, row, json).map(!)
        case .like(let value, let pattern):
            let text: [UInt8]
            switch value.value(row, json: json) {
            case .null: return nil
            case .text(let bytes): text = bytes
            case .integer(let number): text = Array(String(number).utf8)
            case .real(let number): text = Array(String(number).utf8)
            }
            return SQLLike.matches(text[...], pattern[...])
        case .all(let parts):
            var unknown = false
            for part in parts {
                switch part.evaluate(row, json: json) {
                case false?: return false
                case nil: unknown = true
                case true?: break
                }
            }
            return unknown ? nil : true
        case .any(let parts):
            var unknown = false
            for part in parts {
                switch part.evaluate(row, json: json) {
                case true?: return true
                case nil: unknown = true
                case false?: break
                }
            }
            return unknown ? nil : false
        case .eventTimeBetween(let since, let until):
            let seconds = row.eventts
            if let since, seconds < since { return false }
            if let until, seconds > until { return false }
            return true
        case .dayBetween(let first, let last):
            guard let day = row.cell(ScanExpression.dateColumn) else { return nil }
            if let first, day.lexicographicallyPrecedes(first) { return false }
            if let last, last.lexicographicallyPrecedes(day) { return false }
            return true
        }
    }

    private static func equals(_ value: ScanExpression, _ text: [UInt8], _ row: MappedRow, _ json: JSONPathReader)
        -> Bool?
    {
        if case .column(let column) = value, column != RowBatch.eventtsColumn {
            guard let cell = row.cell(column) else { return nil }
            return cell.elementsEqual(text)
        }
        return value.value(row, json: json).sqlEquals(.text(text))
    }

    private static func isNull(_ value: ScanExpression, _ row: MappedRow, _ json: JSONPathReader) -> Bool {
        if case .column(let column) = value, column != RowBatch.eventtsColumn { return row.cell(column) == nil }
        return value.value(row, json: json).isNull
    }

    private static func oneOf(_ value: ScanExpression, _ texts: [[UInt8]], _ row: MappedRow, _ json: JSONPathReader)
        -> Bool?
    {
        if case .column(let column) = value, column != RowBatch.eventtsColumn {
            guard let cell = row.cell(column) else { return nil }
            return texts.contains { cell.elementsEqual($0) }
        }
        let scanned = value.value(row, json: json)
        if scanned.isNull { return nil }
        return texts.contains { scanned.sqlEquals(.text($0)) == true }
    }
}

/// SQLite's `LIKE` without `ESCAPE`: `%` any run of characters, `_` one character, ASCII letters matched without
/// regard to case, every other byte exactly.
enum SQLLike {
    static func matches(_ text: ArraySlice<UInt8>, _ pattern: ArraySlice<UInt8>) -> Bool {
        var text = text
        var pattern = pattern
        while let first = pattern.first {
            switch first {
            case UInt8(ascii: "%"):
                pattern = pattern.drop { $0 == UInt8(ascii: "%") }
                if pattern.isEmpty { return true }
                while true {
                    if matches(text, pattern) { return true }
                    guard !text.isEmpty else { return false }
                    text = text.dropFirst(characterLength(text))
                }
            case UInt8(ascii: "_"):
                guard !text.isEmpty else { return false }
                text = text.dropFirst(characterLength(text))
                pattern = pattern.dropFirst()
            default:
                guard let byte = text.first, folded(byte) == folded(first) else { return false }
                text = text.dropFirst()
                pattern = pattern.dropFirst()
            }
        }
        return text.isEmpty
    }

    /// The length of the character at the start as SQLite's UTF-8 reader takes it: a byte below 0xC0 alone, a lead
    /// byte with every continuation byte after it.
    private static func characterLength(_ text: ArraySlice<UInt8>) -> Int {
        guard let lead = text.first, lead >= 0xC0 else { return 1 }
        var count = 1
        while count < text.count, text[text.startIndex + count] & 0xC0 == 0x80 { count += 1 }
        return count
    }

    private static func folded(_ byte: UInt8) -> UInt8 {
        byte >= UInt8(ascii: "A") && byte <= UInt8(ascii: "Z") ? byte + 32 : byte
    }
}
