/// An exact decimal number for the Numeric operators: an integer or a decimal, optionally signed and with an
/// exponent (`-12`, `0.5`, `1.25e3`). Compared exactly, with no binary rounding.
struct DecimalNumber: Comparable {
    private var negative: Bool
    /// The significant digits without leading or trailing zeros; empty for zero.
    private var digits: [UInt8]
    /// The value is `0.d₁d₂… × 10^exponent`.
    private var exponent: Int

    /// Nil unless `text` is `[+-]digits[.digits][e[+-]digits]` (either side of the point may be empty, not both).
    init?(_ text: String) {
        var rest = Substring(text)
        negative = rest.first == "-"
        if rest.first == "-" || rest.first == "+" { rest = rest.dropFirst() }
        let integer = rest.prefix(while: \.isASCIIDigit)
        rest = rest.dropFirst(integer.count)
        var fraction: Substring = ""
        if rest.first == "." {
            rest = rest.dropFirst()
            fraction = rest.prefix(while: \.isASCIIDigit)
            rest = rest.dropFirst(fraction.count)
        }
        guard !integer.isEmpty || !fraction.isEmpty else { return nil }
        var written = 0
        if let marker = rest.first, marker == "e" || marker == "E" {
            rest = rest.dropFirst()
            let sign = rest.first == "-" || rest.first == "+" ? String(rest.removeFirst()) : ""
            guard !rest.isEmpty, rest.allSatisfy(\.isASCIIDigit), let value = Int(sign + rest) else { return nil }
            written = value
            rest = ""
        }
        guard rest.isEmpty else { return nil }
        let all = (integer + fraction).compactMap(\.wholeNumberValue).map(UInt8.init)
        let leadingZeros = all.prefix(while: { $0 == 0 }).count
        var significant = Array(all.dropFirst(leadingZeros))
        while significant.last == 0 { significant.removeLast() }
        digits = significant
        let (shifted, overflow) = written.addingReportingOverflow(integer.count - leadingZeros)
        guard !overflow else { return nil }
        exponent = significant.isEmpty ? 0 : shifted
        if significant.isEmpty { negative = false }
    }

    static func < (lhs: DecimalNumber, rhs: DecimalNumber) -> Bool {
        if lhs.negative != rhs.negative { return lhs.negative }
        return lhs.negative ? magnitudeLess(rhs, lhs) : magnitudeLess(lhs, rhs)
    }

    private static func magnitudeLess(_ lhs: DecimalNumber, _ rhs: DecimalNumber) -> Bool {
        if lhs.digits.isEmpty || rhs.digits.isEmpty { return lhs.digits.isEmpty && !rhs.digits.isEmpty }
        if lhs.exponent != rhs.exponent { return lhs.exponent < rhs.exponent }
        return lhs.digits.lexicographicallyPrecedes(rhs.digits)
    }
}
