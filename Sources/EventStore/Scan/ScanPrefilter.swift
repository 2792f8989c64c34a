import Foundation

/// The byte strings a record must contain to possibly satisfy an investigation's condition, tested on a file or a
/// record before any JSON is parsed.
///
/// It only ever answers "cannot match" when the record's bytes prove it: a value an `=` or `IN` compares a record
/// column with must appear in the record as written (JSON text it was read from), and a member an `IS NOT NULL` needs
/// must appear as its unescaped name (the mapper ignores escaped names). Since JSON may write any character as
/// `\uXXXX` and `/` as `\/`, bytes holding such an escape are tested again with those escapes decoded. Everything
/// else (values from the object key, the event time, `<>`, `LIKE`, `IS NULL`) is not narrowed.
struct ScanPrefilter: Sendable, Equatable {
    indirect enum Test: Sendable, Equatable {
        /// Any bytes may match.
        case always
        /// The bytes must contain this string.
        case contains([UInt8])
        case all([Test])
        case any([Test])
    }

    var test: Test

    init(_ condition: QueryCondition) {
        test = Self.test(condition)
    }

    init(test: Test) {
        self.test = test
    }

    /// True when every record may match: the filter narrows nothing.
    var isAlways: Bool { test == .always }

    /// Members every CloudTrail record has: requiring them narrows nothing.
    static let universalMembers: Set<String> = [
        "eventVersion", "userIdentity", "eventTime", "eventSource", "eventName", "awsRegion", "sourceIPAddress",
        "eventID", "eventType", "recipientAccountId", "type",
    ]

    private static let columns = Dictionary(uniqueKeysWithValues: EventSchema.columns.map { ($0.name, $0) })
    /// The members the `actor` column is taken from.
    private static let actorMembers = ["arn", "invokedBy", "principalId", "type"]

    static func test(_ condition: QueryCondition) -> Test {
        switch condition {
        case .equals(let value, let text): return contains(value, text)
        case .oneOf(let value, let texts): return simplified(.any(texts.map { contains(value, $0) }))
        case .isNotNull(.column(let name)): return present(name)
        case .all(let parts): return simplified(.all(parts.map(test)))
        case .any(let parts): return simplified(.any(parts.map(test)))
        case .notEquals, .isNull, .isNotNull, .noneOf, .like, .eventTimeBetween, .dayBetween: return .always
        }
    }

    /// What a record must contain for `value` to equal `text`.
    private static func contains(_ value: QueryExpression, _ text: String) -> Test {
        let bytes = Array(text.utf8)
        // A value with a quote, backslash or control character is written escaped: no byte string to look for.
        guard !bytes.isEmpty, !bytes.contains(where: { $0 < 0x20 || $0 == UInt8(ascii: "\"") || $0 == 0x5C })
        else { return .always }
        switch value {
        case .column(let name):
            guard name == "actor" || readsRecordText(name) else { return .always }
            return .contains(bytes)
        case .jsonText(let column, _):
            guard readsRecordText(column) || column == "extrafields" || column == "rawrecord" else { return .always }
            return .contains(bytes)
        default: return .always
        }
    }

    /// Whether the column holds the text of one record member (string unescaped, other values as written).
    private static func readsRecordText(_ name: String) -> Bool {
        switch columns[name]?.source {
        case .member(let key): return key != "eventTime"
        case .identity: return true
        default: return false
        }
    }

    /// What a record must contain for the column to be non-NULL: the name of a member it is taken from.
    private static func present(_ name: String) -> Test {
        let members: [String]
        switch columns[name]?.source {
        case .member(let key): members = [key]
        case .identity(let path): members = [path[path.count - 1]]
        default: members = name == "actor" ? actorMembers : []
        }
        guard !members.isEmpty, !members.contains(where: universalMembers.contains) else { return .always }
        return simplified(.any(members.map { .contains(Array("\"\($0)\"".utf8)) }))
    }

    private static func simplified(_ test: Test) -> Test {
        switch test {
        case .all(let parts):
            let narrowing = parts.filter { $0 != .always }
            return narrowing.isEmpty ? .always : narrowing.count == 1 ? narrowing[0] : .all(narrowing)
        case .any(let parts):
            if parts.contains(.always) { return .always }
            var distinct: [Test] = []
            for part in parts where !distinct.contains(part) { distinct.append(part) }
            return distinct.count == 1 ? distinct[0] : .any(distinct)
        default: return test
        }
    }

    /// Whether `bytes` (a file or one record) may hold a record that matches.
    func mayMatch(_ bytes: UnsafeBufferPointer<UInt8>, scratch: inout [UInt8]) -> Bool {
        if Self.evaluate(test, bytes) { return true }
        guard Self.hasHidingEscape(bytes) else { return false }
        Self.decodeHidingEscapes(bytes, into: &scratch)
        return scratch.withUnsafeBufferPointer { Self.evaluate(test, $0) }
    }

    /// Whether the filter holds for `bytes` as they are.
    func matchesAsWritten(_ bytes: UnsafeBufferPointer<UInt8>) -> Bool { Self.evaluate(test, bytes) }

    static func evaluate(_ test: Test, _ bytes: UnsafeBufferPointer<UInt8>) -> Bool {
        switch test {
        case .always: return true
        case .contains(let needle): return contains(bytes, needle)
        case .all(let parts): return parts.allSatisfy { evaluate($0, bytes) }
        case .any(let parts): return parts.contains { evaluate($0, bytes) }
        }
    }

    /// Whether `needle` occurs in `bytes`. Sixteen positions are tested at once for the needle's first and last
    /// bytes (the SIMD search of Wojciech Muła); only positions where both match are compared whole.
    static func contains(_ bytes: UnsafeBufferPointer<UInt8>, _ needle: [UInt8]) -> Bool {
        let count = needle.count
        guard let base = bytes.baseAddress, count > 0 else { return count == 0 }
        guard bytes.count >= count else { return false }
        if count == 1 { return memchr(base, Int32(needle[0]), bytes.count) != nil }
        return needle.withUnsafeBufferPointer { pattern in
            let raw = UnsafeRawPointer(base)
            let first = SIMD16<UInt8>(repeating: pattern[0])
            let last = SIMD16<UInt8>(repeating: pattern[count - 1])
            let lastPosition = bytes.count - count
            var index = 0
            func candidates(_ offset: Int) -> SIMDMask<SIMD16<Int8>> {
                let starts = raw.loadUnaligned(fromByteOffset: offset, as: SIMD16<UInt8>.self)
                let ends = raw.loadUnaligned(fromByteOffset: offset + count - 1, as: SIMD16<UInt8>.self)
                return (starts .== first) .& (ends .== last)
            }
            func matches(_ block: Int) -> Bool {
                let found = candidates(block)
                guard any(found) else { return false }
                for lane in 0..<16 where found[lane] {
                    if memcmp(base + block + lane, pattern.baseAddress!, count) == 0 { return true }
                }
                return false
            }
            // Sixty-four positions per test: a pair of matching bytes is rare, so most blocks cost one branch.
            while index + 63 <= lastPosition {
                if any(candidates(index) .| candidates(index + 16) .| candidates(index + 32) .| candidates(index + 48)),
                    matches(index) || matches(index + 16) || matches(index + 32) || matches(index + 48)
                {
                    return true
                }
                index += 64
            }
            while index + 15 <= lastPosition {
                if matches(index) { return true }
                index += 16
            }
            while index <= lastPosition {
                if base[index] == pattern[0], memcmp(base + index, pattern.baseAddress!, count) == 0 { return true }
                index += 1
            }
            return false
        }
    }

    /// Whether the bytes hold a `\uXXXX` or `\/` escape (an escaped backslash is skipped as a pair).
    static func hasHidingEscape(_ bytes: UnsafeBufferPointer<UInt8>) -> Bool {
        guard let base = bytes.baseAddress else { return false }
        var index = 0
        while index < bytes.count {
            guard let found = memchr(base + index, 0x5C, bytes.count - index) else { return false }
            let position = base.distance(to: found.assumingMemoryBound(to: UInt8.self))
            guard position + 1 < bytes.count else { return false }
            let next = bytes[position + 1]
            if next == UInt8(ascii: "u") || next == UInt8(ascii: "/") { return true }
            index = position + 2
        }
        return false
    }

    /// The bytes with `\uXXXX` (surrogate pairs joined, a lone or malformed one as U+FFFD) and `\/` decoded, and
    /// every other escape kept as its two bytes, so an escaped quote or backslash cannot end a string early.
    static func decodeHidingEscapes(_ bytes: UnsafeBufferPointer<UInt8>, into output: inout [UInt8]) {
        output.removeAll(keepingCapacity: true)
        output.reserveCapacity(bytes.count)
        var index = 0
        while index < bytes.count {
            let byte = bytes[index]
            guard byte == 0x5C, index + 1 < bytes.count else {
                output.append(byte)
                index += 1
                continue
            }
            let escape = bytes[index + 1]
            if escape == UInt8(ascii: "/") {
                output.append(escape)
                index += 2
            } else if escape == UInt8(ascii: "u"), let high = hex4(bytes, index + 2) {
                index += 6
                var scalar = high
                if (0xD800..<0xDC00).contains(high), index + 1 < bytes.count, bytes[index] == 0x5C,
                    bytes[index + 1] == UInt8(ascii: "u"), let low = hex4(bytes, index + 2),
                    (0xDC00..<0xE000).contains(low)
                {
                    scalar = 0x10000 + ((high - 0xD800) << 10) + (low - 0xDC00)
                    index += 6
                }
                output.append(contentsOf: UTF8.encode(Unicode.Scalar(scalar) ?? "\u{FFFD}")!)
            } else {
                output.append(byte)
                output.append(escape)
                index += 2
            }
        }
    }

    private static func hex4(_ bytes: UnsafeBufferPointer<UInt8>, _ start: Int) -> UInt32? {
        guard start + 4 <= bytes.count else { return nil }
        var value: UInt32 = 0
        for offset in 0..<4 {
            guard let digit = JSONScanner.hexValue(bytes[start + offset]) else { return nil }
            value = value << 4 | digit
        }
        return value
    }
}
