import Testing

@testable import EventStore

@Suite("JSON scanner")
struct JSONScannerTests {
    func scan(_ text: String) -> Result<JSONScanner.Span, JSONScanner.Failure> {
        let bytes = Array(text.utf8)
        return bytes.withUnsafeBufferPointer { buffer in
            var scanner = JSONScanner(buffer)
            do throws(JSONScanner.Failure) {
                let span = try scanner.value()
                scanner.skipWhitespace()
                guard scanner.atEnd else {
                    return .failure(JSONScanner.Failure(offset: scanner.position, reason: "trailing"))
                }
                return .success(span)
            } catch {
                return .failure(error)
            }
        }
    }

    @Test(
        "valid JSON scans whole",
        arguments: [
            #"{"a":[1,-2.5e3,true,false,null,{"b":"c\"d"}]}"#, #""abcdefghijklmnop\"qrstuvwxyz0123456789é😀""#,
            #"  "x\u00e9\n" "#, "0", "[]", "{}", #"{"":""}"#,
        ])
    func valid(text: String) throws {
        guard case .success(let span) = scan(text) else { Issue.record("\(text) did not scan"); return }
        #expect(span.end == text.utf8.count - (text.hasSuffix(" ") ? 1 : 0))
    }

    @Test(
        "invalid JSON fails at its offset",
        arguments: [
            (#"{"a":1,}"#, 7), (#"{"a" 1}"#, 5), ("[1 2]", 3), ("01", 1), (#""abc"#, 4), (#""\x""#, 1), ("tru", 0),
            ("-", 0),
            ("[1,", 3), ("{\"a\":\u{01}}", 5), ("\"abcdefghijklmnopq\u{1F}rstuvwxyz\"", 18),
            ("\"abcdefghijklmnopqrstuvwxyz", 27),
        ])
    func invalid(text: String, offset: Int) {
        guard case .failure(let failure) = scan(text) else { Issue.record("\(text) scanned"); return }
        #expect(failure.offset == offset, "\(text): \(failure.reason)")
    }

    @Test("deep nesting is refused, not a stack overflow")
    func depth() {
        guard case .failure(let failure) = scan(String(repeating: "[", count: 100_000)) else {
            Issue.record("scanned"); return
        }
        #expect(failure.reason == "nested too deeply")
    }
}
