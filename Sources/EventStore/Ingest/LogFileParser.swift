/// Why a whole file was not ingested.
public struct LogFileError: Error, Sendable, Equatable, CustomStringConvertible {
    /// The file path or `s3://bucket/key`.
    public var source: String
    public var reason: String
    public var description: String { "\(source): \(reason)" }

    public init(source: String, reason: String) {
        self.source = source
        self.reason = reason
    }
}

/// Why one record of a file was not ingested.
public struct RecordError: Sendable, Equatable, CustomStringConvertible {
    public var source: String
    /// 1-based: the line for newline-delimited files, the index in `Records` otherwise.
    public var record: Int
    public var reason: String
    public var description: String { "\(source): record \(record): \(reason)" }
}

/// What came of one file.
struct ParsedFile {
    var records = 0
    var filteredOut = 0
    /// Records the gate turned away unmapped.
    var gatedOut = 0
    var rejected: [RecordError] = []
}

/// Turns a file's bytes into rows: a `{"Records": [...]}` object as CloudTrail writes it, or newline-delimited
/// records (one JSON object per line, as log pipelines export them).
enum LogFileParser {
    private static let recordsKey = Array("Records".utf8)

    /// Appends the file's rows to `batch`. A malformed `Records` file adds nothing and throws; a malformed line of a
    /// newline-delimited file is a record error and the other lines are kept. A `gate`, given a record's bytes, says
    /// whether to map it: a record it turns away is still validated as JSON (a `Records` file) but not mapped.
    static func parse(
        _ bytes: UnsafeBufferPointer<UInt8>, context: ObjectContext, mapper: inout RecordMapper,
        into batch: inout RowBatch, gate: ((UnsafeBufferPointer<UInt8>) -> Bool)? = nil
    ) throws(LogFileError) -> ParsedFile {
        let objectStart = try firstObjectOffset(bytes, source: context.sourceKey)
        var scanner = JSONScanner(bytes, position: objectStart)
        let mark = batch.mark
        var parsed = ParsedFile()
        var hasRecords = false
        do throws(JSONScanner.Failure) {
            // One pass: the `Records` array's elements are mapped as they are validated.
            try scanner.forEachMemberValue(depth: 0) { key, escapes, value throws(JSONScanner.Failure) in
                guard !escapes, value.current == UInt8(ascii: "["),
                    recordsKey.matches(bytes, key.start + 1, key.end - 1)
                else {
                    _ = try value.value(depth: 1)
                    return
                }
                guard !hasRecords else {
                    throw JSONScanner.Failure(offset: key.start, reason: "a second Records member")
                }
                hasRecords = true
                try value.forEachElementValue(depth: 1) { element throws(JSONScanner.Failure) in
                    parsed.records += 1
                    if let gate {
                        var probe = element
                        let span = try probe.value(depth: 2)
                        guard gate(UnsafeBufferPointer(rebasing: bytes[span.start..<span.end])) else {
                            element = probe
                            parsed.gatedOut += 1
                            return
                        }
                    }
                    switch try mapper.map(&element, depth: 2, context: context, into: &batch) {
                    case .row: break
                    case .filteredOut: parsed.filteredOut += 1
                    case .rejected(let reason):
                        parsed.rejected.append(
                            RecordError(source: context.sourceKey, record: parsed.records, reason: reason))
                    }
                }
            }
            var rest = scanner
            rest.skipWhitespace()
            if hasRecords, !rest.atEnd {
                throw JSONScanner.Failure(offset: rest.position, reason: "data after the Records object")
            }
        } catch {
            batch.truncate(to: mark)
            if isLineStart(bytes, objectStart), hasNewline(bytes, from: objectStart) {
                return parseLines(bytes, context: context, mapper: &mapper, into: &batch, gate: gate)
            }
            throw LogFileError(
                source: context.sourceKey, reason: "malformed JSON at \(location(bytes, error.offset)): \(error.reason)"
            )
        }
        guard hasRecords else {
            let first = JSONScanner.Span(start: objectStart, end: scanner.position, kind: .object)
            if isDigest(bytes, first) {
                throw LogFileError(source: context.sourceKey, reason: "a CloudTrail digest file, not log records")
            }
            return parseLines(bytes, context: context, mapper: &mapper, into: &batch, gate: gate)
        }
        return parsed
    }

    /// Where the file's first value starts; throws unless it is an object, as every CloudTrail file and every
    /// newline-delimited record is.
    static func firstObjectOffset(_ bytes: UnsafeBufferPointer<UInt8>, source: String) throws(LogFileError) -> Int {
        var scanner = JSONScanner(bytes)
        scanner.skipWhitespace()
        guard !scanner.atEnd else { throw LogFileError(source: source, reason: "empty file") }
        guard bytes[scanner.position] == UInt8(ascii: "{") else {
            throw LogFileError(
                source: source, reason: "not CloudTrail JSON: expected '{' at \(location(bytes, scanner.position))")
        }
        return scanner.position
    }

    /// One record per non-blank line; a line that is not a JSON object is a record error.
    private static func parseLines(
        _ bytes: UnsafeBufferPointer<UInt8>, context: ObjectContext, mapper: inout RecordMapper,
        into batch: inout RowBatch, gate: ((UnsafeBufferPointer<UInt8>) -> Bool)?
    ) -> ParsedFile {
        var parsed = ParsedFile()
        var lineStart = 0
        var lineNumber = 0
        while lineStart < bytes.count {
            lineNumber += 1
            var lineEnd = lineStart
            while lineEnd < bytes.count, bytes[lineEnd] != 0x0A { lineEnd += 1 }
            let line = UnsafeBufferPointer(rebasing: bytes[lineStart..<lineEnd])
            var scanner = JSONScanner(line)
            scanner.skipWhitespace()
            if !scanner.atEnd, let gate, !gate(line) {
                parsed.records += 1
                parsed.gatedOut += 1
            } else if !scanner.atEnd {
                parsed.records += 1
                let mark = batch.mark
                do throws(JSONScanner.Failure) {
                    let outcome = try mapper.map(&scanner, context: context, into: &batch)
                    scanner.skipWhitespace()
                    guard scanner.atEnd else {
                        batch.truncate(to: mark)
                        throw JSONScanner.Failure(offset: scanner.position, reason: "data after the record")
                    }
                    switch outcome {
                    case .row: break
                    case .filteredOut: parsed.filteredOut += 1
                    case .rejected(let reason):
                        parsed.rejected.append(
                            RecordError(source: context.sourceKey, record: lineNumber, reason: reason))
                    }
                } catch {
                    parsed.rejected.append(
                        RecordError(
                            source: context.sourceKey, record: lineNumber,
                            reason: "malformed JSON at column \(error.offset + 1): \(error.reason)"))
                }
            }
            lineStart = lineEnd + 1
        }
        return parsed
    }

    private static func isDigest(_ bytes: UnsafeBufferPointer<UInt8>, _ object: JSONScanner.Span) -> Bool {
        var scanner = JSONScanner(bytes, position: object.start)
        var digest = false
        try? scanner.forEachMember { key, _, _ throws(JSONScanner.Failure) in
            if UnsafeBufferPointer(rebasing: bytes[(key.start + 1)..<(key.end - 1)]).elementsEqual(
                "digestStartTime".utf8)
            {
                digest = true
            }
        }
        return digest
    }

    private static func isLineStart(_ bytes: UnsafeBufferPointer<UInt8>, _ position: Int) -> Bool {
        position == 0 || bytes[position - 1] == 0x0A
    }

    private static func hasNewline(_ bytes: UnsafeBufferPointer<UInt8>, from position: Int) -> Bool {
        var index = position
        while index < bytes.count {
            if bytes[index] == 0x0A { return true }
            index += 1
        }
        return false
    }

    /// `line L, column C` of a byte offset.
    static func location(_ bytes: UnsafeBufferPointer<UInt8>, _ offset: Int) -> String {
        var line = 1
        var lineStart = 0
        for index in 0..<min(offset, bytes.count) where bytes[index] == 0x0A {
            line += 1
            lineStart = index + 1
        }
        return "line \(line), column \(offset - lineStart + 1)"
    }
}
