import OrderedJSON
import Testing

@Suite("JSON parser")
struct JSONParserTests {
    @Test("objects keep their member order and values their types")
    func order() throws {
        let value = try JSONValue.parse(#"{"b": 1, "a": [true, null, 2.5, "x\u00e9\ud83d\ude00"], "c": {}}"#)
        guard case .object(let members) = value else { Issue.record("not an object"); return }
        #expect(members.map(\.key) == ["b", "a", "c"])
        #expect(value["a"] == [true, nil, 2.5, "xé😀"])
        #expect(value.serialized() == #"{"b":1,"a":[true,null,2.5,"xé😀"],"c":{}}"#)
    }

    @Test("serializing and parsing again gives the same value")
    func roundTrip() throws {
        let text =
            #"{"Version":"2012-10-17","Statement":[{"Sid":"A","Condition":{"StringLike":{"s3:prefix":["a\"b\\c\n"]}}}]}"#
        let value = try JSONValue.parse(text)
        #expect(value.serialized() == text)
        #expect(try JSONValue.parse(value.serialized(pretty: true)) == value)
    }

    @Test(
        "errors give line, column, reason and the path of the value at fault",
        arguments: [
            ("{\"a\": 1,\n \"a\": 2}", 2, 2, "duplicate member \"a\"", "$.a"),
            ("{\"a\": 1,}", 1, 9, "expected a member name in quotes", "$"),
            ("[1, 2", 1, 6, "unexpected end of input inside an array", "$"),
            ("{\"a\": tru}", 1, 7, "unexpected character", "$.a"),
            ("\"abc", 1, 1, "unterminated string", "$"),
            ("01", 1, 1, "leading zero in a number", "$"),
            ("{} x", 1, 4, "unexpected text after the JSON value", "$"),
            ("\"\\q\"", 1, 2, "invalid escape sequence", "$"),
            ("{\"t\": [{\"x\": 1}, {\"y\": 1, \"y\": 2}]}", 1, 27, "duplicate member \"y\"", "$.t[1].y"),
            ("{\"a b\": {\"\\u001b\": nul}}", 1, 20, "unexpected character", "$[\"a b\"][\"\\u{1B}\"]"),
        ])
    func errors(_ text: String, _ line: Int, _ column: Int, _ reason: String, _ path: String) {
        #expect(throws: JSONParseError(line: line, column: column, reason: reason, path: path)) {
            try JSONValue.parse(text)
        }
    }

    @Test("large integers fall back to doubles; exponents are doubles")
    func numbers() throws {
        #expect(try JSONValue.parse("12345678901234567890") == .double(Double("12345678901234567890")!))
        #expect(try JSONValue.parse("-1e3") == .double(-1000))
        #expect(try JSONValue.parse("-0") == .int(0))
    }
}
