/// A strict, allocation-free JSON scanner over UTF-8 bytes: it validates a value and returns where it lies, so a
/// record's members can be stored as the text they were written as without building a tree.
struct JSONScanner {
    /// What a scanned value is.
    enum Kind: Equatable {
        case string(hasEscapes: Bool)
        case object, array, number, `true`, `false`, null
    }

    /// A value's bytes: `start..<end` in the buffer (strings include their quotes).
    struct Span: Equatable {
        var start: Int
        var end: Int
        var kind: Kind
    }

    /// Malformed JSON, at a byte offset of the buffer.
    struct Failure: Error, Equatable {
        var offset: Int
        var reason: String
    }

    let bytes: UnsafeBufferPointer<UInt8>
    var position: Int
    /// Objects and arrays nested deeper than this are refused rather than overflow the stack.
    static let maximumDepth = 512

    init(_ bytes: UnsafeBufferPointer<UInt8>, position: Int = 0) {
        self.bytes = bytes
        self.position = position
    }

    var atEnd: Bool { position >= bytes.count }

    mutating func skipWhitespace() {
        while position < bytes.count {
            switch bytes[position] {
            case 0x20, 0x09, 0x0A, 0x0D: position += 1
            default: return
            }
        }
    }

    /// Scans one value starting at the current position (after whitespace) and returns its span.
    mutating func value(depth: Int = 0) throws(Failure) -> Span {
        skipWhitespace()
        guard position < bytes.count else { throw Failure(offset: position, reason: "unexpected end of input") }
        let start = position
        switch bytes[position] {
        case UInt8(ascii: "\""):
            let escapes = try string()
            return Span(start: start, end: position, kind: .string(hasEscapes: escapes))
        case UInt8(ascii: "{"):
            try forEachMember(depth: depth) { _, _, _ throws(Failure) in }
            return Span(start: start, end: position, kind: .object)
        case UInt8(ascii: "["):
            try forEachElement(depth: depth) { _ throws(Failure) in }
            return Span(start: start, end: position, kind: .array)
        case UInt8(ascii: "t"): try literal("true"); return Span(start: start, end: position, kind: .true)
        case UInt8(ascii: "f"): try literal("false"); return Span(start: start, end: position, kind: .false)
        case UInt8(ascii: "n"): try literal("null"); return Span(start: start, end: position, kind: .null)
        case UInt8(ascii: "-"), UInt8(ascii: "0")...UInt8(ascii: "9"):
            try number()
            return Span(start: start, end: position, kind: .number)
        default:
            throw Failure(offset: position, reason: "unexpected character \(Self.describe(bytes[position]))")
        }
    }

    /// Scans an object at the current position, calling `body` with each member's key span (quotes included), whether
    /// the key has escapes, and its value span.
    mutating func forEachMember(depth: Int = 0, _ body: (Span, Bool, Span) throws(Failure) -> Void) throws(Failure) {
        try forEachMemberValue(depth: depth) { key, escapes, scanner throws(Failure) in
            try body(key, escapes, scanner.value(depth: depth + 1))
        }
    }

    /// Scans an object at the current position, calling `body` with each member's key span, whether the key has
    /// escapes, and a scanner on the member's value, which `body` must scan past (for example with `value(depth:)`
    /// at `depth + 1`): a caller that reads a value as it validates it scans each byte once.
    mutating func forEachMemberValue(depth: Int = 0, _ body: (Span, Bool, inout JSONScanner) throws(Failure) -> Void)
        throws(Failure)
    {
        skipWhitespace()
        guard position < bytes.count, bytes[position] == UInt8(ascii: "{") else {
            throw Failure(offset: position, reason: "expected an object")
        }
        guard depth < Self.maximumDepth else { throw Failure(offset: position, reason: "nested too deeply") }
        position += 1
        skipWhitespace()
        if position < bytes.count, bytes[position] == UInt8(ascii: "}") {
            position += 1
            return
        }
        while true {
            skipWhitespace()
            guard position < bytes.count, bytes[position] == UInt8(ascii: "\"") else {
                throw Failure(offset: position, reason: "expected a member name")
            }
            let keyStart = position
            let keyEscapes = try string()
            let key = Span(start: keyStart, end: position, kind: .string(hasEscapes: keyEscapes))
            skipWhitespace()
            guard position < bytes.count, bytes[position] == UInt8(ascii: ":") else {
                throw Failure(offset: position, reason: "expected ':' after a member name")
            }
            position += 1
            skipWhitespace()
            guard position < bytes.count else { throw Failure(offset: position, reason: "unexpected end of input") }
            try body(key, keyEscapes, &self)
            skipWhitespace()
            guard position < bytes.count else {
                throw Failure(offset: position, reason: "unexpected end of input in an object")
            }
            if bytes[position] == UInt8(ascii: ",") {
                position += 1
            } else if bytes[position] == UInt8(ascii: "}") {
                position += 1
                return
            } else {
                throw Failure(offset: position, reason: "expected ',' or '}' in an object")
            }
        }
    }

    /// Scans an array at the current position, calling `body` with each element's span.
    mutating func forEachElement(depth: Int = 0, _ body: (Span) throws(Failure) -> Void) throws(Failure) {
        try forEachElementValue(depth: depth) { scanner throws(Failure) in
            try body(scanner.value(depth: depth + 1))
        }
    }

    /// Scans an array at the current position, calling `body` with a scanner on each element, which `body` must
    /// scan past (as ``forEachMemberValue(depth:_:)`` does for members).
    mutating func forEachElementValue(depth: Int = 0, _ body: (inout JSONScanner) throws(Failure) -> Void)
        throws(Failure)
    {
        skipWhitespace()
        guard position < bytes.count, bytes[position] == UInt8(ascii: "[") else {
            throw Failure(offset: position, reason: "expected an array")
        }
        guard depth < Self.maximumDepth else { throw Failure(offset: position, reason: "nested too deeply") }
        position += 1
        skipWhitespace()
        if position < bytes.count, bytes[position] == UInt8(ascii: "]") {
            position += 1
            return
        }
        while true {
            skipWhitespace()
            guard position < bytes.count else { throw Failure(offset: position, reason: "unexpected end of input") }
            try body(&self)
            skipWhitespace()
            guard position < bytes.count else {
                throw Failure(offset: position, reason: "unexpected end of input in an array")
            }
            if bytes[position] == UInt8(ascii: ",") {
                position += 1
            } else if bytes[position] == UInt8(ascii: "]") {
                position += 1
                return
            } else {
                throw Failure(offset: position, reason: "expected ',' or ']' in an array")
            }
        }
    }

    /// The byte at the current position, nil at the end.
    var current: UInt8? { position < bytes.count ? bytes[position] : nil }

    /// Scans a string (the position is on its opening quote); returns whether it has escapes.
    private mutating func string() throws(Failure) -> Bool {
        position += 1
        var escapes = false
        while position < bytes.count {
            skipPlainStringBytes()
            guard position < bytes.count else { break }
            let byte = bytes[position]
            if byte == UInt8(ascii: "\"") {
                position += 1
                return escapes
            }
            if byte == UInt8(ascii: "\\") {
                escapes = true
                guard position + 1 < bytes.count else { break }
                switch bytes[position + 1] {
                case UInt8(ascii: "\""), UInt8(ascii: "\\"), UInt8(ascii: "/"), UInt8(ascii: "b"), UInt8(ascii: "f"),
                    UInt8(ascii: "n"), UInt8(ascii: "r"), UInt8(ascii: "t"):
                    position += 2
                case UInt8(ascii: "u"):
                    guard position + 5 < bytes.count, (2...5).allSatisfy({ Self.hexValue(bytes[position + $0]) != nil })
                    else {
                        throw Failure(offset: position, reason: "invalid \\u escape")
                    }
                    position += 6
                default:
                    throw Failure(offset: position, reason: "invalid escape in a string")
                }
                continue
            }
            if byte < 0x20 { throw Failure(offset: position, reason: "control character in a string") }
            position += 1
        }
        throw Failure(offset: position, reason: "unterminated string")
    }

    /// Skips, eight at a time, bytes that cannot end or escape a string: not `"`, not `\\`, not a control character.
    @inline(__always)
    private mutating func skipPlainStringBytes() {
        let ones: UInt64 = 0x0101_0101_0101_0101
        let highs: UInt64 = 0x8080_8080_8080_8080
        guard let base = bytes.baseAddress else { return }
        let raw = UnsafeRawPointer(base)
        while position + 8 <= bytes.count {
            let word = UInt64(littleEndian: raw.loadUnaligned(fromByteOffset: position, as: UInt64.self))
            let quote = word ^ (ones &* 0x22)
            let backslash = word ^ (ones &* 0x5C)
            // A byte is zero in `x` exactly when (x - 1) borrows into its high bit while x's high bit is clear.
            let special =
                ((quote &- ones) & ~quote) | ((backslash &- ones) & ~backslash) | ((word &- (ones &* 0x20)) & ~word)
            if special & highs != 0 { return }
            position += 8
        }
    }

    private mutating func literal(_ text: StaticString) throws(Failure) {
        let count = text.utf8CodeUnitCount
        guard position + count <= bytes.count else {
            throw Failure(offset: position, reason: "unexpected end of input")
        }
        let expected = UnsafeBufferPointer(start: text.utf8Start, count: count)
        for index in 0..<count where bytes[position + index] != expected[index] {
            throw Failure(offset: position + index, reason: "invalid literal")
        }
        position += count
    }

    private mutating func number() throws(Failure) {
        let start = position
        if bytes[position] == UInt8(ascii: "-") { position += 1 }
        guard position < bytes.count, Self.isDigit(bytes[position]) else {
            throw Failure(offset: start, reason: "invalid number")
        }
        if bytes[position] == UInt8(ascii: "0") {
            position += 1
        } else {
            while position < bytes.count, Self.isDigit(bytes[position]) { position += 1 }
        }
        if position < bytes.count, bytes[position] == UInt8(ascii: ".") {
            position += 1
            guard position < bytes.count, Self.isDigit(bytes[position]) else {
                throw Failure(offset: start, reason: "invalid number")
            }
            while position < bytes.count, Self.isDigit(bytes[position]) { position += 1 }
        }
        if position < bytes.count, bytes[position] | 0x20 == UInt8(ascii: "e") {
            position += 1
            if position < bytes.count, bytes[position] == UInt8(ascii: "+") || bytes[position] == UInt8(ascii: "-") {
                position += 1
            }
            guard position < bytes.count, Self.isDigit(bytes[position]) else {
                throw Failure(offset: start, reason: "invalid number")
            }
            while position < bytes.count, Self.isDigit(bytes[position]) { position += 1 }
        }
    }

    static func isDigit(_ byte: UInt8) -> Bool { byte >= UInt8(ascii: "0") && byte <= UInt8(ascii: "9") }

    static func hexValue(_ byte: UInt8) -> UInt32? {
        switch byte {
        case UInt8(ascii: "0")...UInt8(ascii: "9"): return UInt32(byte - UInt8(ascii: "0"))
        case UInt8(ascii: "a")...UInt8(ascii: "f"): return UInt32(byte - UInt8(ascii: "a") + 10)
        case UInt8(ascii: "A")...UInt8(ascii: "F"): return UInt32(byte - UInt8(ascii: "A") + 10)
        default: return nil
        }
    }

    static func describe(_ byte: UInt8) -> String {
        byte >= 0x20 && byte < 0x7F
            ? "'\(Character(Unicode.Scalar(byte)))'" : "byte 0x" + String(byte, radix: 16, uppercase: true)
    }

    /// Appends the string value of `span` (a string span) to `output` with escapes decoded.
    static func appendUnescaped(_ bytes: UnsafeBufferPointer<UInt8>, _ span: Span, to output: inout [UInt8]) {
        var index = span.start + 1
        let end = span.end - 1
        while index < end {
            let byte = bytes[index]
            guard byte == UInt8(ascii: "\\") else {
                output.append(byte)
                index += 1
                continue
            }
            let escape = bytes[index + 1]
            index += 2
            switch escape {
            case UInt8(ascii: "b"): output.append(0x08)
            case UInt8(ascii: "f"): output.append(0x0C)
            case UInt8(ascii: "n"): output.append(0x0A)
            case UInt8(ascii: "r"): output.append(0x0D)
            case UInt8(ascii: "t"): output.append(0x09)
            case UInt8(ascii: "u"):
                var scalar = hex4(bytes, index)
                index += 4
                if (0xD800..<0xDC00).contains(scalar), index + 5 < end + 1, bytes[index] == UInt8(ascii: "\\"),
                    bytes[index + 1] == UInt8(ascii: "u")
                {
                    let low = hex4(bytes, index + 2)
                    if (0xDC00..<0xE000).contains(low) {
                        scalar = 0x10000 + ((scalar - 0xD800) << 10) + (low - 0xDC00)
                        index += 6
                    }
                }
                appendUTF8(Unicode.Scalar(scalar) ?? "\u{FFFD}", to: &output)
            default: output.append(escape)
            }
        }
    }

    private static func hex4(_ bytes: UnsafeBufferPointer<UInt8>, _ index: Int) -> UInt32 {
        (0..<4).reduce(0) { $0 << 4 | (hexValue(bytes[index + $1]) ?? 0) }
    }

    private static func appendUTF8(_ scalar: Unicode.Scalar, to output: inout [UInt8]) {
        output.append(contentsOf: UTF8.encode(scalar)!)
    }
}
