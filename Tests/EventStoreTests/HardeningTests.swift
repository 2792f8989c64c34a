import EventStore
import Foundation
import TestSupport
import Testing

/// Hostile inputs to the store end as one clear error for the file, statement or option concerned.
@Suite("Event store hardening")
struct EventStoreHardeningTests {
    @Test("a gzip file that inflates past the limit is reported and skipped; the other files are ingested")
    func gzipBomb() async throws {
        let folder = try TemporaryFolder()
        _ = try folder.gzip(try folder.write("a.json", Fixture.file([Fixture.record(id: "a")])))
        let bomb = folder.url.appendingPathComponent("bomb.json.gz")
        try Gzip.compress(Data(count: 3 << 20)).write(to: bomb)
        try folder.write("c.json", Fixture.file([Fixture.record(id: "c")]))
        var ingester = EventIngester(database: try EventDatabase(path: folder.databasePath))
        ingester.inflatedSizeLimit = 1 << 20
        let report = try await ingester.ingest(try LocalLogTree.sources([folder.url.path], filter: IngestFilter()))
        #expect(report.filesIngested == 2 && report.recordsInserted == 2)
        #expect(
            report.fileErrors.map(\.description) == [
                "\(bomb.path): skipped: it inflates to more than 1 MiB, more than a CloudTrail log file holds "
                    + "(to read it anyway, decompress it and give the .json)"
            ])
    }

    @Test("one writer at a time: a second read-write open is refused at once, readers are not")
    func oneWriter() throws {
        let folder = try TemporaryFolder()
        var first: EventDatabase? = try EventDatabase(path: folder.databasePath)
        #expect(throws: EventDatabaseBusyError.self) { try EventDatabase(path: folder.databasePath) }
        #expect(try EventDatabase(path: folder.databasePath, readOnly: true).eventCount() == 0)
        #expect(first != nil)
        first = nil
        #expect(try EventDatabase(path: folder.databasePath).eventCount() == 0)
    }

    @Test("--sql is one statement: two are refused in the user's terms, GRDB's advice never shows")
    func oneStatement() throws {
        let folder = try TemporaryFolder()
        _ = try EventDatabase(path: folder.databasePath)
        for sql in ["SELECT 1; SELECT 2", "SELECT 1; DELETE FROM events"] {
            #expect {
                try query(folder.databasePath, sql)
            } throws: { error in
                (error as? QueryError)?.message == "must be one statement; run each separately"
            }
        }
        #expect(try query(folder.databasePath, "SELECT 1;  ").rows == [["1"]])
        #expect(throws: QueryError.self) { try query(folder.databasePath, " ; ") }
    }

    @Test("every statement that writes is refused and the store is unchanged")
    func writesRefused() async throws {
        let folder = try TemporaryFolder()
        try folder.write("a.json", Fixture.file([Fixture.record(id: "a"), Fixture.record(id: "b")]))
        _ = try await ingest([folder.url.path], into: folder.databasePath)
        let before = try Data(contentsOf: URL(fileURLWithPath: folder.databasePath))
        for sql in [
            "DELETE FROM events", "UPDATE events SET eventname = 'x'", "INSERT INTO events (eventid) VALUES ('z')",
            "DROP TABLE events", "CREATE TABLE t (x)", "ALTER TABLE events ADD COLUMN z", "PRAGMA user_version = 7",
            "VACUUM", "REINDEX", "ANALYZE", "CREATE INDEX i ON events (eventname)",
            "WITH x AS (SELECT 1) DELETE FROM events", "REPLACE INTO events (eventid) VALUES ('a')",
        ] {
            #expect(throws: QueryError.self, "\(sql)") { try query(folder.databasePath, sql) }
        }
        #expect(try Data(contentsOf: URL(fileURLWithPath: folder.databasePath)) == before)
        #expect(try query(folder.databasePath, "SELECT count(*) FROM events").rows == [["2"]])
    }

    @Test("an impossible first day to project is refused, never rolled over")
    func impossibleDates() throws {
        #expect(throws: AthenaDDLError.self) {
            try AthenaTableDDL(
                bucket: "b-1", accounts: ["111122223333"], regions: ["us-east-1"], startDay: "2024/02/30")
        }
    }
}

/// The streaming formatter hands out chunks whose concatenation is the whole rendering.
@Suite("Streaming result formatter")
struct StreamingFormatterTests {
    func streamed(_ columns: [String], _ rows: [[ResultValue]], _ format: ResultFormat) -> (String, Int) {
        var formatter = ResultFormatter(columns: columns, format: format)
        var output = ""
        var chunks = 0
        for row in rows {
            if let chunk = formatter.add(row) {
                output += chunk
                chunks += 1
            }
        }
        return (output + formatter.finish(), chunks)
    }

    @Test("JSON and CSV come in chunks from the first rows on")
    func chunks() throws {
        let rows = (0..<50_000).map { [.number(String($0)), "value \($0)", $0 % 3 == 0 ? nil : "x"] as [ResultValue] }
        for format in [ResultFormat.json, .csv] {
            let (text, chunks) = streamed(["n", "v", "x"], rows, format)
            #expect(chunks > 5, "\(format)")
            #expect(text == ResultFormatter.render(columns: ["n", "v", "x"], rows: rows, as: format))
        }
        let json = try JSONSerialization.jsonObject(with: Data(streamed(["n"], [["1"], [nil]], .json).0.utf8))
        #expect((json as? [[String: Any]])?.count == 2)
    }

    @Test("the table sizes its columns from the first 1000 rows, then streams with those widths")
    func tableWidths() {
        var rows: [[ResultValue]] = (0..<ResultFormatter.tableSizingRows).map { ["\($0 % 10)", "b"] }
        rows.append(["wider", "b"])
        let (text, _) = streamed(["a", "b"], rows, .table)
        let lines = text.split(separator: "\n", omittingEmptySubsequences: false)
        #expect(lines[0] == "a  b" && lines[1] == "-  -" && lines[2] == "0  b")
        #expect(lines[ResultFormatter.tableSizingRows + 2] == "wider  b")
        #expect(lines[ResultFormatter.tableSizingRows + 3] == "(1001 rows)")
    }
}
