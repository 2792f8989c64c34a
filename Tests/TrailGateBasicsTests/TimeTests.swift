import Foundation
import Testing
import TrailGateBasics

@Suite struct TimeTests {
    @Test("day numbers and calendar dates convert both ways across eras, leap days and the epoch")
    func civilDatesRoundTrip() {
        for days in [-719_468, -1, 0, 1, 59, 60, 11_016, 19_783, 2_932_896] {
            let date = CivilDate(days: days)
            #expect(date.days == days)
            #expect(CivilDate(year: date.year, month: date.month, day: date.day) == date)
        }
        #expect(CivilDate(days: 19_783) == CivilDate(year: 2024, month: 3, day: 1))
        #expect(CivilDate(days: -1) == CivilDate(year: 1969, month: 12, day: 31))
    }

    @Test("dates that do not exist are refused instead of rolling over")
    func impossibleDates() {
        #expect(CivilDate(year: 2024, month: 2, day: 29) != nil)
        #expect(CivilDate(year: 2023, month: 2, day: 29) == nil)
        #expect(CivilDate(year: 2024, month: 2, day: 30) == nil)
        #expect(CivilDate(year: 1900, month: 2, day: 29) == nil)
        #expect(CivilDate(year: 2000, month: 2, day: 29) != nil)
        #expect(CivilDate(year: 2024, month: 4, day: 31) == nil)
        #expect(CivilDate(year: 2024, month: 13, day: 1) == nil)
        #expect(Timestamp.parse("2024-02-30") == nil)
        #expect(Timestamp.parse("2024-02-30T00:00:00Z") == nil)
        #expect(Timestamp.parseKeyFormat("20240230T000000Z") == nil)
    }

    @Test("timestamps read ISO 8601 with a fraction, an offset, a space or a date alone, and print UTC")
    func timestampText() {
        let time = Timestamp.parse("2024-03-01T02:18:23Z")
        #expect(time?.iso8601 == "2024-03-01T02:18:23Z")
        #expect(time?.day == "2024-03-01")
        #expect(time?.keyFormat == "20240301T021823Z")
        #expect(time?.dateFolders == "2024/03/01")
        #expect(Timestamp.parse("2024-03-01 02:18:23") == time)
        #expect(Timestamp.parse("2024-03-01T02:18:23.999999Z") == time)
        #expect(Timestamp.parse("2024-03-01T04:18:23+02:00") == time)
        #expect(Timestamp.parse("2024-02-29T23:18:23-03:00") == time)
        #expect(Timestamp.parse("2024-03-01T02:18:23+0200") == nil)
        #expect(Timestamp.parse("2024-03-01T24:00:00Z") == nil)
        #expect(Timestamp(seconds: -1).iso8601 == "1969-12-31T23:59:59Z")
        #expect(Timestamp(Date(timeIntervalSince1970: 1.9)).seconds == 1)
        #expect(Timestamp(CivilDate(year: 2027, month: 1, day: 1)!).iso8601 == "2027-01-01T00:00:00Z")
    }

    @Test("a snapshot timestamp decodes from text or epoch seconds and encodes as text")
    func timestampCoding() throws {
        let decoded = try JSONDecoder().decode(
            [Timestamp].self, from: Data(#"["2027-01-01T00:00:00+00:00", 1798761600, 1798761600.75]"#.utf8))
        #expect(decoded.map(\.iso8601) == Array(repeating: "2027-01-01T00:00:00Z", count: 3))
        let encoded = try JSONEncoder().encode([decoded[0]])
        #expect(String(decoding: encoded, as: UTF8.self) == #"["2027-01-01T00:00:00Z"]"#)
        #expect(throws: DecodingError.self) {
            try JSONDecoder().decode([Timestamp].self, from: Data(#"["soon"]"#.utf8))
        }
    }
}
