import Foundation
import TrailObjects

/// A UTC instant in whole seconds since 1970, the resolution of every CloudTrail digest time.
public struct Timestamp: Sendable, Hashable, Comparable, CustomStringConvertible {
    public var seconds: Int64

    public init(seconds: Int64) {
        self.seconds = seconds
    }

    public init(_ date: Date) {
        seconds = Int64(date.timeIntervalSince1970.rounded(.down))
    }

    public static func < (lhs: Timestamp, rhs: Timestamp) -> Bool { lhs.seconds < rhs.seconds }

    public func adding(seconds delta: Int64) -> Timestamp { Timestamp(seconds: seconds + delta) }

    /// `YYYY-MM-DDTHH:MM:SSZ`, the CLI's display format.
    public var description: String {
        let (y, mo, d, h, mi, s) = civil
        return "\(pad(y, 4))-\(pad(mo))-\(pad(d))T\(pad(h)):\(pad(mi)):\(pad(s))Z"
    }

    /// `YYYYMMDDTHHMMSSZ`, the digest key format.
    public var keyFormat: String {
        let (y, mo, d, h, mi, s) = civil
        return "\(pad(y, 4))\(pad(mo))\(pad(d))T\(pad(h))\(pad(mi))\(pad(s))Z"
    }

    /// `YYYY/MM/DD`, the date folders of a key.
    public var dateFolders: String {
        let (y, mo, d, _, _, _) = civil
        return "\(pad(y, 4))/\(pad(mo))/\(pad(d))"
    }

    /// Parses `YYYY-MM-DDTHH:MM:SS` with an optional fraction (dropped) and `Z` or `±HH:MM`; a bare date is midnight.
    public static func parse(_ text: String) -> Timestamp? {
        let bytes = Array(text.utf8)
        func number(_ from: Int, _ count: Int) -> Int? {
            guard from + count <= bytes.count else { return nil }
            var value = 0
            for byte in bytes[from..<from + count] {
                guard (48...57).contains(byte) else { return nil }
                value = value * 10 + Int(byte - 48)
            }
            return value
        }
        guard let year = number(0, 4), bytes.count >= 10, bytes[4] == 45, let month = number(5, 2), bytes[7] == 45,
              let day = number(8, 2) else { return nil }
        if bytes.count == 10 { return make(year, month, day, 0, 0, 0) }
        guard bytes.count >= 19, bytes[10] == 84 || bytes[10] == 32, let hour = number(11, 2), bytes[13] == 58,
              let minute = number(14, 2), bytes[16] == 58, let second = number(17, 2) else { return nil }
        var index = 19
        if index < bytes.count, bytes[index] == 46 {
            index += 1
            while index < bytes.count, (48...57).contains(bytes[index]) { index += 1 }
        }
        var offset = 0
        if index == bytes.count || (bytes[index] == 90 && index + 1 == bytes.count) {
            offset = 0
        } else if bytes[index] == 43 || bytes[index] == 45, bytes.count == index + 6, let oh = number(index + 1, 2),
                  bytes[index + 3] == 58, let om = number(index + 4, 2) {
            offset = (oh * 3600 + om * 60) * (bytes[index] == 45 ? -1 : 1)
        } else {
            return nil
        }
        return make(year, month, day, hour, minute, second).map { $0.adding(seconds: Int64(-offset)) }
    }

    /// Parses the `YYYYMMDDTHHMMSSZ` of a digest key.
    public static func parseKeyFormat(_ text: Substring) -> Timestamp? {
        let bytes = Array(text.utf8)
        guard bytes.count == 16, bytes[8] == 84, bytes[15] == 90 else { return nil }
        func number(_ from: Int, _ count: Int) -> Int? {
            var value = 0
            for byte in bytes[from..<from + count] {
                guard (48...57).contains(byte) else { return nil }
                value = value * 10 + Int(byte - 48)
            }
            return value
        }
        guard let y = number(0, 4), let mo = number(4, 2), let d = number(6, 2), let h = number(9, 2), let mi = number(11, 2),
              let s = number(13, 2) else { return nil }
        return make(y, mo, d, h, mi, s)
    }

    static func make(_ year: Int, _ month: Int, _ day: Int, _ hour: Int, _ minute: Int, _ second: Int) -> Timestamp? {
        guard (1...12).contains(month), (1...31).contains(day), hour < 24, minute < 60, second < 61 else { return nil }
        // Days from civil (Howard Hinnant's algorithm).
        let y = month <= 2 ? year - 1 : year
        let era = (y >= 0 ? y : y - 399) / 400
        let yoe = y - era * 400
        let doy = (153 * (month + (month > 2 ? -3 : 9)) + 2) / 5 + day - 1
        let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy
        let days = era * 146097 + doe - 719468
        return Timestamp(seconds: Int64(days) * 86400 + Int64(hour * 3600 + minute * 60 + second))
    }

    private func pad(_ value: Int, _ width: Int = 2) -> String {
        let text = String(value)
        return text.count >= width ? text : String(repeating: "0", count: width - text.count) + text
    }

    private var civil: (Int, Int, Int, Int, Int, Int) {
        let days = Int(seconds >= 0 ? seconds / 86400 : (seconds - 86399) / 86400)
        let rest = Int(seconds - Int64(days) * 86400)
        let (year, month, day) = CivilDay.date(days: days)
        return (year, month, day, rest / 3600, rest % 3600 / 60, rest % 60)
    }
}
