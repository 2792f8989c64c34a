import OrderedJSON
import Testing

@Suite("JSON writer")
struct JSONWriterTests {
    /// What the writer writes for one value, written by `write`.
    private func written(_ write: (inout JSONWriter) -> Void) -> String {
        var writer = JSONWriter()
        write(&writer)
        return writer.output
    }

    @Test("quotes and backslashes are escaped; slashes, DEL and non-ASCII text are kept as they are")
    func escapes() {
        #expect(JSONWriter.quoted(#"say "hi" \ bye"#) == #""say \"hi\" \\ bye""#)
        #expect(JSONWriter.quoted("a/b\u{7F}") == "\"a/b\u{7F}\"")
        #expect(JSONWriter.quoted("é 東京 😀 \u{2028}") == "\"é 東京 😀 \u{2028}\"")
        #expect(JSONWriter.quoted("") == #""""#)
    }

    @Test(
        "control characters U+0000 to U+001F are escaped: tab, line feed and return by name, others as \\u00XX",
        arguments: 0..<0x20)
    func controlCharacters(_ code: Int) throws {
        let character = String(UnicodeScalar(UInt8(code)))
        let named: [Int: String] = [0x09: #"\t"#, 0x0A: #"\n"#, 0x0D: #"\r"#]
        let hex = String(code, radix: 16)
        let escape = named[code] ?? #"\u"# + String(repeating: "0", count: 4 - hex.count) + hex
        #expect(JSONWriter.quoted("a" + character + "b") == "\"a" + escape + "b\"")
        #expect(try JSONValue.parse(JSONWriter.quoted(character)) == .string(character))
    }

    @Test("every string reads back as itself")
    func stringsRoundTrip() throws {
        let text = String(String.UnicodeScalarView((0..<0x80).compactMap(UnicodeScalar.init))) + "é東京😀\u{2028}\u{FEFF}"
        #expect(try JSONValue.parse(JSONWriter.quoted(text)) == .string(text))
    }

    @Test("integers are written whole; doubles as integers when whole, else exactly, and null when not finite")
    func numbers() throws {
        #expect(written { $0.number(Int.max) } == "9223372036854775807")
        #expect(written { $0.number(Int.min) } == "-9223372036854775808")
        #expect(written { $0.number(0) } == "0")
        #expect(written { $0.number(3.0) } == "3")
        #expect(written { $0.number(-2.5) } == "-2.5")
        #expect(written { $0.number(0.1) } == "0.1")
        #expect(written { $0.number(Double.infinity) } == "null")
        #expect(written { $0.number(Double.nan) } == "null")
        for value in [0.1, 1.0 / 3, 123456.789e10, 1e300, -Double.leastNonzeroMagnitude, .greatestFiniteMagnitude] {
            #expect(try JSONValue.parse(written { $0.number(value) }) == .double(value))
        }
    }

    @Test("true, false and null")
    func literals() {
        #expect(written { $0.bool(true) } == "true")
        #expect(written { $0.bool(false) } == "false")
        #expect(written { $0.null() } == "null")
    }

    /// `{"a": [1, {"b": null}], "c": {}, "d": []}` in `layout`, or in `layout` with the array `inner`.
    private func document(_ layout: JSONWriter.Layout, inner: JSONWriter.Layout? = nil) -> String {
        var writer = JSONWriter(layout: layout)
        writer.beginObject()
        writer.name("a")
        writer.beginArray(layout: inner)
        writer.number(1)
        writer.beginObject()
        writer.name("b")
        writer.null()
        writer.endObject()
        writer.endArray()
        writer.name("c")
        writer.beginObject()
        writer.endObject()
        writer.name("d")
        writer.beginArray()
        writer.endArray()
        writer.endObject()
        return writer.output
    }

    @Test("the compact layout has no white space")
    func compact() {
        #expect(document(.compact) == #"{"a":[1,{"b":null}],"c":{},"d":[]}"#)
    }

    @Test("the spaced layout keeps one line, with a space after each comma and colon")
    func spaced() {
        #expect(document(.spaced) == #"{"a": [1, {"b": null}], "c": {}, "d": []}"#)
    }

    @Test("the indented layout puts each member and element on its own line, two spaces a level")
    func indented() {
        let expected = """
            {
              "a": [
                1,
                {
                  "b": null
                }
              ],
              "c": {},
              "d": []
            }
            """
        #expect(document(.indented) == expected)
    }

    @Test("a container laid out otherwise lays out its own containers the same way, and the rest keep the writer's")
    func mixedLayouts() {
        let expected = """
            {
              "a": [1, {"b": null}],
              "c": {},
              "d": []
            }
            """
        #expect(document(.indented, inner: .spaced) == expected)
    }

    @Test("a JSON value is written in the writer's layout, as serialized prints it")
    func value() throws {
        let value = try JSONValue.parse(#"{"k": ["x\u0001", 2, 2.5, true, null, {}, []]}"#)
        for (layout, pretty) in [(JSONWriter.Layout.compact, false), (.indented, true)] {
            var writer = JSONWriter(layout: layout)
            writer.value(value)
            #expect(writer.output == value.serialized(pretty: pretty))
        }
        #expect(written { $0.value(value) } == #"{"k":["x\u0001",2,2.5,true,null,{},[]]}"#)
    }

    @Test("the documented example writes what its comment says")
    func documentedExample() {
        var writer = JSONWriter(layout: .indented)
        writer.beginObject()
        writer.name("count")
        writer.number(2)
        writer.endObject()
        #expect(writer.output == "{\n  \"count\": 2\n}")
    }
}
