import GRDB
import GRDBSQLite

/// The groups one transaction adds to an investigation's summary table, aggregated by the writer from the rows it
/// has just inserted (the rows a repeated `eventid` skipped are not among them), so the summary is kept without
/// reading the events back. Groups and aggregates are those of ``InvestigationRollup/fillSQL(_:)``: `count(*)`
/// and the minimum and maximum of a column, compared as SQLite compares (integers as numbers, text byte by byte).
struct SummaryAccumulator {
    /// A cell's value; text points into the batch being written.
    private enum Cell {
        case null
        case integer(Int)
        case text(UnsafeBufferPointer<UInt8>)
    }

    /// A cell's value kept beyond its batch.
    private enum Value {
        case null
        case integer(Int)
        case text([UInt8])

        init(_ cell: Cell) {
            switch cell {
            case .null: self = .null
            case .integer(let value): self = .integer(value)
            case .text(let bytes): self = .text(Array(bytes))
            }
        }

        /// Whether `cell` takes this value's place as the smallest (or, with `smallest` false, the largest) value
        /// seen: a NULL never does and always gives way, as in SQL's min and max; integers order before text.
        func isReplaced(by cell: Cell, smallest: Bool) -> Bool {
            switch (self, cell) {
            case (_, .null): false
            case (.null, _): true
            case (.integer(let kept), .integer(let value)): smallest ? value < kept : kept < value
            case (.text(let kept), .text(let value)):
                smallest ? value.lexicographicallyPrecedes(kept) : kept.lexicographicallyPrecedes(value)
            case (.text, .integer): smallest
            case (.integer, .text): !smallest
            }
        }

        /// Binds the value, text as its exact bytes.
        func bind(_ statement: OpaquePointer, _ index: Int32) {
            switch self {
            case .null: sqlite3_bind_null(statement, index)
            case .integer(let value): sqlite3_bind_int64(statement, index, Int64(value))
            case .text(let bytes):
                bytes.withUnsafeBufferPointer { buffer in
                    let base = UnsafeRawPointer(buffer.baseAddress ?? UnsafePointer(bitPattern: 1)!)
                        .assumingMemoryBound(to: CChar.self)
                    sqlite3_bind_text(
                        statement, index, base, Int32(buffer.count), unsafeBitCast(-1, to: sqlite3_destructor_type.self)
                    )
                }
            }
        }
    }

    private enum Aggregate {
        case count
        /// The smallest or largest value of a column.
        case extreme(column: Int, smallest: Bool)
    }

    /// A group's key cells, encoded; hashed as one run of bytes.
    private struct GroupKey: Hashable {
        var bytes: [UInt8]

        func hash(into hasher: inout Hasher) {
            bytes.withUnsafeBytes { hasher.combine(bytes: $0) }
        }
    }

    private struct Group {
        var keys: [Value]
        var count = 0
        var extremes: [Value]
    }

    private let keyColumns: [Int]
    private let aggregates: [Aggregate]
    private let addGroup: Statement
    private var groupIndex: [GroupKey: Int] = [:]
    private var groups: [Group] = []
    private var scratch: [UInt8] = []

    /// Nil when the investigation keeps no summary.
    init?(_ investigation: Investigation, db: Database) throws {
        guard let rollup = investigation.rollup else { return nil }
        let columns = Dictionary(uniqueKeysWithValues: EventSchema.columns.enumerated().map { ($1.name, $0) })
        keyColumns = rollup.keys.map { columns[$0]! }
        aggregates = rollup.storedColumns(investigation).map { aggregate in
            switch aggregate {
            case .count: .count
            case .min(let column): .extreme(column: columns[column]!, smallest: true)
            case .max(let column): .extreme(column: columns[column]!, smallest: false)
            }
        }
        addGroup = try db.makeStatement(sql: rollup.addGroupSQL(investigation))
    }

    /// Counts row `row` of `batch`, which the writer has inserted.
    mutating func add(_ batch: RowBatch, row: Int, bytes: UnsafeBufferPointer<UInt8>) {
        scratch.removeAll(keepingCapacity: true)
        for column in keyColumns {
            switch Self.cell(batch, row: row, column: column, bytes: bytes) {
            case .null: scratch.append(0)
            case .integer(let value):
                scratch.append(1)
                withUnsafeBytes(of: value) { scratch.append(contentsOf: $0) }
            case .text(let text):
                scratch.append(2)
                withUnsafeBytes(of: text.count) { scratch.append(contentsOf: $0) }
                scratch.append(contentsOf: text)
            }
        }
        let index: Int
        let key = GroupKey(bytes: scratch)
        if let known = groupIndex[key] {
            index = known
        } else {
            index = groups.count
            groupIndex[key] = index
            groups.append(
                Group(
                    keys: keyColumns.map { Value(Self.cell(batch, row: row, column: $0, bytes: bytes)) },
                    extremes: Array(repeating: .null, count: aggregates.count)))
        }
        for (position, aggregate) in aggregates.enumerated() {
            switch aggregate {
            case .count: groups[index].count += 1
            case .extreme(let column, let smallest):
                let cell = Self.cell(batch, row: row, column: column, bytes: bytes)
                if groups[index].extremes[position].isReplaced(by: cell, smallest: smallest) {
                    groups[index].extremes[position] = Value(cell)
                }
            }
        }
    }

    /// Adds the groups to the summary table (in the caller's transaction) and starts over.
    mutating func flush(_ db: Database) throws {
        let statement = addGroup.sqliteStatement
        for group in groups {
            for (position, key) in group.keys.enumerated() { key.bind(statement, Int32(position + 1)) }
            for (position, aggregate) in aggregates.enumerated() {
                let index = Int32(group.keys.count + position + 1)
                if case .count = aggregate {
                    sqlite3_bind_int64(statement, index, Int64(group.count))
                } else {
                    group.extremes[position].bind(statement, index)
                }
            }
            let status = sqlite3_step(statement)
            sqlite3_reset(statement)
            guard status == SQLITE_DONE else {
                throw EventDatabaseError(path: "", reason: String(cString: sqlite3_errmsg(db.sqliteConnection)))
            }
        }
        groups.removeAll(keepingCapacity: true)
        groupIndex.removeAll(keepingCapacity: true)
    }

    private static func cell(_ batch: RowBatch, row: Int, column: Int, bytes: UnsafeBufferPointer<UInt8>) -> Cell {
        let start = batch.starts[row * RowBatch.columnCount + column]
        if column == RowBatch.eventtsColumn { return .integer(start) }
        guard start >= 0 else { return .null }
        return .text(
            UnsafeBufferPointer(
                rebasing: bytes[start..<(start + Int(batch.lengths[row * RowBatch.columnCount + column]))]))
    }
}
