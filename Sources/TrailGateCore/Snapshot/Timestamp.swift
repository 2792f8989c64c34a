import Foundation

/// An AWS timestamp as the AWS CLI prints it: ISO 8601 text (`2027-01-01T00:00:00+00:00`) or epoch seconds.
public struct Timestamp: Sendable, Codable, Hashable, Comparable {
    /// The instant.
    public var date: Date

    public init(_ date: Date) { self.date = date }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.singleValueContainer()
        if let seconds = try? container.decode(Double.self) {
            date = Date(timeIntervalSince1970: seconds)
            return
        }
        let text = try container.decode(String.self)
        guard let parsed = Timestamp.parse(text) else {
            throw DecodingError.dataCorruptedError(
                in: container, debugDescription: "expected an ISO 8601 timestamp, found \"\(text)\"")
        }
        date = parsed
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(iso8601)
    }

    /// Parses ISO 8601 with or without fractional seconds, with `Z` or a numeric offset, or a bare date.
    public static func parse(_ text: String) -> Date? {
        let withFraction = ISO8601DateFormatter()
        withFraction.formatOptions = [.withInternetDateTime, .withFractionalSeconds]
        let plain = ISO8601DateFormatter()
        plain.formatOptions = [.withInternetDateTime]
        let dateOnly = ISO8601DateFormatter()
        dateOnly.formatOptions = [.withFullDate]
        return plain.date(from: text) ?? withFraction.date(from: text) ?? dateOnly.date(from: text)
    }

    /// The instant as `YYYY-MM-DDThh:mm:ssZ`.
    public var iso8601: String {
        let formatter = ISO8601DateFormatter()
        formatter.formatOptions = [.withInternetDateTime]
        return formatter.string(from: date)
    }

    /// The calendar day as `YYYY-MM-DD` (UTC).
    public var day: String {
        let formatter = ISO8601DateFormatter()
        formatter.formatOptions = [.withFullDate]
        return formatter.string(from: date)
    }

    public static func < (lhs: Timestamp, rhs: Timestamp) -> Bool { lhs.date < rhs.date }
}
