import Foundation
import GRDB
import Testing

@testable import EventStore

@Suite("ingest")
struct IngestTests {
    @Test("a record maps to Athena-named columns, flattened identity, partitions from the key and JSON text")
    func mapping() async throws {
        let folder = try TemporaryFolder()
        let key =
            "trail/AWSLogs/o-abcdefghij/111122223333/CloudTrail/eu-west-1/2024/03/02/111122223333_CloudTrail_eu-west-1_20240302T0005Z_abc.json"
        let path = try folder.write(
            key, Fixture.file([Fixture.record(id: "e-1", extra: "\"newTopLevel\":{\"a\":[1,2]}")]))
        let report = try await ingest([folder.url.path], into: folder.databasePath)
        #expect(report.recordsInserted == 1)
        let result = try query(
            folder.databasePath,
            """
            SELECT eventversion, eventtime, eventts, eventsource, eventname, readonly, managementevent, requestparameters,
                   responseelements, useridentity_type, useridentity_arn, useridentity_accesskeyid, sessionissuer_arn,
                   mfaauthenticated, actor, account, region, date, sourcekey, extrafields, rawrecord,
                   json_extract(useridentity, '$.sessionContext.sessionIssuer.userName')
            FROM events
            """)
        let row = try #require(result.rows.first)
        #expect(
            row == [
                "1.09", "2024-03-01T10:00:00Z", "1709287200", "iam.amazonaws.com", "CreateAccessKey", "false", "true",
                "{\"userName\":\"mallory\"}", nil, "AssumedRole", "arn:aws:sts::111122223333:assumed-role/Admin/alice",
                "ASIAEXAMPLE1", "arn:aws:iam::111122223333:role/Admin", "false",
                "arn:aws:sts::111122223333:assumed-role/Admin/alice", "111122223333", "eu-west-1", "2024/03/02", path,
                "{\"newTopLevel\":{\"a\":[1,2]}}", nil, "Admin",
            ])
    }

    @Test("string escapes are decoded in text columns and kept in JSON columns")
    func escapes() async throws {
        let folder = try TemporaryFolder()
        let record = Fixture.record(id: "e-2").replacingOccurrences(
            of: "aws-cli/2.15.0", with: #"tab\there \"q\" \u00e9 \ud83d\ude00"#
        )
        .replacingOccurrences(of: #"{"userName":"mallory"}"#, with: #"{"userName":"m\u00e9"}"#)
        try folder.write("a.json", Fixture.file([record]))
        _ = try await ingest([folder.url.path], into: folder.databasePath)
        let row = try #require(
            try query(
                folder.databasePath,
                "SELECT useragent, requestparameters, json_extract(requestparameters, '$.userName') FROM events"
            ).rows.first)
        #expect(row == ["tab\there \"q\" é 😀", #"{"userName":"m\u00e9"}"#, "mé"])
    }

    @Test("eventid is unique: re-ingesting adds nothing, and a copy under another name counts as duplicates")
    func dedupe() async throws {
        let folder = try TemporaryFolder()
        let text = Fixture.file([Fixture.record(id: "a"), Fixture.record(id: "b"), Fixture.record(id: "a")])
        try folder.write("one/x.json", text)
        let first = try await ingest([folder.url.path], into: folder.databasePath)
        #expect(first.recordsRead == 3 && first.recordsInserted == 2 && first.recordsDuplicate == 1)
        let again = try await ingest([folder.url.path], into: folder.databasePath)
        #expect(again.filesAlreadyIngested == 1 && again.recordsRead == 0)
        try folder.write("two/y.json", text)
        let copy = try await ingest([folder.url.path], into: folder.databasePath)
        #expect(
            copy.filesAlreadyIngested == 1 && copy.filesIngested == 1 && copy.recordsInserted == 0
                && copy.recordsDuplicate == 3)
        #expect(try EventDatabase(path: folder.databasePath).eventCount() == 2)
    }

    @Test(
        "a first load builds the unique eventid index after its rows: repeated events are then removed and every count corrected"
    )
    func firstLoadDuplicates() async throws {
        let folder = try TemporaryFolder()
        let a = try folder.write(
            "a.json", Fixture.file([Fixture.record(id: "A"), Fixture.record(id: "B"), Fixture.record(id: "A")]))
        let b = try folder.write("b.json", Fixture.file([Fixture.record(id: "B"), Fixture.record(id: "C")]))
        let report = try await ingest([folder.url.path], into: folder.databasePath)
        #expect(report.recordsRead == 5 && report.recordsInserted == 3 && report.recordsDuplicate == 2)
        try expectConsistent(folder.databasePath, inserted: [a: 2, b: 1], events: ["A", "B", "C"])

        // An ingest stopped before its indexes were built leaves rows without the unique index; the next open for
        // writing removes what repeats and corrects the counts the stopped run committed.
        // The stopped ingest's store is closed (its writer's lock released) before the next one opens it.
        do {
            let store = try EventDatabase(path: folder.databasePath)
            try await store.queue.write { db in
                try db.execute(sql: "DROP INDEX events_eventid")
                try db.execute(sql: "INSERT INTO events SELECT * FROM events WHERE eventid = 'C'")
                try db.execute(
                    sql: "UPDATE ingested_objects SET inserted = inserted + 1 WHERE sourcekey = ?", arguments: [b])
            }
        }
        #expect(throws: EventDatabaseError.self) { try query(folder.databasePath, "SELECT count(*) FROM events") }
        _ = try EventDatabase(path: folder.databasePath)
        try expectConsistent(folder.databasePath, inserted: [a: 2, b: 1], events: ["A", "B", "C"])
    }

    private func expectConsistent(_ database: String, inserted: [String: Int], events: [String]) throws {
        #expect(try query(database, "SELECT eventid FROM events ORDER BY eventid").rows.map { $0[0] } == events)
        let counts = try query(database, "SELECT sourcekey, inserted FROM ingested_objects ORDER BY sourcekey").rows
        #expect(counts == inserted.sorted { $0.key < $1.key }.map { [$0.key, String($0.value)] })
        #expect(
            try query(database, "SELECT \"unique\" FROM pragma_index_list('events') WHERE name = 'events_eventid'").rows
                == [["1"]])
        #expect(try query(database, "SELECT sum(events) FROM region_activity").rows == [[String(events.count)]])
    }

    @Test(
        "a file that fails to parse is reported with its path and reason, the others are ingested and it is retried later"
    )
    func badFile() async throws {
        let folder = try TemporaryFolder()
        try folder.write("a.json", Fixture.file([Fixture.record(id: "a")]))
        let broken = try folder.write("b.json", "{\"Records\":[" + Fixture.record(id: "b") + ",{\"eventID\":")
        let gzipped = try folder.gzip(try folder.write("c.json", Fixture.file([Fixture.record(id: "c")])))
        let notGzip = try folder.write("d.json.gz", "\u{1F}\u{8B}garbage")
        // Records are mapped as the file is read: a second Records array fails the whole file, first one included.
        let twoArrays = try folder.write(
            "e.json", "{\"Records\":[" + Fixture.record(id: "e1") + "],\"Records\":[" + Fixture.record(id: "e2") + "]}")
        let report = try await ingest([folder.url.path], into: folder.databasePath)
        #expect(report.filesIngested == 2)
        #expect(report.recordsInserted == 2)
        #expect(report.fileErrors.map(\.source) == [broken, notGzip, twoArrays])
        #expect(report.fileErrors.first?.reason == "malformed JSON at line 1, column 901: unexpected end of input")
        #expect(report.fileErrors.last?.reason.hasSuffix("a second Records member") == true)
        #expect(
            try query(folder.databasePath, "SELECT sourcekey FROM events ORDER BY eventid").rows.map { $0[0] }
                == [folder.url.appendingPathComponent("a.json").path, gzipped])
        try folder.write("b.json", Fixture.file([Fixture.record(id: "b")]))
        let retry = try await ingest([folder.url.path], into: folder.databasePath)
        #expect(
            retry.recordsInserted == 1 && retry.filesAlreadyIngested == 2
                && retry.fileErrors.map(\.source) == [notGzip, twoArrays])
    }

    @Test(
        "records of an unknown newer eventVersion keep their raw JSON; records without eventID are rejected, not lost silently"
    )
    func unknownVersionAndRejects() async throws {
        let folder = try TemporaryFolder()
        let future = Fixture.record(id: "f", extra: "\"brandNew\":{\"x\":1}", version: "1.42")
        let major = Fixture.record(id: "g", version: "2.0")
        try folder.write("a.json", Fixture.file([future, major, "{\"eventVersion\":\"1.08\"}", "17"]))
        let report = try await ingest([folder.url.path], into: folder.databasePath)
        #expect(report.recordsInserted == 2 && report.recordsRejected == 2)
        #expect(
            report.recordErrors.map(\.description) == [
                "\(folder.url.path)/a.json: record 3: no eventID",
                "\(folder.url.path)/a.json: record 4: not a JSON object",
            ])
        let rows = try query(folder.databasePath, "SELECT eventid, rawrecord, extrafields FROM events ORDER BY eventid")
            .rows
        #expect(rows == [["f", future, "{\"brandNew\":{\"x\":1}}"], ["g", major, nil]])
    }

    @Test("digests are skipped, Insights are read, and the layout filter skips days outside the window")
    func layout() async throws {
        let folder = try TemporaryFolder()
        let base = "AWSLogs/111122223333"
        try folder.write("\(base)/CloudTrail-Digest/us-east-1/2024/03/01/d.json.gz", "not read")
        try folder.write("\(base)/CloudTrail/us-east-1/2024/03/01/a.json", Fixture.file([Fixture.record(id: "a")]))
        try folder.write(
            "\(base)/CloudTrail/us-east-1/2024/02/20/old.json",
            Fixture.file([Fixture.record(id: "old", time: "2024-02-20T00:00:00Z")]))
        let insight = """
            {"eventVersion":"1.08","eventTime":"2024-03-01T11:00:00Z","awsRegion":"us-east-1","eventID":"i-1",\
            "eventType":"AwsCloudTrailInsight","recipientAccountId":"111122223333","sharedEventID":"s-1",\
            "insightDetails":{"state":"Start","eventSource":"ec2.amazonaws.com","eventName":"RunInstances","insightType":"ApiCallRateInsight"},\
            "eventCategory":"Insight"}
            """
        try folder.write("\(base)/CloudTrail-Insight/us-east-1/2024/03/01/i.json", Fixture.file([insight]))
        let since = 1_709_251_200  // 2024-03-01T00:00:00Z
        let report = try await ingest([folder.url.path], into: folder.databasePath, filter: IngestFilter(since: since))
        #expect(report.filesIngested == 2 && report.fileErrors.isEmpty)
        let rows = try query(
            folder.databasePath,
            "SELECT eventid, eventtype, json_extract(insightdetails, '$.state') FROM events ORDER BY eventid"
        ).rows
        #expect(rows == [["a", "AwsApiCall", nil], ["i-1", "AwsCloudTrailInsight", "Start"]])
    }

    @Test(
        "the OTRF pipeline export: newline-delimited, @timestamp mapped to eventtime, a broken line is one record error"
    )
    func otrfVariant() async throws {
        let folder = try TemporaryFolder()
        let report = try await ingest([Fixture.otrf], into: folder.databasePath)
        #expect(report.fileErrors.isEmpty)
        #expect(report.recordsRead == 103 && report.recordsInserted == 103 && report.recordsRejected == 0)
        let row = try #require(
            try query(
                folder.databasePath,
                """
                SELECT min(eventtime), max(eventtime), count(extrafields), sum(json_extract(extrafields, '$."@version"') = '1') FROM events
                """
            ).rows.first)
        #expect(row == ["2020-09-14T00:44:20Z", "2020-09-14T01:13:20Z", "103", "103"])
        let broken = try folder.write(
            "broken.ndjson", Fixture.record(id: "x") + "\n{\"eventID\": nope}\n" + Fixture.record(id: "y") + "\n")
        let second = try await ingest([broken], into: folder.databasePath)
        #expect(second.recordsInserted == 2)
        #expect(
            second.recordErrors.map(\.description) == [
                "\(broken): record 2: malformed JSON at column 14: invalid literal"
            ])
    }

    @Test("an empty database is readable and a query that writes is refused")
    func readOnlyQuery() async throws {
        let folder = try TemporaryFolder()
        _ = try EventDatabase(path: folder.databasePath)
        #expect(try query(folder.databasePath, "SELECT count(*) FROM events").rows == [["0"]])
        #expect(throws: QueryError.self) { try query(folder.databasePath, "DELETE FROM events") }
        #expect(throws: EventDatabaseError.self) {
            try EventDatabase(path: folder.url.appendingPathComponent("none.db").path, readOnly: true)
        }
    }

    @Test("progress is reported with files, records and bytes")
    func progress() async throws {
        let folder = try TemporaryFolder()
        for index in 0..<3 { try folder.write("f\(index).json", Fixture.file([Fixture.record(id: "p\(index)")])) }
        let seen = Locked<[IngestProgress]>([])
        let store = try EventDatabase(path: folder.databasePath)
        var ingester = EventIngester(database: store)
        ingester.batchBytes = 1
        _ = try await ingester.ingest(try LocalLogTree.sources([folder.url.path], filter: IngestFilter())) { update in
            seen.mutate { $0.append(update) }
        }
        let last = try #require(seen.value.last)
        #expect(last.filesDone == 3 && last.filesTotal == 3 && last.recordsInserted == 3 && last.jsonBytes > 0)
        #expect(seen.value.count == 4, "one report per batch; the last batch is empty")
    }
}

/// A value shared with a `@Sendable` callback.
final class Locked<Value>: @unchecked Sendable {
    private let lock = NSLock()
    private var stored: Value
    init(_ value: Value) { stored = value }
    var value: Value { lock.withLock { stored } }
    func mutate(_ body: (inout Value) -> Void) { lock.withLock { body(&stored) } }
}
