import TrailGateBasics

/// Reads the times of `--since` and `--until`.
public enum TimeArgument {
    /// `2024-03-01T10:00:00Z` (fractions and `±HH:MM` allowed), or a day `2024-03-01`: its first second, or its last
    /// when `endOfDay`. Returns Unix seconds, or nil for anything else, a date that does not exist (February 30)
    /// among them.
    public static func parse(_ text: String, endOfDay: Bool = false) -> Int? {
        guard let time = Timestamp.parse(text) else { return nil }
        let seconds = Int(time.seconds)
        return endOfDay && text.utf8.count == 10 ? seconds + 86_399 : seconds
    }

    /// `YYYY-MM-DDTHH:MM:SSZ`.
    public static func format(_ seconds: Int) -> String { QueryCondition.iso8601(seconds) }
}
