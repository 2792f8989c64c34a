import Testing

@testable import EventStore

@Suite("S3 layout")
struct LayoutTests {
    @Test("object keys give kind, organization, account, Region and delivery day")
    func keys() throws {
        let key = try #require(
            LogObjectKey("p/AWSLogs/o-abcdefghij/111122223333/CloudTrail/eu-west-1/2024/03/02/f.json.gz"))
        #expect(key == LogObjectKey("AWSLogs/o-abcdefghij/111122223333/CloudTrail/eu-west-1/2024/03/02/x"))
        #expect(
            key.organizationId == "o-abcdefghij" && key.account == "111122223333" && key.region == "eu-west-1"
                && key.date == "2024/03/02")
        #expect(LogObjectKey("AWSLogs/111122223333/CloudTrail-Digest/us-east-1/2024/03/02/d.json.gz")?.kind == .digest)
        #expect(
            LogObjectKey("AWSLogs/111122223333/CloudTrail-Insight/us-east-1/2024/03/02/i.json.gz")?.kind == .insight)
        #expect(LogObjectKey("logs/file.json") == nil)
        #expect(LogObjectKey("AWSLogs/1111/CloudTrail/us-east-1/2024/03/02/f") == nil)
    }

    @Test("S3 ingest lists one prefix per account, kind, Region and day, through the day after until")
    func prefixes() {
        let prefixes = S3LogPrefixes.prefixes(
            prefix: "/trail/", organizationId: "o-abcdefghij", accounts: ["111122223333"],
            regions: ["us-east-1"], since: 1_709_251_200, until: 1_709_337_599, insights: false)
        #expect(
            prefixes == [
                "trail/AWSLogs/o-abcdefghij/111122223333/CloudTrail/us-east-1/2024/03/01/",
                "trail/AWSLogs/o-abcdefghij/111122223333/CloudTrail/us-east-1/2024/03/02/",
            ])
        #expect(
            S3LogPrefixes.prefixes(
                prefix: "", organizationId: nil, accounts: ["1", "2"], regions: ["a", "b"],
                since: 0, until: 86_399
            ).count == 2 * 2 * 2 * 2)
        #expect(S3LogPrefixes.civilDate(19_783) == "2024/03/01")
    }

    @Test("the layout filter keeps the delivery day after until and drops days before since")
    func filter() throws {
        let filter = IngestFilter(since: 1_709_251_200, until: 1_709_337_599, accounts: ["111122223333"])
        func key(_ day: String, account: String = "111122223333") throws -> LogObjectKey {
            try #require(LogObjectKey("AWSLogs/\(account)/CloudTrail/us-east-1/\(day)/f.json.gz"))
        }
        #expect(try !filter.mayContain(key("2024/02/29")))
        #expect(try filter.mayContain(key("2024/03/01")))
        #expect(try filter.mayContain(key("2024/03/02")))
        #expect(try !filter.mayContain(key("2024/03/03")))
        #expect(try !filter.mayContain(key("2024/03/01", account: "999999999999")))
    }

    @Test("times parse as ISO 8601 UTC, with or without fractions")
    func times() {
        func seconds(_ text: String) -> Int? { RecordMapper.epochSeconds(Array(text.utf8), 0, text.utf8.count) }
        #expect(seconds("2024-03-01T10:00:00Z") == 1_709_287_200)
        #expect(seconds("2024-03-01T10:00:00.250Z") == 1_709_287_200)
        #expect(seconds("1970-01-01T00:00:00Z") == 0)
        #expect(seconds("2024-03-01 10:00:00") == nil)
        #expect(seconds("2024-13-01T10:00:00Z") == nil)
    }
}
