/// One row of a ``RowBatch`` as the scan reads it: each column's text, or NULL, and the event time in seconds. It
/// holds the batch's buffers, not the batch, so reading a row retains nothing.
struct MappedRow {
    let bytes: UnsafeBufferPointer<UInt8>
    let starts: UnsafeBufferPointer<Int>
    let lengths: UnsafeBufferPointer<Int32>
    let row: Int

    /// The text of `column`, nil for NULL (not for `eventts`, see ``eventts``).
    func cell(_ column: Int) -> UnsafeBufferPointer<UInt8>? {
        let offset = row * RowBatch.columnCount + column
        let start = starts[offset]
        guard start >= 0 else { return nil }
        return UnsafeBufferPointer(rebasing: bytes[start..<(start + Int(lengths[offset]))])
    }

    var eventts: Int64 { Int64(starts[row * RowBatch.columnCount + RowBatch.eventtsColumn]) }

    /// The value of `column` as SQLite stores it (`eventts` an integer, the others text).
    func value(_ column: Int) -> ScanValue {
        if column == RowBatch.eventtsColumn { return .integer(eventts) }
        return cell(column).map { .text(Array($0)) } ?? .null
    }
}

extension RowBatch {
    /// Calls `body` with each row in order.
    func forEachRow(_ body: (MappedRow) -> Void) {
        bytes.withUnsafeBufferPointer { bytes in
            starts.withUnsafeBufferPointer { starts in
                lengths.withUnsafeBufferPointer { lengths in
                    for row in 0..<rowCount {
                        body(MappedRow(bytes: bytes, starts: starts, lengths: lengths, row: row))
                    }
                }
            }
        }
    }
}
