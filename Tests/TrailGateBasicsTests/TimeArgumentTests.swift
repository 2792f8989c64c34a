import Testing
import TrailGateBasics

@Suite struct TimeArgumentTests {
    /// 2024-03-10T12:00:00Z, the clock of every age below.
    static let now = Timestamp.parse("2024-03-10T12:00:00Z")!

    struct Case: CustomTestStringConvertible, Sendable {
        var text: String
        var bound: TimeBound
        /// The instant in UTC ISO 8601, or nil when the text is refused.
        var expected: String?
        var testDescription: String { "\(text) (\(bound))" }
    }

    static let cases: [Case] = [
        Case(text: "2024-03-01T10:00:00Z", bound: .lower, expected: "2024-03-01T10:00:00Z"),
        Case(text: "2024-03-01T10:00:00+02:00", bound: .lower, expected: "2024-03-01T08:00:00Z"),
        Case(text: "2024-03-01T10:00:00-05:30", bound: .upper, expected: "2024-03-01T15:30:00Z"),
        Case(text: "2024-03-01T10:00:00.250Z", bound: .lower, expected: "2024-03-01T10:00:00Z"),
        Case(text: "2024-03-01T10:00:00.999+02:00", bound: .lower, expected: "2024-03-01T08:00:00Z"),
        Case(text: "2024-03-01T10:00:00", bound: .lower, expected: "2024-03-01T10:00:00Z"),
        Case(text: "2024-03-01T10:00Z", bound: .lower, expected: "2024-03-01T10:00:00Z"),
        Case(text: "2024-03-01T10:00+02:00", bound: .lower, expected: "2024-03-01T08:00:00Z"),
        Case(text: "2024-03-01", bound: .lower, expected: "2024-03-01T00:00:00Z"),
        Case(text: "2024-03-01", bound: .upper, expected: "2024-03-01T23:59:59Z"),
        Case(text: "2024-02-29", bound: .upper, expected: "2024-02-29T23:59:59Z"),
        Case(text: "2024-03-01 00:00", bound: .lower, expected: "2024-03-01T00:00:00Z"),
        Case(text: "2024-03-01 10:30", bound: .upper, expected: "2024-03-01T10:30:00Z"),
        Case(text: "2024-03-01 10:30:15", bound: .lower, expected: "2024-03-01T10:30:15Z"),
        Case(text: "30m", bound: .lower, expected: "2024-03-10T11:30:00Z"),
        Case(text: "24h", bound: .lower, expected: "2024-03-09T12:00:00Z"),
        Case(text: "7d", bound: .lower, expected: "2024-03-03T12:00:00Z"),
        Case(text: "2w", bound: .upper, expected: "2024-02-25T12:00:00Z"),
        Case(text: "0h", bound: .upper, expected: "2024-03-10T12:00:00Z"),
        Case(text: "yesterday", bound: .lower, expected: nil),
        Case(text: "", bound: .lower, expected: nil),
        Case(text: "h", bound: .lower, expected: nil),
        Case(text: "24", bound: .lower, expected: nil),
        Case(text: "-24h", bound: .lower, expected: nil),
        Case(text: "24y", bound: .lower, expected: nil),
        Case(text: "1234567890h", bound: .lower, expected: nil),
        Case(text: "2024-02-30", bound: .lower, expected: nil),
        Case(text: "2023-02-29T00:00:00Z", bound: .lower, expected: nil),
        Case(text: "2024-03-01T24:00:00Z", bound: .lower, expected: nil),
        Case(text: "2024-03-01 10", bound: .lower, expected: nil),
        Case(text: "2024-03-01T10:00:00+0200", bound: .lower, expected: nil),
        Case(text: "03/01/2024", bound: .lower, expected: nil),
    ]

    @Test("every accepted form reads as one UTC instant; anything else is refused", arguments: cases)
    func parses(_ entry: Case) {
        #expect(TimeArgument.parse(entry.text, bound: entry.bound, now: Self.now)?.iso8601 == entry.expected)
    }
}
