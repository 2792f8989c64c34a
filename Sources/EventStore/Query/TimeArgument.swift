/// Reads the times of `--since` and `--until`.
public enum TimeArgument {
    /// `2024-03-01T10:00:00Z` (fractions allowed), or a day `2024-03-01`: its first second, or its last when
    /// `endOfDay`. Returns Unix seconds, or nil for anything else.
    public static func parse(_ text: String, endOfDay: Bool = false) -> Int? {
        let bytes = Array(text.utf8)
        if bytes.count == 10 {
            return RecordMapper.epochSeconds(Array((text + "T00:00:00Z").utf8), 0, 20).map {
                endOfDay ? $0 + 86_399 : $0
            }
        }
        return RecordMapper.epochSeconds(bytes, 0, bytes.count)
    }

    /// `YYYY-MM-DDTHH:MM:SSZ`.
    public static func format(_ seconds: Int) -> String { QueryCondition.iso8601(seconds) }
}
