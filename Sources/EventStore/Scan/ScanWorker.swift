import Foundation

/// What scanning one file found.
struct FileScan: Sendable {
    var matches = ScanMatches()
    /// Records in the file, as far as it was parsed (none when the prefilter ruled the whole file out).
    var records = 0
    /// Records mapped and evaluated.
    var mapped = 0
    var rejected: [RecordError] = []
    /// Matching records whose event id an earlier one had.
    var duplicates = 0
    /// Whether the file's records were parsed (false: its bytes could not hold a match).
    var parsed = false
}

/// The per-worker state of a scan (mapper, row buffer, JSON reader), reused from file to file.
final class ScanWorker: @unchecked Sendable {
    private var mapper: RecordMapper
    private var batch = RowBatch()
    private var scratch: [UInt8] = []
    /// The inflated text of the file being scanned.
    var inflated: [UInt8] = []
    private let json = JSONPathReader()

    /// A worker whose mapper stores `columns` (a query's ``ScanQuery/columns``).
    init(columns: Set<Int>) {
        mapper = RecordMapper(storing: columns)
    }

    /// Scans one file's JSON text for rows of `query`: the bytes are tested first, then only the records that may
    /// match are mapped and evaluated.
    func scan(_ bytes: UnsafeBufferPointer<UInt8>, context: ObjectContext, query: ScanQuery, ids: EventIDSet)
        throws(LogFileError) -> FileScan
    {
        var result = FileScan()
        let prefilter = query.prefilter
        if !prefilter.isAlways, !prefilter.matchesAsWritten(bytes), !ScanPrefilter.hasHidingEscape(bytes) {
            // A file ruled out unparsed must still start as the parser requires.
            _ = try LogFileParser.firstObjectOffset(bytes, source: context.sourceKey)
            return result
        }
        batch.removeAll()
        let parsed: ParsedFile
        if prefilter.isAlways {
            parsed = try LogFileParser.parse(bytes, context: context, mapper: &mapper, into: &batch)
        } else {
            parsed = try LogFileParser.parse(bytes, context: context, mapper: &mapper, into: &batch) { record in
                prefilter.mayMatch(record, scratch: &self.scratch)
            }
        }
        result.parsed = true
        result.records = parsed.records
        result.rejected = parsed.rejected
        result.mapped = parsed.records - parsed.gatedOut
        batch.forEachRow { row in
            guard query.condition.evaluate(row, json: json) == true else { return }
            guard let id = row.cell(ScanQuery.eventIDColumn), ids.insert(id) else {
                result.duplicates += 1
                return
            }
            query.add(row, to: &result.matches, json: json)
        }
        return result
    }
}
