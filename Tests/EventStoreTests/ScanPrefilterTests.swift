import Foundation
import TestSupport
import Testing

@testable import EventStore

@Suite("scan prefilter and evaluator")
struct ScanPrefilterTests {
    /// Random conditions over the columns and JSON members investigations read, with values from the generator's
    /// vocabulary.
    struct ConditionGenerator {
        var random: SplitMix64
        static let columns = [
            "eventsource", "eventname", "errorcode", "useridentity_accesskeyid", "actor", "sessionissuer_arn",
            "eventtype", "awsregion", "useridentity_type", "account", "readonly", "useragent", "eventtime",
            "useridentity_arn", "requestparameters",
        ]
        static let members = [
            ("requestparameters", "$.name"), ("additionaleventdata", "$.MFAUsed"),
            ("responseelements", "$.ConsoleLogin"),
        ]
        static let patterns = ["%Logging", "stop%", "%AMAZONAWS.com", "a_cess%", "%/%", "_%_", "%", "AKIA%KEY_"]

        mutating func expression() -> QueryExpression {
            if random.chance(25) {
                let member = random.pick(Self.members)
                return .jsonText(column: member.0, path: member.1)
            }
            return .column(random.pick(Self.columns))
        }

        mutating func word() -> String { random.pick(ScanGenerator.vocabulary) }

        mutating func condition(depth: Int = 0) -> QueryCondition {
            switch random.below(depth >= 3 ? 7 : 9) {
            case 0: return .equals(expression(), word())
            case 1: return .notEquals(expression(), word())
            case 2: return .isNull(expression())
            case 3: return .isNotNull(expression())
            case 4: return .oneOf(expression(), (0..<random.below(4)).map { _ in word() })
            case 5: return .noneOf(expression(), (0..<(1 + random.below(3))).map { _ in word() })
            case 6: return .like(expression(), random.pick(Self.patterns))
            case 7: return .all((0..<random.below(4)).map { _ in condition(depth: depth + 1) })
            default: return .any((0..<random.below(4)).map { _ in condition(depth: depth + 1) })
            }
        }
    }

    /// Generated records, each as its bytes and its mapped row (nil when the mapper rejects it).
    static func records(seed: UInt64, count: Int) -> [(bytes: [UInt8], row: RowBatch?)] {
        var generator = ScanGenerator(seed: seed)
        return (0..<count).map { index in
            let text = generator.record(
                id: generator.eventID(index), day: 1 + index % 4, account: ScanGenerator.accounts[index % 2])
            let bytes = Array(text.utf8)
            var batch = RowBatch()
            var mapper = RecordMapper()
            let file = Array(("{\"Records\":[" + text + "]}").utf8)
            let context = ObjectContext(sourceKey: "r", filter: IngestFilter())
            _ = try? file.withUnsafeBufferPointer {
                try LogFileParser.parse($0, context: context, mapper: &mapper, into: &batch)
            }
            return (bytes, batch.rowCount == 1 ? batch : nil)
        }
    }

    @Test("the prefilter keeps every record the full evaluator accepts (random records and conditions)")
    func prefilterNeverDropsAMatch() throws {
        let records = Self.records(seed: 42, count: 400)
        var conditions = ConditionGenerator(random: SplitMix64(seed: 7))
        let json = JSONPathReader()
        var accepted = 0
        var narrowed = 0
        var scratch: [UInt8] = []
        for _ in 0..<300 {
            let condition = conditions.condition()
            let compiled = try ScanCondition(condition)
            let prefilter = ScanPrefilter(condition)
            if !prefilter.isAlways { narrowed += 1 }
            for (bytes, batch) in records {
                var evaluation: Bool?
                batch?.forEachRow { evaluation = compiled.evaluate($0, json: json) }
                guard evaluation == true else { continue }
                accepted += 1
                let kept = bytes.withUnsafeBufferPointer { prefilter.mayMatch($0, scratch: &scratch) }
                #expect(kept, "\(condition) dropped \(String(decoding: bytes, as: UTF8.self))")
            }
        }
        // The property is only worth something if conditions both narrow and accept.
        #expect(accepted > 5_000)
        #expect(narrowed > 60)
    }

    @Test("the evaluator keeps exactly the rows SQLite's WHERE keeps (three-valued logic, LIKE, json_extract)")
    func evaluatorAgreesWithSQLite() async throws {
        let folder = try TemporaryFolder()
        let records = Self.records(seed: 99, count: 400)
        try folder.write(
            "records.json",
            "{\"Records\":[" + records.map { String(decoding: $0.bytes, as: UTF8.self) }.joined(separator: ",") + "]}")
        _ = try await ingest([folder.url.path], into: folder.databasePath)
        let json = JSONPathReader()
        var conditions = ConditionGenerator(random: SplitMix64(seed: 3))
        let eventID = ScanExpression.columnIndex["eventid"]!
        for _ in 0..<150 {
            let condition = conditions.condition()
            let compiled = try ScanCondition(condition)
            let expected = Set(
                try query(folder.databasePath, "SELECT eventid FROM events WHERE \(condition.render(.sqlite))").rows
                    .map { $0[0]! })
            var scanned: Set<String> = []
            for case let (_, batch?) in records {
                batch.forEachRow { row in
                    if compiled.evaluate(row, json: json) == true {
                        scanned.insert(String(decoding: row.cell(eventID)!, as: UTF8.self))
                    }
                }
            }
            #expect(scanned == expected, "\(condition.render(.sqlite))")
        }
    }

    @Test("prefilters derived from the catalogue look for the literal strings a match must contain")
    func catalogueprefilters() {
        func prefilter(_ name: String, principal: String? = nil) -> ScanPrefilter.Test {
            let plan = InvestigationPlan(
                investigation: InvestigationCatalogue.named(name)!,
                parameters: InvestigationParameters(principal: principal))
            return ScanPrefilter(.all(plan.conditions(.sqlite))).test
        }
        let bytes = { (text: String) in ScanPrefilter.Test.contains(Array(text.utf8)) }
        guard case .all(let parts) = prefilter("cloudtrail-changes") else {
            Issue.record("cloudtrail-changes: expected all(...)")
            return
        }
        #expect(parts.first == bytes("cloudtrail.amazonaws.com"))
        #expect(parts.count == 2)
        #expect(prefilter("errors-by-source") == bytes("\"errorCode\""))
        #expect(
            prefilter("principal-activity", principal: "AKIAEXAMPLE")
                == bytes("AKIAEXAMPLE"))
        // Every record has an awsRegion: nothing to narrow.
        #expect(prefilter("unusual-regions") == .always)
    }

    @Test("escapes that can hide a value are decoded before the prefilter gives up on a record")
    func escapesAreDecoded() {
        let prefilter = ScanPrefilter(.equals(.column("eventname"), "StopLogging"))
        var scratch: [UInt8] = []
        func keeps(_ text: String) -> Bool {
            Array(text.utf8).withUnsafeBufferPointer { prefilter.mayMatch($0, scratch: &scratch) }
        }
        #expect(keeps(#"{"eventName":"StopLogging"}"#))
        #expect(keeps(#"{"eventName":"Stop\u004cogging"}"#))
        #expect(keeps(#"{"eventName":"\u0053topLogging"}"#))
        #expect(!keeps(#"{"eventName":"StartLogging"}"#))
        // An escaped backslash followed by "u004c" is a backslash and text, not an escape.
        #expect(!keeps(#"{"eventName":"Stop\\u004cogging"}"#))
        let slash = ScanPrefilter(.equals(.column("errorcode"), "AccessDenied/x"))
        #expect(
            Array(#"{"errorCode":"AccessDenied\/x"}"#.utf8).withUnsafeBufferPointer {
                slash.mayMatch($0, scratch: &scratch)
            })
        // A surrogate pair decodes to one character.
        let emoji = ScanPrefilter(.equals(.column("useragent"), "agent 😀"))
        #expect(
            Array(#"{"userAgent":"agent \ud83d\ude00"}"#.utf8).withUnsafeBufferPointer {
                emoji.mayMatch($0, scratch: &scratch)
            })
    }

    @Test("the byte search finds a needle wherever it lies, as a naive search does")
    func byteSearch() {
        var random = SplitMix64(seed: 11)
        for _ in 0..<2_000 {
            let haystack = (0..<random.below(80)).map { _ in UInt8(ascii: "a") + UInt8(random.below(3)) }
            let needle = (0..<(1 + random.below(5))).map { _ in UInt8(ascii: "a") + UInt8(random.below(3)) }
            let naive =
                haystack.count >= needle.count
                && (0...(haystack.count - needle.count)).contains {
                    Array(haystack[$0..<($0 + needle.count)]) == needle
                }
            #expect(haystack.withUnsafeBufferPointer { ScanPrefilter.contains($0, needle) } == naive)
        }
    }

    @Test("SQLite's LIKE: % and _, ASCII case folded, other bytes exact")
    func likeMatchesSQLite() {
        #expect(SQLLike.matches(Array("StopLogging".utf8)[...], Array("stop%".utf8)[...]))
        #expect(SQLLike.matches(Array("StopLogging".utf8)[...], Array("%LOGGING".utf8)[...]))
        #expect(!SQLLike.matches(Array("StopLogging".utf8)[...], Array("Stop_".utf8)[...]))
        #expect(SQLLike.matches(Array("é".utf8)[...], Array("_".utf8)[...]))
        #expect(!SQLLike.matches(Array("É".utf8)[...], Array("é".utf8)[...]))
        #expect(SQLLike.matches([][...], Array("%".utf8)[...]))
    }
}
