import TrailGateBasics

/// An instant for the Date operators, read from epoch seconds or a W3C profile of ISO 8601.
///
/// Accepted: epoch seconds (`1700000000`, `1700000000.5`); `YYYY-MM`; `YYYY-MM-DD`; and
/// `YYYY-MM-DDThh:mm[:ss[.fraction]]` followed by `Z`, `±hh:mm`, `±hhmm`, `±hh` or nothing (UTC).
/// A string of digits alone is epoch seconds, so a bare year such as `2024` is read as 2024 seconds.
struct ConditionDate: Comparable {
    /// Whole seconds since 1970-01-01T00:00:00Z.
    private var seconds: Int
    /// The digits after the decimal point, without trailing zeros.
    private var fraction: [UInt8]

    init?(_ text: String) {
        if let epoch = Self.epoch(Substring(text)) {
            self = epoch
        } else if let calendar = Self.calendar(Substring(text)) {
            self = calendar
        } else {
            return nil
        }
    }

    private init(seconds: Int, fraction: Substring) {
        self.seconds = seconds
        var digits = fraction.compactMap(\.wholeNumberValue).map(UInt8.init)
        while digits.last == 0 { digits.removeLast() }
        self.fraction = digits
    }

    static func < (lhs: ConditionDate, rhs: ConditionDate) -> Bool {
        lhs.seconds != rhs.seconds ? lhs.seconds < rhs.seconds : lhs.fraction.lexicographicallyPrecedes(rhs.fraction)
    }

    private static func epoch(_ text: Substring) -> ConditionDate? {
        let parts = text.split(separator: ".", maxSplits: 1, omittingEmptySubsequences: false)
        guard parts.allSatisfy({ !$0.isEmpty && $0.allSatisfy(\.isASCIIDigit) }), let seconds = Int(parts[0]) else {
            return nil
        }
        return ConditionDate(seconds: seconds, fraction: parts.count == 2 ? parts[1] : "")
    }

    private static func calendar(_ text: Substring) -> ConditionDate? {
        var reader = FieldReader(text)
        guard let year = reader.number(digits: 4), reader.skip("-"), let month = reader.number(digits: 2),
            (1...12).contains(month)
        else { return nil }
        var day = 1
        var secondOfDay = 0
        var fraction: Substring = ""
        var offset = 0
        if reader.skip("-") {
            guard let value = reader.number(digits: 2), (1...CivilDate.daysIn(month: month, year: year)).contains(value)
            else { return nil }
            day = value
            if reader.skip("T") {
                guard let hour = reader.number(digits: 2), hour < 24, reader.skip(":"),
                    let minute = reader.number(digits: 2), minute < 60
                else { return nil }
                var second = 0
                if reader.skip(":") {
                    guard let value = reader.number(digits: 2), value < 60 else { return nil }
                    second = value
                    if reader.skip(".") {
                        fraction = reader.digits()
                        guard !fraction.isEmpty else { return nil }
                    }
                }
                secondOfDay = hour * 3600 + minute * 60 + second
                guard let zone = reader.zoneOffset() else { return nil }
                offset = zone
            }
        }
        guard reader.isAtEnd else { return nil }
        let seconds = CivilDate.days(year: year, month: month, day: day) * 86_400 + secondOfDay - offset
        return ConditionDate(seconds: seconds, fraction: fraction)
    }

    /// Reads fixed-width fields of a date.
    private struct FieldReader {
        var rest: Substring

        init(_ text: Substring) { rest = text }

        var isAtEnd: Bool { rest.isEmpty }

        mutating func skip(_ character: Character) -> Bool {
            guard rest.first == character else { return false }
            rest = rest.dropFirst()
            return true
        }

        mutating func digits() -> Substring {
            let digits = rest.prefix(while: \.isASCIIDigit)
            rest = rest.dropFirst(digits.count)
            return digits
        }

        mutating func number(digits count: Int) -> Int? {
            let field = rest.prefix(count)
            guard field.count == count, field.allSatisfy(\.isASCIIDigit) else { return nil }
            rest = rest.dropFirst(count)
            return Int(field)
        }

        /// The offset from UTC in seconds: 0 for `Z` or no zone, else `±hh[[:]mm]`; nil when malformed.
        mutating func zoneOffset() -> Int? {
            if isAtEnd || skip("Z") { return 0 }
            guard let sign = rest.first, sign == "+" || sign == "-" else { return nil }
            rest = rest.dropFirst()
            guard let hours = number(digits: 2), hours < 24 else { return nil }
            var minutes = 0
            if !isAtEnd {
                _ = skip(":")
                guard let value = number(digits: 2), value < 60 else { return nil }
                minutes = value
            }
            return (sign == "-" ? -1 : 1) * (hours * 3600 + minutes * 60)
        }
    }
}
