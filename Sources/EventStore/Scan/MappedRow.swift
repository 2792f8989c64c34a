/// One row of a ``RowBatch`` as the scan reads it: each column's text, or NULL, and the event time in seconds.
struct MappedRow {
    let batch: RowBatch
    let row: Int

    /// The text of `column`, nil for NULL (not for `eventts`, see ``eventts``).
    func cell(_ column: Int) -> ArraySlice<UInt8>? {
        let offset = row * RowBatch.columnCount + column
        let start = batch.starts[offset]
        guard start >= 0 else { return nil }
        return batch.bytes[start..<(start + Int(batch.lengths[offset]))]
    }

    var eventts: Int64 { Int64(batch.starts[row * RowBatch.columnCount + RowBatch.eventtsColumn]) }

    /// The value of `column` as SQLite stores it (`eventts` an integer, the others text).
    func value(_ column: Int) -> ScanValue {
        if column == RowBatch.eventtsColumn { return .integer(eventts) }
        return cell(column).map { .text(Array($0)) } ?? .null
    }
}
