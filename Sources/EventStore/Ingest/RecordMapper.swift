import Foundation
import TrailGateBasics

/// Where the records being mapped came from, and which of them to keep.
struct ObjectContext {
    /// The file path or `s3://bucket/key`.
    var sourceKey: String
    /// The partition values the key's layout gives; nil fields fall back to the record's own.
    var account: String?
    var region: String?
    var date: String?
    var filter: IngestFilter
}

extension ObjectContext {
    /// The context of `source`'s records, its partitions read from its key's layout; a digest (by its key) has no
    /// records and is refused with the reason ingest and the scan both report.
    init(source: IngestSource, filter: IngestFilter) throws(LogFileError) {
        let layout = source.layout
        if layout?.kind == .digest {
            throw LogFileError(source: source.name, reason: "a CloudTrail digest file, not log records")
        }
        self.init(
            sourceKey: source.name, account: layout?.account, region: layout?.region, date: layout?.date,
            filter: filter)
    }
}

/// Maps one CloudTrail record (a JSON object span) to a row of `events`.
struct RecordMapper {
    enum Outcome: Equatable {
        case row
        case filteredOut
        case rejected(String)
    }

    private static let columns = EventSchema.columns
    private static let columnIndex: [String: Int] = Dictionary(
        uniqueKeysWithValues: columns.enumerated().map { ($1.name, $0) })
    /// Top-level member name → column.
    private static let memberColumns = MemberNameTable(
        columns.enumerated().compactMap { index, column in
            if case .member(let key) = column.source { return (key, index) }
            return nil
        })
    /// The `userIdentity` members the flattened columns read, as a tree of member names.
    private static let identityMembers = IdentityMember.tree(
        columns.enumerated().compactMap { index, column in
            if case .identity(let path) = column.source { return (path, index) }
            return nil
        })
    /// Columns that always hold JSON text (a string value keeps its quotes), so JSON functions never fail on them.
    private static let jsonColumns: [Bool] = columns.map(\.holdsJSON)
    private static let logstashTimestampKey = Array("@timestamp".utf8)
    private static func index(_ name: String) -> Int { columnIndex[name]! }
    private static let eventVersion = index("eventversion"), eventTime = index("eventtime"), eventID = index("eventid")
    private static let awsRegion = index("awsregion"), recipient = index("recipientaccountid")
    private static let actor = index("actor"), eventts = index("eventts"), account = index("account"),
        region = index("region")
    private static let date = index("date"), sourceKey = index("sourcekey"), extraFields = index("extrafields")
    private static let rawRecord = index("rawrecord"), userIdentity = index("useridentity")
    private static let actorSources = [
        "useridentity_arn", "sessionissuer_arn", "useridentity_invokedby", "useridentity_principalid",
        "useridentity_type",
    ].map(index)

    /// Per column, whether to store it; nil stores every column (ingest). The scan stores only what its
    /// investigation reads, plus what those columns are computed from.
    private let wanted: [Bool]?
    private var starts = [Int](repeating: -1, count: RowBatch.columnCount)
    private var lengths = [Int32](repeating: 0, count: RowBatch.columnCount)

    /// A mapper storing every column.
    init() { wanted = nil }

    /// A mapper storing `columns` (indexes in ``EventSchema/columns``), the event id and time, and the columns they
    /// are computed from; the others stay NULL. Records are validated and rejected exactly as with every column.
    init(storing columns: Set<Int>) {
        var wanted = [Bool](repeating: false, count: RowBatch.columnCount)
        for column in columns.union([Self.eventID, Self.eventTime, Self.eventts]) { wanted[column] = true }
        if wanted[Self.actor] { for source in Self.actorSources { wanted[source] = true } }
        if wanted[Self.account] { wanted[Self.recipient] = true }
        if wanted[Self.region] { wanted[Self.awsRegion] = true }
        if wanted[Self.rawRecord] { wanted[Self.eventVersion] = true }
        self.wanted = wanted
    }

    private func stores(_ column: Int) -> Bool { wanted?[column] ?? true }

    /// Scans the value at the scanner's position (one pass: the record is validated as it is read) and maps it into
    /// `batch`; on rejection, filtering or malformed JSON the batch is unchanged.
    mutating func map(
        _ scanner: inout JSONScanner, depth: Int = 0, context: ObjectContext,
        into batch: inout RowBatch
    ) throws(JSONScanner.Failure) -> Outcome {
        scanner.skipWhitespace()
        guard scanner.current == UInt8(ascii: "{") else {
            _ = try scanner.value(depth: depth)
            return .rejected("not a JSON object")
        }
        let bytes = scanner.bytes
        let recordStart = scanner.position
        for index in starts.indices { starts[index] = -1; lengths[index] = 0 }
        let mark = batch.bytes.count
        var extras: [(key: JSONScanner.Span, value: JSONScanner.Span)] = []
        var logstashTime: JSONScanner.Span?
        do {
            try scanner.forEachMemberValue(depth: depth) { key, keyEscapes, member throws(JSONScanner.Failure) in
                let column = keyEscapes ? nil : Self.memberColumns.value(bytes, key.start + 1, key.end - 1)
                if let column {
                    let value: JSONScanner.Span
                    if column == Self.userIdentity, member.current == UInt8(ascii: "{") {
                        value = try identity(&member, members: Self.identityMembers, depth: depth + 1, batch: &batch)
                    } else {
                        value = try member.value(depth: depth + 1)
                    }
                    store(value, in: bytes, column: column, asJSON: Self.jsonColumns[column], batch: &batch)
                } else {
                    let value = try member.value(depth: depth + 1)
                    if !keyEscapes, Self.logstashTimestampKey.matches(bytes, key.start + 1, key.end - 1) {
                        logstashTime = value
                    }
                    if stores(Self.extraFields) { extras.append((key, value)) }
                }
            }
        } catch {
            batch.bytes.removeSubrange(mark...)
            throw error
        }
        let span = JSONScanner.Span(start: recordStart, end: scanner.position, kind: .object)
        guard starts[Self.eventID] >= 0, lengths[Self.eventID] > 0 else {
            batch.bytes.removeSubrange(mark...)
            return .rejected("no eventID")
        }
        if starts[Self.eventTime] < 0, let logstashTime, case .string = logstashTime.kind {
            storeTimestamp(logstashTime, in: bytes, batch: &batch)
        }
        guard starts[Self.eventTime] >= 0,
            let seconds = Self.epochSeconds(batch.bytes, starts[Self.eventTime], Int(lengths[Self.eventTime]))
        else {
            let reason = starts[Self.eventTime] < 0 ? "no eventTime" : "eventTime is not an ISO 8601 UTC time"
            batch.bytes.removeSubrange(mark...)
            return .rejected(reason)
        }
        starts[Self.eventts] = seconds
        if let since = context.filter.since, seconds < since {
            batch.bytes.removeSubrange(mark...); return .filteredOut
        }
        if let until = context.filter.until, seconds > until {
            batch.bytes.removeSubrange(mark...); return .filteredOut
        }

        if let source = Self.actorSources.first(where: { starts[$0] >= 0 }) {
            starts[Self.actor] = starts[source]
            lengths[Self.actor] = lengths[source]
        }
        if let value = context.account {
            storeText(value, column: Self.account, batch: &batch)
        } else {
            copyCell(Self.recipient, to: Self.account)
        }
        if let value = context.region {
            storeText(value, column: Self.region, batch: &batch)
        } else {
            copyCell(Self.awsRegion, to: Self.region)
        }
        if let value = context.date {
            if stores(Self.date) { storeText(value, column: Self.date, batch: &batch) }
        } else if stores(Self.date) {
            // YYYY/MM/DD from the event time.
            let start = batch.bytes.count
            let time = starts[Self.eventTime]
            for offset in [0, 1, 2, 3, -1, 5, 6, -1, 8, 9] {
                batch.bytes.append(offset < 0 ? UInt8(ascii: "/") : batch.bytes[time + offset])
            }
            starts[Self.date] = start
            lengths[Self.date] = 10
        }
        if !context.filter.accounts.isEmpty, !context.filter.accounts.contains(text(Self.account, batch)) {
            batch.bytes.removeSubrange(mark...)
            return .filteredOut
        }
        if !context.filter.regions.isEmpty, !context.filter.regions.contains(text(Self.region, batch)) {
            batch.bytes.removeSubrange(mark...)
            return .filteredOut
        }
        if stores(Self.sourceKey) { storeText(context.sourceKey, column: Self.sourceKey, batch: &batch) }
        if !extras.isEmpty {
            let start = batch.bytes.count
            batch.bytes.append(UInt8(ascii: "{"))
            for (offset, member) in extras.enumerated() {
                if offset > 0 { batch.bytes.append(UInt8(ascii: ",")) }
                batch.bytes.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[member.key.start..<member.key.end]))
                batch.bytes.append(UInt8(ascii: ":"))
                batch.bytes.append(
                    contentsOf: UnsafeBufferPointer(rebasing: bytes[member.value.start..<member.value.end]))
            }
            batch.bytes.append(UInt8(ascii: "}"))
            starts[Self.extraFields] = start
            lengths[Self.extraFields] = Int32(batch.bytes.count - start)
        }
        if stores(Self.rawRecord),
            !Self.isKnownVersion(batch.bytes, starts[Self.eventVersion], Int(lengths[Self.eventVersion]))
        {
            let start = batch.bytes.count
            batch.bytes.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[span.start..<span.end]))
            starts[Self.rawRecord] = start
            lengths[Self.rawRecord] = Int32(span.end - span.start)
        }
        batch.append(row: starts[...], lengths: lengths[...])
        return .row
    }

    /// Scans the object at the scanner's position, storing the members `members` names in their columns; returns
    /// the object's span.
    private mutating func identity(
        _ scanner: inout JSONScanner, members: [IdentityMember], depth: Int,
        batch: inout RowBatch
    ) throws(JSONScanner.Failure) -> JSONScanner.Span {
        let bytes = scanner.bytes
        let start = scanner.position
        try scanner.forEachMemberValue(depth: depth) { key, escapes, member throws(JSONScanner.Failure) in
            guard !escapes, let match = members.first(where: { $0.name.matches(bytes, key.start + 1, key.end - 1) })
            else {
                _ = try member.value(depth: depth + 1)
                return
            }
            if !match.members.isEmpty, member.current == UInt8(ascii: "{") {
                _ = try identity(&member, members: match.members, depth: depth + 1, batch: &batch)
            } else {
                let value = try member.value(depth: depth + 1)
                if let column = match.column { store(value, in: bytes, column: column, batch: &batch) }
            }
        }
        return JSONScanner.Span(start: start, end: scanner.position, kind: .object)
    }

    /// Stores a value as text: strings unescaped, `true`/`false` as words, other values as written, null as NULL.
    private mutating func store(
        _ value: JSONScanner.Span, in bytes: UnsafeBufferPointer<UInt8>, column: Int, asJSON: Bool = false,
        batch: inout RowBatch
    ) {
        guard stores(column) else { return }
        let start = batch.bytes.count
        switch value.kind {
        case .null:
            starts[column] = -1
            return
        case .string(let escapes) where !asJSON:
            if escapes {
                JSONScanner.appendUnescaped(bytes, value, to: &batch.bytes)
            } else {
                batch.bytes.append(
                    contentsOf: UnsafeBufferPointer(rebasing: bytes[(value.start + 1)..<(value.end - 1)]))
            }
        default:
            batch.bytes.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[value.start..<value.end]))
        }
        starts[column] = start
        lengths[column] = Int32(batch.bytes.count - start)
    }

    /// Logstash's `@timestamp` (`2020-09-14T00:44:23.000Z`) as CloudTrail writes `eventTime` (`2020-09-14T00:44:23Z`).
    private mutating func storeTimestamp(
        _ value: JSONScanner.Span, in bytes: UnsafeBufferPointer<UInt8>, batch: inout RowBatch
    ) {
        store(value, in: bytes, column: Self.eventTime, batch: &batch)
        let start = starts[Self.eventTime]
        let length = Int(lengths[Self.eventTime])
        if length > 20, batch.bytes[start + 19] == UInt8(ascii: "."),
            batch.bytes[start + length - 1] == UInt8(ascii: "Z")
        {
            batch.bytes.removeSubrange((start + 19)..<(start + length - 1))
            lengths[Self.eventTime] = 20
        }
    }

    private mutating func storeText(_ text: String, column: Int, batch: inout RowBatch) {
        let start = batch.bytes.count
        batch.bytes.append(contentsOf: text.utf8)
        starts[column] = start
        lengths[column] = Int32(batch.bytes.count - start)
    }

    private mutating func copyCell(_ from: Int, to: Int) {
        starts[to] = starts[from]
        lengths[to] = lengths[from]
    }

    private func text(_ column: Int, _ batch: RowBatch) -> String {
        guard starts[column] >= 0 else { return "" }
        return String(decoding: batch.bytes[starts[column]..<(starts[column] + Int(lengths[column]))], as: UTF8.self)
    }

    /// `YYYY-MM-DDTHH:MM:SS[.fff]Z` as Unix seconds; nil for anything else.
    static func epochSeconds(_ bytes: [UInt8], _ start: Int, _ length: Int) -> Int? {
        guard length >= 20, bytes[start + length - 1] == UInt8(ascii: "Z") else { return nil }
        func digits(_ offset: Int, _ count: Int) -> Int? {
            var value = 0
            for index in offset..<(offset + count) {
                let byte = bytes[start + index]
                guard JSONScanner.isDigit(byte) else { return nil }
                value = value * 10 + Int(byte - UInt8(ascii: "0"))
            }
            return value
        }
        guard bytes[start + 4] == UInt8(ascii: "-"), bytes[start + 7] == UInt8(ascii: "-"),
            bytes[start + 10] == UInt8(ascii: "T"),
            bytes[start + 13] == UInt8(ascii: ":"), bytes[start + 16] == UInt8(ascii: ":"),
            let year = digits(0, 4), let month = digits(5, 2), let day = digits(8, 2),
            let hour = digits(11, 2), let minute = digits(14, 2), let second = digits(17, 2),
            (1...12).contains(month), (1...31).contains(day), hour < 24, minute < 60, second < 61
        else { return nil }
        if length > 20 {
            guard bytes[start + 19] == UInt8(ascii: "."), length > 21, digits(20, length - 21) != nil else {
                return nil
            }
        }
        return CivilDate.days(year: year, month: month, day: day) * 86_400 + hour * 3600 + minute * 60 + second
    }

    /// `1.x` with x at most the newest minor this schema knows.
    static func isKnownVersion(_ bytes: [UInt8], _ start: Int, _ length: Int) -> Bool {
        guard start >= 0, length >= 3, bytes[start] == UInt8(ascii: "1"), bytes[start + 1] == UInt8(ascii: ".") else {
            return false
        }
        var minor = 0
        for index in (start + 2)..<(start + length) {
            guard JSONScanner.isDigit(bytes[index]) else { return false }
            minor = minor * 10 + Int(bytes[index] - UInt8(ascii: "0"))
            if minor > 1000 { return false }
        }
        return minor <= EventSchema.newestKnownVersion.minor
    }
}

/// A `userIdentity` member a flattened column reads: the column it fills, or the members below it that do.
struct IdentityMember: Sendable {
    var name: [UInt8]
    var column: Int?
    var members: [IdentityMember]

    /// The tree of member paths (`["sessionContext", "sessionIssuer", "arn"]`) and their columns.
    static func tree(_ paths: [(path: [String], column: Int)]) -> [IdentityMember] {
        var nodes: [IdentityMember] = []
        for (name, group) in Dictionary(grouping: paths, by: { $0.path[0] }).sorted(by: { $0.key < $1.key }) {
            let leaf = group.first { $0.path.count == 1 }
            let deeper = group.filter { $0.path.count > 1 }.map {
                (path: Array($0.path.dropFirst()), column: $0.column)
            }
            nodes.append(IdentityMember(name: Array(name.utf8), column: leaf?.column, members: tree(deeper)))
        }
        return nodes
    }
}

/// Member names looked up straight from the record's bytes, without building a key: names are bucketed by length
/// and first and last byte, then compared byte for byte.
struct MemberNameTable: Sendable {
    private static let bucketCount = 64
    private var buckets: [[(name: [UInt8], value: Int)]]

    init(_ entries: [(name: String, value: Int)]) {
        buckets = Array(repeating: [], count: Self.bucketCount)
        for (name, value) in entries {
            let bytes = Array(name.utf8)
            buckets[Self.bucket(count: bytes.count, first: bytes[0], last: bytes[bytes.count - 1])].append(
                (bytes, value))
        }
    }

    /// The value of the name in `bytes[start..<end]`.
    func value(_ bytes: UnsafeBufferPointer<UInt8>, _ start: Int, _ end: Int) -> Int? {
        guard end > start else { return nil }
        for entry in buckets[Self.bucket(count: end - start, first: bytes[start], last: bytes[end - 1])]
        where entry.name.matches(bytes, start, end) {
            return entry.value
        }
        return nil
    }

    private static func bucket(count: Int, first: UInt8, last: UInt8) -> Int {
        (count &* 7 &+ Int(first) &* 3 &+ Int(last)) & (bucketCount - 1)
    }
}

extension Array where Element == UInt8 {
    /// Whether `bytes[start..<end]` holds exactly these bytes.
    func matches(_ bytes: UnsafeBufferPointer<UInt8>, _ start: Int, _ end: Int) -> Bool {
        guard end - start == count, let base = bytes.baseAddress else { return false }
        return withUnsafeBufferPointer { memcmp($0.baseAddress!, base + start, count) == 0 }
    }
}
