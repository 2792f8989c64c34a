import AWSClient
import Foundation
import Testing

@Suite("HTTP request model")
struct HTTPRequestTests {
    @Test("headers are looked up case-insensitively and replaced by setHeader")
    func headers() throws {
        var request = HTTPRequest(
            method: "GET", url: try #require(URL(string: "https://example.amazonaws.com/")),
            headers: [("X-Amz-Date", "1"), ("x-amz-date", "2")])
        #expect(request.header("x-AMZ-date") == "1")
        request.setHeader("X-Amz-Date", "3")
        #expect(request.headers.count == 1)
        #expect(request.header("x-amz-date") == "3")
    }
}
