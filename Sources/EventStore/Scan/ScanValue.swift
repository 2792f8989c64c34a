/// A value as SQLite holds it while the scan evaluates an investigation: NULL, a number, or text as its UTF-8 bytes.
/// Values compare as SQLite compares them: NULL first, then numbers by value, then text byte by byte (`BINARY`).
enum ScanValue: Hashable, Sendable, Comparable {
    case null
    case integer(Int64)
    case real(Double)
    case text([UInt8])

    init(_ text: String) { self = .text(Array(text.utf8)) }

    /// Text is hashed as one block of bytes, not byte by byte: groups and distinct sets hash a value per event.
    func hash(into hasher: inout Hasher) {
        switch self {
        case .null: hasher.combine(0 as UInt8)
        case .integer(let number): hasher.combine(number)
        case .real(let number): hasher.combine(number)
        case .text(let bytes):
            hasher.combine(bytes.count)
            bytes.withUnsafeBytes { hasher.combine(bytes: $0) }
        }
    }

    var isNull: Bool { self == .null }

    /// As the store's query engine returns it.
    var result: ResultValue {
        switch self {
        case .null: return .null
        case .integer(let number): return .number(String(number))
        case .real(let number): return ResultValue(real: number)
        case .text(let bytes): return .text(String(decoding: bytes, as: UTF8.self))
        }
    }

    private var rank: Int {
        switch self {
        case .null: 0
        case .integer, .real: 1
        case .text: 2
        }
    }

    static func < (left: ScanValue, right: ScanValue) -> Bool {
        switch (left, right) {
        case (.integer(let a), .integer(let b)): return a < b
        case (.integer(let a), .real(let b)): return Double(a) < b
        case (.real(let a), .integer(let b)): return a < Double(b)
        case (.real(let a), .real(let b)): return a < b
        case (.text(let a), .text(let b)): return a.lexicographicallyPrecedes(b)
        default: return left.rank < right.rank
        }
    }

    /// SQL `=`: NULL when either side is NULL; a number never equals text.
    func sqlEquals(_ other: ScanValue) -> Bool? {
        if isNull || other.isNull { return nil }
        switch (self, other) {
        case (.text(let a), .text(let b)): return a == b
        case (.text, _), (_, .text): return false
        default: return !(self < other) && !(other < self)
        }
    }
}
