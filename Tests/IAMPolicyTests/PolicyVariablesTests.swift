import IAMPolicy
import Testing

private let context = RequestContext([
    "aws:username": .single("alice"),
    "aws:userid": .single("AIDAEXAMPLE"),
    "aws:CalledVia": .multiple(["athena.amazonaws.com"]),
    "aws:PrincipalTag/wild": .single("Bob*"),
])

@Suite("Policy variables")
struct PolicyVariablesTests {
    @Test(
        "substitution, defaults and escapes",
        arguments: [
            ("home/${aws:username}", "home/alice" as String?),
            ("${AWS:UserName}", "alice"),
            ("${ aws:username }", "alice"),
            ("${aws:username}-${aws:userid}", "alice-AIDAEXAMPLE"),
            ("${aws:PrincipalTag/team, 'company-wide'}", "company-wide"),
            ("${aws:PrincipalTag/team,'x'}", "x"),
            ("${aws:PrincipalTag/team, ''}", ""),
            ("${aws:username, 'fallback'}", "alice"),
            ("${aws:CalledVia, 'none'}", "none"),
            ("a${*}b${?}c${$}", "a*b?c$"),
            ("no variables * here", "no variables * here"),
            ("${aws:username", "${aws:username"),
            ("${}", "${}"),
            ("$ {aws:username}", "$ {aws:username}"),
            ("${aws:username, fallback}", "${aws:username, fallback}"),
            ("${aws:PrincipalTag/team}", nil),
            ("x-${aws:username}-${aws:SourceVpc}", nil),
            ("${aws:CalledVia}", nil),
        ])
    func substitute(_ text: String, _ expected: String?) {
        #expect(PolicyVariables.substitute(text, in: context) == expected)
    }

    @Test("a pattern keeps substituted text and escapes literal")
    func patterns() {
        #expect(
            PolicyVariables.pattern("home/${aws:username}/*", in: context)
                == PolicyPattern([.literal("home/alice/"), .anyRun]))
        #expect(
            PolicyVariables.pattern("test${aws:PrincipalTag/wild}", in: context)
                == PolicyPattern([.literal("testBob*")]))
        #expect(PolicyVariables.pattern("a${*}?", in: context) == PolicyPattern([.literal("a*"), .anyOne]))
        #expect(PolicyVariables.pattern("${aws:PrincipalTag/team}*", in: context) == nil)
    }

    @Test(
        "wildcard matching of patterns",
        arguments: [
            (PolicyPattern(wildcards: "logs/AWSLogs/*"), "logs/AWSLogs/", true),
            (PolicyPattern(wildcards: "a?c"), "abc", true),
            (PolicyPattern(wildcards: "a?c"), "ac", false),
            (PolicyPattern(wildcards: "*a*b"), "xxaxxbxxc", false),
            (PolicyPattern([.literal("testBob*")]), "testBobTwo", false),
            (PolicyPattern([.literal("testBob*")]), "testBob*", true),
            (PolicyPattern([.literal("a?"), .anyRun]), "a?z", true),
            (PolicyPattern([.literal("a?"), .anyRun]), "ab", false),
            (PolicyPattern([]), "", true),
            (PolicyPattern([]), "x", false),
        ])
    func matching(_ pattern: PolicyPattern, _ value: String, _ expected: Bool) {
        #expect(pattern.matches(value) == expected)
    }

    @Test("building, case folding and policy syntax")
    func patternShape() {
        #expect(
            PolicyPattern(wildcards: "a*b?c").elements == [
                .literal("a"), .anyRun, .literal("b"), .anyOne, .literal("c"),
            ])
        #expect(PolicyPattern([.literal("a"), .literal(""), .literal("b")]).elements == [.literal("ab")])
        #expect(PolicyPattern(wildcards: "S3:Get*").matches("s3:getobject", caseInsensitive: true))
        #expect(!PolicyPattern(wildcards: "S3:Get*").matches("s3:getobject"))
        #expect(PolicyPattern([.literal("Bob*"), .anyRun, .literal("?"), .anyOne]).description == "Bob${*}*${?}?")
    }

    @Test(
        "Resource entries take variables only after the fifth colon",
        arguments: [
            ("arn:aws:s3:::bucket/home/${aws:username}/*", true, "arn:aws:s3:::bucket/home/alice/notes.txt", true),
            ("arn:aws:s3:::bucket/home/${aws:username}/*", true, "arn:aws:s3:::bucket/home/bob/notes.txt", false),
            ("arn:aws:s3:::bucket/home/${aws:username}/*", false, "arn:aws:s3:::bucket/home/${aws:username}/x", true),
            ("arn:aws:s3:::bucket/home/${aws:username}/*", false, "arn:aws:s3:::bucket/home/alice/x", false),
            ("arn:aws:s3:::bucket/${aws:PrincipalTag/wild}", true, "arn:aws:s3:::bucket/Bob*", true),
            ("arn:aws:s3:::bucket/${aws:PrincipalTag/wild}", true, "arn:aws:s3:::bucket/Bobby", false),
            ("arn:aws:s3:::bucket/${*}", true, "arn:aws:s3:::bucket/*", true),
            ("arn:aws:s3:::bucket/${*}", true, "arn:aws:s3:::bucket/x", false),
            ("arn:${aws:username}:s3:::bucket", true, "arn:alice:s3:::bucket", false),
            ("arn:${aws:username}:s3:::bucket", true, "arn:${aws:username}:s3:::bucket", true),
            ("arn:aws:iam::${aws:username}:user/x", true, "arn:aws:iam::alice:user/x", false),
            ("arn:aws:s3:::bucket-*", true, "arn:aws:s3:::bucket-logs", true),
            ("*", true, "arn:aws:kms:us-east-1:111122223333:key/1", true),
        ])
    func resources(_ text: String, _ variables: Bool, _ arn: String, _ expected: Bool) throws {
        let pattern = try #require(PolicyVariables.resourcePattern(text, in: context, variables: variables))
        #expect(pattern.matches(arn) == expected)
    }

    @Test("a Resource entry whose variable has no value matches nothing")
    func unresolvedResource() {
        #expect(
            PolicyVariables.resourcePattern("arn:aws:s3:::b/${aws:PrincipalTag/team}/*", in: context, variables: true)
                == nil)
        #expect(PolicyVariables.resourcePattern("arn:aws:s3:::b/${aws:CalledVia}", in: context, variables: true) == nil)
        #expect(
            PolicyVariables.resourcePattern("arn:aws:s3:::b/${aws:PrincipalTag/team}", in: context, variables: false)
                != nil)
    }
}
