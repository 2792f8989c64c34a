import IAMPolicy
import Testing

@Suite("Wildcard matching")
struct GlobTests {
    @Test(
        "* and ? as IAM uses them",
        arguments: [
            ("*", "", true), ("*", "anything", true), ("a*", "a", true), ("a*c", "abbbc", true), ("a*c", "abbb", false),
            ("a?c", "abc", true), ("a?c", "ac", false), ("AWSLogs/*", "AWSLogs/", true),
            ("AWSLogs/*", "awslogs/x", false),
            ("arn:aws:iam::*:role/ams-access-*", "arn:aws:iam::111122223333:role/ams-access-ro", true),
            ("*a*b*", "xxaxxbxx", true), ("*a*b", "xxaxxbxxc", false), ("", "", true), ("", "a", false),
        ])
    func glob(_ pattern: String, _ value: String, _ expected: Bool) {
        #expect(Glob.matches(pattern, value) == expected)
    }

    @Test("case folding is only on request")
    func caseFolding() {
        #expect(!Glob.matches("s3:GetObject", "S3:getobject"))
        #expect(Glob.matches("s3:Get*", "S3:getobject", caseInsensitive: true))
    }

    @Test("a pattern with many stars against a long value that almost matches ends (no backtracking blow-up)")
    func manyStars() {
        let pattern = String(repeating: "*a", count: 200) + "b"
        let value = String(repeating: "a", count: 20_000)
        #expect(!Glob.matches(pattern, value))
        #expect(Glob.matches(pattern, value + "b"))
    }
}
