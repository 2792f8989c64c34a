/// Which end of a time window a time closes: a date alone means its first second for a lower bound and its last
/// second for an upper bound.
public enum TimeBound: Sendable {
    case lower, upper
}

/// The one reader of the times users type on the command line (`--since`, `--until`, `--start-time`, `--end-time`).
///
/// Accepted, as the AWS CLI accepts them:
/// - ISO 8601 with `Z` or an offset: `2024-03-01T10:00:00Z`, `2024-03-01T10:00:00+02:00`, with or without a fraction
///   of a second (dropped); minutes alone (`2024-03-01T10:00Z`) and no zone at all mean the same as with `:00` and
///   `Z`;
/// - a date alone, `2024-03-01`: its first second, or its last for an upper bound;
/// - `2024-03-01 10:00` or `2024-03-01 10:00:00`, in UTC;
/// - an age before now: a whole number and `m` (minutes), `h` (hours), `d` (days) or `w` (weeks): `30m`, `24h`,
///   `7d`, `2w`.
///
/// Dates that do not exist (February 30) are refused.
public enum TimeArgument {
    /// The accepted forms, for error messages and help.
    public static let acceptedForms =
        "2024-03-01T10:00:00Z (or an offset, +02:00), 2024-03-01, \"2024-03-01 10:00[:00]\" (UTC), "
        + "or an age before now: 30m, 24h, 7d, 2w"

    /// The instant `text` names, `now` anchoring the ages; nil when `text` is none of the accepted forms.
    public static func parse(_ text: String, bound: TimeBound, now: Timestamp) -> Timestamp? {
        if let age = age(text) { return now.adding(seconds: -age) }
        let bytes = Array(text.utf8)
        if bytes.count == 10 {
            guard let day = Timestamp.parse(text) else { return nil }
            return bound == .upper ? day.adding(seconds: 86_399) : day
        }
        // `HH:MM` with no seconds: read as `HH:MM:00`.
        if bytes.count >= 16, bytes[13] == UInt8(ascii: ":"), bytes.count == 16 || bytes[16] != UInt8(ascii: ":") {
            return Timestamp.parse(String(text.prefix(16)) + ":00" + String(text.dropFirst(16)))
        }
        return Timestamp.parse(text)
    }

    /// Seconds in an age such as `24h`: one to nine digits and a unit.
    private static func age(_ text: String) -> Int64? {
        guard let unit = text.last, (2...10).contains(text.count) else { return nil }
        let digits = text.dropLast()
        guard digits.allSatisfy({ $0.isASCII && $0.isNumber }), let count = Int64(digits) else { return nil }
        switch unit {
        case "m": return count * 60
        case "h": return count * 3_600
        case "d": return count * 86_400
        case "w": return count * 604_800
        default: return nil
        }
    }
}
