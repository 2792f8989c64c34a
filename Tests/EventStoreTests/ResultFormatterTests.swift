import EventStore
import Testing

@Suite("result formatter")
struct ResultFormatterTests {
    static let columns = ["name", "note", "count"]
    static let rows: [[ResultValue]] = [
        ["alice", nil, .number("3")],
        ["b\"o\\b", "line\nbreak\ttab\r\u{0}\u{1F}/", "é😀"],
    ]

    @Test("JSON is an array with one object per line, keys in column order, NULL as null and strings escaped")
    func json() {
        let expected = #"""
            [
              {"name": "alice", "note": null, "count": 3},
              {"name": "b\"o\\b", "note": "line\nbreak\ttab\r\u0000\u001f/", "count": "é😀"}
            ]
            """# + "\n"
        #expect(ResultFormatter.render(columns: Self.columns, rows: Self.rows, as: .json) == expected)
    }

    @Test("JSON of no rows is an empty array; a row without columns is an empty object")
    func jsonEmpty() {
        #expect(ResultFormatter.render(columns: Self.columns, rows: [], as: .json) == "[]\n")
        #expect(ResultFormatter.render(columns: [], rows: [[]], as: .json) == "[\n  {}\n]\n")
    }

    @Test("CSV quotes fields with a comma, quote or line break and leaves NULL empty")
    func csv() {
        let expected = "name,note,count\r\nalice,,3\r\n\"b\"\"o\\b\",\"line\nbreak\ttab\r\u{0}\u{1F}/\",é😀\r\n"
        #expect(ResultFormatter.render(columns: Self.columns, rows: Self.rows, as: .csv) == expected)
    }

    @Test("the table aligns columns, shows NULL and counts the rows")
    func table() {
        let rows: [[ResultValue]] = [["alice", nil, .number("3")], ["bob", "two\nlines", .number("12")]]
        let expected = """
            name   note       count
            -----  ---------  -----
            alice  NULL       3
            bob    two lines  12
            (2 rows)

            """
        #expect(ResultFormatter.render(columns: Self.columns, rows: rows, as: .table) == expected)
    }

    @Test("table cells show control characters from the logs escaped (a user agent cannot drive the terminal)")
    func tableEscapesControlCharacters() {
        let table = ResultFormatter.render(
            columns: ["userAgent"], rows: [["curl\u{1B}]0;owned\u{7}\u{1B}[2J"]], as: .table)
        #expect(table.contains(#"curl\u{1B}]0;owned\u{7}\u{1B}[2J"#))
        #expect(!table.unicodeScalars.contains { $0.value < 0x20 && $0 != "\n" })
        let csv = ResultFormatter.render(columns: ["userAgent"], rows: [["a\u{1B}b"]], as: .csv)
        #expect(csv == "userAgent\r\na\u{1B}b\r\n", "CSV keeps the data exactly")
    }

    @Test("JSON prints integers and reals as numbers, in every form SQLite and Athena write them")
    func jsonNumbers() {
        let rows: [[ResultValue]] = [
            [.number("178"), .number("-2"), .number("0.25"), .number("1e+20"), .number("12.30"), .text("178")]
        ]
        let json = ResultFormatter.render(columns: ["a", "b", "c", "d", "e", "f"], rows: rows, as: .json)
        #expect(json == "[\n  {\"a\": 178, \"b\": -2, \"c\": 0.25, \"d\": 1e+20, \"e\": 12.3, \"f\": \"178\"}\n]\n")
        let csv = ResultFormatter.render(columns: ["a", "b", "c", "d", "e", "f"], rows: rows, as: .csv)
        #expect(csv == "a,b,c,d,e,f\r\n178,-2,0.25,1e+20,12.30,178\r\n", "CSV keeps the text as it came")
    }

    @Test("Athena's values are numbers in its number columns only, and NULL stays NULL")
    func athenaTypes() {
        #expect(ResultValue(athena: "178", type: "bigint") == .number("178"))
        #expect(ResultValue(athena: "0.5", type: "double") == .number("0.5"))
        #expect(ResultValue(athena: "12.30", type: "decimal") == .number("12.30"))
        #expect(ResultValue(athena: "NaN", type: "double") == .text("NaN"))
        #expect(ResultValue(athena: "Infinity", type: "real") == .text("Infinity"))
        #expect(ResultValue(athena: "178", type: "varchar") == .text("178"))
        #expect(ResultValue(athena: "178", type: nil) == .text("178"))
        #expect(ResultValue(athena: nil, type: "bigint") == .null)
    }

    @Test("a cut keeps the first third and the distinguishing end of a value, and nothing is cut without a limit")
    func cuts() {
        let first = "arn:aws:sts::123456789012:assumed-role/AWSServiceRoleForAmazonInspector2/MandoSession-1"
        let second = "arn:aws:sts::123456789012:assumed-role/AWSServiceRoleForAmazonInspector2/MandoSession-2"
        let cutFirst = ResultFormatter.cutInTheMiddle(first, limit: 80)
        #expect(cutFirst == "arn:aws:sts::123456789012:…role/AWSServiceRoleForAmazonInspector2/MandoSession-1")
        #expect(cutFirst.count == 80)
        #expect(ResultFormatter.cutInTheMiddle(second, limit: 80) != cutFirst)
        #expect(ResultFormatter.cutInTheMiddle("short", limit: 80) == "short")
        #expect(ResultFormatter.cutInTheMiddle(String(repeating: "x", count: 80), limit: 80).count == 80)
        #expect(ResultFormatter.cutInTheMiddle("abcdef", limit: 4) == "a…ef")
        #expect(ResultFormatter.cutInTheMiddle("abcdef", limit: 1) == "…")
        let rows: [[ResultValue]] = [[.text(first)], [.text(second)]]
        let whole = ResultFormatter.render(columns: ["actor"], rows: rows, as: .table)
        #expect(whole.contains(first) && whole.contains(second) && !whole.contains("…"))
        let terminal = ResultFormatter.render(
            columns: ["actor"], rows: rows, as: .table, cellLimit: ResultFormatter.terminalCellLimit)
        #expect(terminal.split(separator: "\n").dropFirst(2).prefix(2).map(\.count) == [80, 80])
        #expect(terminal.contains("MandoSession-1\n") && terminal.contains("MandoSession-2\n"))
    }
}
