import EventStore
import Testing

@Suite("result formatter")
struct ResultFormatterTests {
    static let columns = ["name", "note", "count"]
    static let rows: [[String?]] = [
        ["alice", nil, "3"],
        ["b\"o\\b", "line\nbreak\ttab\r\u{0}\u{1F}/", "é😀"],
    ]

    @Test("JSON is an array with one object per line, keys in column order, NULL as null and strings escaped")
    func json() {
        let expected = #"""
            [
              {"name": "alice", "note": null, "count": "3"},
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
        let rows: [[String?]] = [["alice", nil, "3"], ["bob", "two\nlines", "12"]]
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
}
