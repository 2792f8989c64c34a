import Foundation

/// A UTC instant in whole seconds since 1970: CloudTrail digest and snapshot times, lifecycle dates, time windows.
///
/// Read from ISO 8601 text (`2027-01-01T00:00:00Z`, with a fraction, an offset, a space for `T`, or a date alone)
/// or, in snapshots, from epoch seconds as the AWS CLI may print them; written as `YYYY-MM-DDTHH:MM:SSZ`.
public struct Timestamp: Sendable, Hashable, Comparable, Codable, CustomStringConvertible {
    public var seconds: Int64

    public init(seconds: Int64) {
        self.seconds = seconds
    }

    /// The instant of `date`, rounded down to the second.
    public init(_ date: Date) {
        seconds = Int64(date.timeIntervalSince1970.rounded(.down))
    }

    /// Midnight UTC at the start of `date`.
    public init(_ date: CivilDate) {
        seconds = Int64(date.days) * 86_400
    }

    /// The instant as a Foundation date.
    public var date: Date { Date(timeIntervalSince1970: TimeInterval(seconds)) }

    /// The UTC calendar date of the instant.
    public var civilDate: CivilDate { CivilDate(days: Int(seconds.floorDivided(by: 86_400))) }

    public static func < (lhs: Timestamp, rhs: Timestamp) -> Bool { lhs.seconds < rhs.seconds }

    public func adding(seconds delta: Int64) -> Timestamp { Timestamp(seconds: seconds + delta) }

    /// `YYYY-MM-DDTHH:MM:SSZ`.
    public var description: String { iso8601 }

    /// `YYYY-MM-DDTHH:MM:SSZ`.
    public var iso8601: String { text(dateSeparator: "-", timeSeparator: ":") }

    /// `YYYY-MM-DD`, the UTC calendar day.
    public var day: String { dayText(separator: "-") }

    /// `YYYYMMDDTHHMMSSZ`, the time in a CloudTrail digest key.
    public var keyFormat: String { text(dateSeparator: "", timeSeparator: "") }

    /// `YYYY/MM/DD`, the date folders of a CloudTrail key.
    public var dateFolders: String { dayText(separator: "/") }

    private func dayText(separator: String) -> String {
        let date = civilDate
        return [pad(date.year, 4), pad(date.month), pad(date.day)].joined(separator: separator)
    }

    private func text(dateSeparator: String, timeSeparator: String) -> String {
        let rest = Int(seconds - seconds.floorDivided(by: 86_400) * 86_400)
        let time = [pad(rest / 3600), pad(rest % 3600 / 60), pad(rest % 60)].joined(separator: timeSeparator)
        return dayText(separator: dateSeparator) + "T" + time + "Z"
    }

    /// Epoch seconds of 0000-01-01T00:00:00Z up to 9999-12-31T23:59:59Z, the years a four-digit ISO 8601 date holds.
    private static let representableEpochSeconds: ClosedRange<Double> = -62_167_219_200...253_402_300_799

    public init(from decoder: any Decoder) throws {
        let container = try decoder.singleValueContainer()
        if let epoch = try? container.decode(Double.self) {
            guard Self.representableEpochSeconds.contains(epoch) else {
                throw DecodingError.dataCorruptedError(
                    in: container,
                    debugDescription: "expected seconds since 1970 for a year from 0 to 9999, found \(epoch)")
            }
            self.init(seconds: Int64(epoch.rounded(.down)))
            return
        }
        let text = try container.decode(String.self)
        guard let parsed = Timestamp.parse(text) else {
            throw DecodingError.dataCorruptedError(
                in: container, debugDescription: "expected an ISO 8601 timestamp, found \"\(text)\"")
        }
        self = parsed
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(iso8601)
    }

    /// Parses `YYYY-MM-DD`, or `YYYY-MM-DDTHH:MM:SS` (or a space for `T`) with an optional fraction (dropped) and
    /// `Z`, `±HH:MM` or nothing (UTC). Dates that do not exist (February 30) give nil.
    public static func parse(_ text: String) -> Timestamp? {
        let reader = DigitReader(text)
        guard let year = reader.number(0, 4), reader.byte(4) == 45, let month = reader.number(5, 2),
            reader.byte(7) == 45, let day = reader.number(8, 2)
        else { return nil }
        if reader.count == 10 { return make(year, month, day, 0, 0, 0) }
        guard reader.count >= 19, reader.byte(10) == 84 || reader.byte(10) == 32, let hour = reader.number(11, 2),
            reader.byte(13) == 58, let minute = reader.number(14, 2), reader.byte(16) == 58,
            let second = reader.number(17, 2), let offset = reader.zoneOffset(after: 19)
        else { return nil }
        return make(year, month, day, hour, minute, second).map { $0.adding(seconds: Int64(-offset)) }
    }

    /// Parses the `YYYYMMDDTHHMMSSZ` of a digest key.
    public static func parseKeyFormat(_ text: Substring) -> Timestamp? {
        let reader = DigitReader(String(text))
        guard reader.count == 16, reader.byte(8) == 84, reader.byte(15) == 90, let y = reader.number(0, 4),
            let mo = reader.number(4, 2), let d = reader.number(6, 2), let h = reader.number(9, 2),
            let mi = reader.number(11, 2), let s = reader.number(13, 2)
        else { return nil }
        return make(y, mo, d, h, mi, s)
    }

    /// The instant of a UTC date and time, or nil if the date does not exist or the time is out of range (a
    /// leap second, 60, is accepted).
    public static func make(_ year: Int, _ month: Int, _ day: Int, _ hour: Int, _ minute: Int, _ second: Int)
        -> Timestamp?
    {
        guard let date = CivilDate(year: year, month: month, day: day), (0..<24).contains(hour),
            (0..<60).contains(minute), (0..<61).contains(second)
        else { return nil }
        return Timestamp(date).adding(seconds: Int64(hour * 3600 + minute * 60 + second))
    }

    private func pad(_ value: Int, _ width: Int = 2) -> String {
        let text = String(value)
        return text.count >= width ? text : String(repeating: "0", count: width - text.count) + text
    }
}

/// Reads the fixed-width ASCII fields of a date or time.
private struct DigitReader {
    let bytes: [UInt8]

    init(_ text: String) {
        bytes = Array(text.utf8)
    }

    var count: Int { bytes.count }

    func byte(_ index: Int) -> UInt8? {
        index < bytes.count ? bytes[index] : nil
    }

    /// The decimal number in `count` bytes from `from`, or nil unless they are all digits.
    func number(_ from: Int, _ count: Int) -> Int? {
        guard from + count <= bytes.count else { return nil }
        var value = 0
        for byte in bytes[from..<from + count] {
            guard (48...57).contains(byte) else { return nil }
            value = value * 10 + Int(byte - 48)
        }
        return value
    }

    /// Seconds east of UTC of the zone that ends the text after an optional fraction at `index`: nothing or `Z`
    /// is 0, `±HH:MM` its offset; anything else is nil.
    func zoneOffset(after index: Int) -> Int? {
        var index = index
        if byte(index) == 46 {
            index += 1
            while let digit = byte(index), (48...57).contains(digit) { index += 1 }
        }
        if index == count || (byte(index) == 90 && index + 1 == count) { return 0 }
        guard let sign = byte(index), sign == 43 || sign == 45, count == index + 6, let hours = number(index + 1, 2),
            byte(index + 3) == 58, let minutes = number(index + 4, 2)
        else { return nil }
        return (hours * 3600 + minutes * 60) * (sign == 45 ? -1 : 1)
    }
}
