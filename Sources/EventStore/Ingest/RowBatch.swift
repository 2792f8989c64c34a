/// Rows ready to insert into `events`: every text cell of every row lives in one byte buffer, so a batch moves
/// between threads as a few arrays and is bound to SQLite without building a string per value.
struct RowBatch: Sendable {
    static let columnCount = EventSchema.columns.count
    static let eventtsColumn = EventSchema.columns.firstIndex { $0.name == "eventts" }!

    /// The text of every cell, back to back.
    var bytes: [UInt8] = []
    /// Per row and column: the start of its text in `bytes`, or -1 for NULL (the integer for `eventts`).
    var starts: [Int] = []
    /// Per row and column: the length of its text.
    var lengths: [Int32] = []
    var rowCount = 0

    /// Appends the cells of one row (exactly `columnCount` of them, in schema order).
    mutating func append(row starts: ArraySlice<Int>, lengths: ArraySlice<Int32>) {
        self.starts.append(contentsOf: starts)
        self.lengths.append(contentsOf: lengths)
        rowCount += 1
    }

    var byteCount: Int { bytes.count }

    /// Empties the batch, keeping its buffers' capacity.
    mutating func removeAll() {
        bytes.removeAll(keepingCapacity: true)
        starts.removeAll(keepingCapacity: true)
        lengths.removeAll(keepingCapacity: true)
        rowCount = 0
    }

    /// Where the batch ends now, to go back to with ``truncate(to:)``.
    struct Mark {
        fileprivate var bytes, cells, rows: Int
    }

    var mark: Mark { Mark(bytes: bytes.count, cells: starts.count, rows: rowCount) }

    /// Drops everything appended since `mark`.
    mutating func truncate(to mark: Mark) {
        bytes.removeSubrange(mark.bytes...)
        starts.removeSubrange(mark.cells...)
        lengths.removeSubrange(mark.cells...)
        rowCount = mark.rows
    }
}
