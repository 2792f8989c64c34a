import IAMPolicy
import Testing

/// One row of a condition table: an operator, a key and policy values, the request's value for the key
/// (nil when missing), other keys the request carries, and whether the condition should match.
struct ConditionCase: Sendable, CustomTestStringConvertible {
    var operatorName: String
    var key: String
    var values: [String]
    var request: RequestContext.Value?
    var others: [String: RequestContext.Value] = [:]
    var variables = true
    var expected: Bool

    var testDescription: String {
        let value = request.map { "\($0)" } ?? "missing"
        return "\(operatorName) \(key) \(values) with \(value)\(variables ? "" : " (2008-10-17)") → \(expected)"
    }

    func outcome() throws -> ConditionOutcome {
        let conditionOperator = try #require(ConditionOperator(parsing: operatorName))
        var context = RequestContext(others)
        context[key] = request
        return Condition(conditionOperator, key: key, values: values).evaluate(in: context, variables: variables)
    }
}

private func row(
    _ operatorName: String, _ key: String, _ values: [String], _ request: RequestContext.Value?,
    _ expected: Bool, others: [String: RequestContext.Value] = [:], variables: Bool = true
) -> ConditionCase {
    ConditionCase(
        operatorName: operatorName, key: key, values: values, request: request, others: others,
        variables: variables, expected: expected)
}

private let calledVia = "aws:CalledVia"
private let athena = "athena.amazonaws.com"
private let amsRole = "arn:aws:iam::*:role/ams-access-*"

@Suite("Condition operators")
struct ConditionEvaluatorTests {
    @Test(
        "the AMS ListBucket statement's conditions",
        arguments: [
            row("ForAnyValue:StringEquals", calledVia, [athena], .multiple([athena]), true),
            row("ForAnyValue:StringEquals", calledVia, [athena], nil, false),
            row("ForAnyValue:StringEquals", calledVia, [athena], .multiple([athena, "s3.amazonaws.com"]), true),
            row("ForAnyValue:StringEquals", calledVia, [athena], .multiple(["s3.amazonaws.com", athena]), true),
            row("ForAnyValue:StringEquals", calledVia, [athena], .multiple(["s3.amazonaws.com"]), false),
            row("ForAnyValue:StringEquals", calledVia, [athena], .multiple([]), false),
            row("StringLike", "s3:prefix", ["logs/AWSLogs/*"], .single("logs/AWSLogs/"), true),
            row("StringLike", "s3:prefix", ["logs/AWSLogs/*"], .single("logs/AWSLogs/o-x/1/"), true),
            row("StringLike", "s3:prefix", ["logs/AWSLogs/*"], .single("logs/"), false),
            row("StringLike", "s3:prefix", ["logs/AWSLogs/*"], .single(""), false),
            row("StringLike", "s3:prefix", ["logs/AWSLogs/*"], nil, false),
            row("StringEquals", "aws:PrincipalOrgID", ["o-a1b2c3d4e5"], .single("o-a1b2c3d4e5"), true),
            row("StringEquals", "aws:PrincipalOrgID", ["o-a1b2c3d4e5"], .single("o-zzzz"), false),
            row("StringEquals", "aws:PrincipalOrgID", ["o-a1b2c3d4e5"], nil, false),
            row(
                "ArnLike", "aws:PrincipalArn", [amsRole], .single("arn:aws:iam::111122223333:role/ams-access-readonly"),
                true),
            row(
                "ArnLike", "aws:PrincipalArn", [amsRole], .single("arn:aws:iam::111122223333:role/app/ams-access-x"),
                false),
            row(
                "ArnLike", "aws:PrincipalArn", [amsRole], .single("arn:aws:iam::111122223333:user/ams-access-bob"),
                false),
            row(
                "ArnLike", "aws:PrincipalArn", [amsRole],
                .single("arn:aws:sts::111122223333:assumed-role/ams-access-readonly/session"), false),
            row("ArnLike", "aws:PrincipalArn", [amsRole], nil, false),
        ])
    func amsStatement(_ row: ConditionCase) throws {
        #expect(try row.outcome().matched == row.expected)
    }

    @Test(
        "String operators",
        arguments: [
            row("StringEquals", "k", ["Value"], .single("Value"), true),
            row("StringEquals", "k", ["Value"], .single("value"), false),
            row("StringEquals", "k", ["a", "b"], .single("b"), true),
            row("StringEquals", "k", ["log*"], .single("logs"), false),
            row("StringEquals", "k", ["log*"], .single("log*"), true),
            row("StringEquals", "k", [""], .single(""), true),
            row("StringNotEquals", "k", ["a", "b"], .single("c"), true),
            row("StringNotEquals", "k", ["a", "b"], .single("b"), false),
            row("StringNotEquals", "k", ["a"], .single("A"), true),
            row("StringEqualsIgnoreCase", "k", ["Finance"], .single("FINANCE"), true),
            row("StringEqualsIgnoreCase", "k", ["Finance"], .single("Finances"), false),
            row("StringEqualsIgnoreCase", "k", ["fin*"], .single("Finance"), false),
            row("StringNotEqualsIgnoreCase", "k", ["Finance"], .single("fInAnCe"), false),
            row("StringNotEqualsIgnoreCase", "k", ["Finance"], .single("HR"), true),
            row("StringLike", "k", ["a?c"], .single("abc"), true),
            row("StringLike", "k", ["a?c"], .single("ac"), false),
            row("StringLike", "k", ["A*"], .single("apple"), false),
            row("StringLike", "k", ["x*", "a*"], .single("apple"), true),
            row("StringNotLike", "k", ["A*", "B*"], .single("Apple"), false),
            row("StringNotLike", "k", ["A*", "B*"], .single("Cherry"), true),
        ])
    func strings(_ row: ConditionCase) throws {
        #expect(try row.outcome().matched == row.expected)
    }

    @Test(
        "Numeric operators compare integers and decimals exactly",
        arguments: [
            row("NumericEquals", "s3:max-keys", ["10"], .single("10"), true),
            row("NumericEquals", "s3:max-keys", ["10"], .single("10.0"), true),
            row("NumericEquals", "s3:max-keys", ["10"], .single("010"), true),
            row("NumericEquals", "s3:max-keys", ["1e1"], .single("10"), true),
            row("NumericEquals", "s3:max-keys", ["0.1"], .single("0.10000000000000000001"), false),
            row("NumericNotEquals", "s3:max-keys", ["10", "20"], .single("15"), true),
            row("NumericNotEquals", "s3:max-keys", ["10", "20"], .single("20"), false),
            row("NumericLessThan", "s3:max-keys", ["0.5"], .single("0.25"), true),
            row("NumericLessThan", "s3:max-keys", ["0.5"], .single("0.5"), false),
            row("NumericLessThan", "s3:max-keys", ["-1"], .single("-1.5"), true),
            row("NumericLessThanEquals", "s3:max-keys", ["0.5"], .single("0.50"), true),
            row("NumericGreaterThan", "s3:max-keys", ["100"], .single("100.001"), true),
            row("NumericGreaterThan", "s3:max-keys", ["100"], .single("99.999"), false),
            row("NumericGreaterThanEquals", "s3:max-keys", ["-0"], .single("0"), true),
            row("NumericGreaterThan", "s3:max-keys", ["5", "50"], .single("10"), true),
            row("NumericEquals", "s3:max-keys", ["ten"], .single("10"), false),
            row("NumericEquals", "s3:max-keys", ["ten", "10"], .single("10"), true),
            row("NumericEquals", "s3:max-keys", ["10"], .single("ten"), false),
            row("NumericNotEquals", "s3:max-keys", ["10"], .single("ten"), false),
            row("NumericNotEquals", "s3:max-keys", ["ten"], .single("10"), false),
            row("NumericLessThan", "s3:max-keys", ["10"], nil, false),
            row("NumericNotEquals", "s3:max-keys", ["10"], nil, true),
        ])
    func numbers(_ row: ConditionCase) throws {
        #expect(try row.outcome().matched == row.expected)
    }

    @Test(
        "Date operators across ISO 8601 forms and epoch seconds",
        arguments: [
            row("DateLessThan", "aws:CurrentTime", ["2024-01-01T00:00:00Z"], .single("2023-12-31T23:59:59Z"), true),
            row("DateLessThan", "aws:CurrentTime", ["2024-01-01T00:00:00Z"], .single("2024-01-01T00:00:00Z"), false),
            row(
                "DateLessThanEquals", "aws:CurrentTime", ["2024-01-01T00:00:00Z"], .single("2024-01-01T00:00:00Z"), true
            ),
            row("DateEquals", "aws:CurrentTime", ["2024-01-01"], .single("2024-01-01T00:00:00Z"), true),
            row("DateEquals", "aws:CurrentTime", ["2024-01"], .single("2024-01-01T00:00:00.000Z"), true),
            row("DateEquals", "aws:CurrentTime", ["1704067200"], .single("2024-01-01T00:00:00Z"), true),
            row("DateEquals", "aws:CurrentTime", ["2024-01-01T01:00:00+01:00"], .single("2024-01-01T00:00:00Z"), true),
            row("DateEquals", "aws:CurrentTime", ["2023-12-31T19:00-05:00"], .single("2024-01-01T00:00:00Z"), true),
            row("DateEquals", "aws:CurrentTime", ["2024-01-01T00:00:00"], .single("2024-01-01T00:00:00Z"), true),
            row(
                "DateGreaterThan", "aws:CurrentTime", ["2024-01-01T00:00:00Z"], .single("2024-01-01T00:00:00.5Z"), true),
            row("DateGreaterThan", "aws:CurrentTime", ["1704067200.25"], .single("2024-01-01T00:00:00.2Z"), false),
            row("DateGreaterThanEquals", "aws:EpochTime", ["2024-02-29T12:00:00Z"], .single("1709208000"), true),
            row("DateGreaterThan", "aws:CurrentTime", ["1969-12-31T23:59:59Z"], .single("0"), true),
            row("DateNotEquals", "aws:CurrentTime", ["2024-01-01"], .single("2024-01-02"), true),
            row("DateNotEquals", "aws:CurrentTime", ["2024-01-01"], .single("2024-01-01T00:00Z"), false),
            row("DateEquals", "aws:CurrentTime", ["2023-02-29"], .single("2023-03-01"), false),
            row("DateLessThan", "aws:CurrentTime", ["next tuesday"], .single("2024-01-01"), false),
            row("DateLessThan", "aws:CurrentTime", ["2024-01-01"], .single("2024-13-01"), false),
            row("DateLessThan", "aws:CurrentTime", ["2024-01-01"], .single("2023-12-31T24:00:00Z"), false),
        ])
    func dates(_ row: ConditionCase) throws {
        #expect(try row.outcome().matched == row.expected)
    }

    @Test(
        "Bool, BinaryEquals and the Deny-on-insecure-transport idiom",
        arguments: [
            row("Bool", "aws:SecureTransport", ["false"], .single("true"), false),
            row("Bool", "aws:SecureTransport", ["false"], nil, false),
            row("Bool", "aws:SecureTransport", ["false"], .single("false"), true),
            row("Bool", "aws:SecureTransport", ["false"], .single("FALSE"), true),
            row("Bool", "aws:SecureTransport", ["True"], .single("true"), true),
            row("Bool", "aws:SecureTransport", ["yes"], .single("true"), false),
            row("Bool", "aws:SecureTransport", ["true"], .single("1"), false),
            row("BoolIfExists", "aws:MultiFactorAuthPresent", ["false"], nil, true),
            row("BinaryEquals", "k", ["QmluYXJ5VmFsdWU="], .single("QmluYXJ5VmFsdWU="), true),
            row("BinaryEquals", "k", ["QmluYXJ5VmFsdWU="], .single("QmluYXJ5VmFsdWY="), false),
            row("BinaryEquals", "k", ["not base64!"], .single("not base64!"), false),
            row("BinaryEquals", "k", ["QmluYXJ5VmFsdWU="], .single("QmluYXJ5VmFsdWU"), false),
        ])
    func boolAndBinary(_ row: ConditionCase) throws {
        #expect(try row.outcome().matched == row.expected)
    }

    @Test(
        "IpAddress and NotIpAddress, IPv4 and IPv6",
        arguments: [
            row("IpAddress", "aws:SourceIp", ["203.0.113.0/24"], .single("203.0.113.5"), true),
            row("IpAddress", "aws:SourceIp", ["203.0.113.0/24"], .single("198.51.100.1"), false),
            row("IpAddress", "aws:SourceIp", ["203.0.113.7"], .single("203.0.113.7"), true),
            row("IpAddress", "aws:SourceIp", ["203.0.113.7"], .single("203.0.113.8"), false),
            row("IpAddress", "aws:SourceIp", ["2001:DB8:1234:5678::/64"], .single("2001:db8:1234:5678:abcd::1"), true),
            row("IpAddress", "aws:SourceIp", ["2001:DB8:1234:5678::/64"], .single("2001:db8:1234:5679::1"), false),
            row("IpAddress", "aws:SourceIp", ["203.0.113.0/24", "2001:DB8::/32"], .single("2001:db8::99"), true),
            row("IpAddress", "aws:SourceIp", ["203.0.113.0/24"], .single("::ffff:203.0.113.9"), true),
            row("IpAddress", "aws:SourceIp", ["::/0"], .single("203.0.113.9"), false),
            row("IpAddress", "aws:SourceIp", ["203.0.113.0/24"], .single("vpce-1a2b3c"), false),
            row("IpAddress", "aws:SourceIp", ["${aws:SourceIp}"], .single("203.0.113.9"), false),
            row("NotIpAddress", "aws:SourceIp", ["203.0.113.0/24"], nil, true),
            row("NotIpAddress", "aws:SourceIp", ["203.0.113.0/24"], .single("203.0.113.5"), false),
            row("NotIpAddress", "aws:SourceIp", ["203.0.113.0/24", "2001:DB8::/32"], .single("198.51.100.1"), true),
            row("NotIpAddress", "aws:SourceIp", ["203.0.113.0/24"], .single("garbage"), false),
        ])
    func ipAddresses(_ row: ConditionCase) throws {
        #expect(try row.outcome().matched == row.expected)
    }

    @Test(
        "ARN operators match the six parts one by one",
        arguments: [
            row(
                "ArnLike", "aws:SourceArn", ["arn:aws:someservice:*:111122223333:finance/*"],
                .single("arn:aws:someservice:us-east-2:999999999999:store/abc:111122223333:finance/document.txt"), false
            ),
            row(
                "StringLike", "aws:SourceArn", ["arn:aws:someservice:*:111122223333:finance/*"],
                .single("arn:aws:someservice:us-east-2:999999999999:store/abc:111122223333:finance/document.txt"), true),
            row(
                "ArnLike", "aws:SourceArn", ["arn:aws:cloudtrail:*:111122223333:trail/*"],
                .single("arn:aws:cloudtrail:us-east-1:111122223333:trail/org"), true),
            row(
                "ArnEquals", "aws:SourceArn", ["arn:aws:cloudtrail:*:111122223333:trail/*"],
                .single("arn:aws:cloudtrail:us-east-1:111122223333:trail/org"), true),
            row(
                "ArnLike", "aws:SourceArn", ["arn:aws:logs:*:*:log-group:*"],
                .single("arn:aws:logs:us-east-1:111122223333:log-group:app:log-stream:x"), true),
            row("ArnLike", "aws:SourceArn", ["arn:aws:s3:::bucket"], .single("arn:aws:s3:::Bucket"), false),
            row("ArnLike", "aws:SourceArn", ["arn:aws:s3:::bucket?"], .single("arn:aws:s3:::bucket1"), true),
            row("ArnLike", "aws:SourceArn", ["arn:aws:s3:::*"], .single("bucket"), false),
            row("ArnLike", "aws:SourceArn", ["arn:aws:s3:::*"], .single("urn:aws:s3:::bucket"), false),
            row("ArnLike", "aws:SourceArn", ["*"], .single("arn:aws:s3:::bucket"), false),
            row("ArnNotLike", "aws:PrincipalArn", [amsRole], .single("arn:aws:iam::111122223333:role/other"), true),
            row(
                "ArnNotLike", "aws:PrincipalArn", [amsRole], .single("arn:aws:iam::111122223333:role/ams-access-ro"),
                false),
            row(
                "ArnNotEquals", "aws:PrincipalArn", [amsRole], .single("arn:aws:iam::111122223333:role/ams-access-ro"),
                false),
            row("ArnNotLike", "aws:PrincipalArn", [amsRole], nil, true),
            row("ArnNotLike", "aws:PrincipalArn", [amsRole], .single("not-an-arn"), false),
        ])
    func arns(_ row: ConditionCase) throws {
        #expect(try row.outcome().matched == row.expected)
    }

    @Test(
        "missing keys, IfExists, set qualifiers and Null",
        arguments: [
            row("StringEquals", "k", ["a"], nil, false),
            row("StringNotEquals", "k", ["a"], nil, true),
            row("StringEqualsIfExists", "k", ["a"], nil, true),
            row("StringEqualsIfExists", "k", ["a"], .single("b"), false),
            row("StringNotEqualsIfExists", "k", ["a"], nil, true),
            row("StringNotEqualsIfExists", "k", ["a"], .single("a"), false),
            row("ForAllValues:StringEquals", "aws:TagKeys", ["a"], nil, true),
            row("ForAllValues:StringEquals", "aws:TagKeys", ["a"], .multiple([]), true),
            row("ForAllValues:StringLike", "aws:TagKeys", ["key1*"], .multiple(["key1a", "key1b"]), true),
            row("ForAllValues:StringLike", "aws:TagKeys", ["key1*"], .multiple(["key1a", "other"]), false),
            row("ForAnyValue:StringLike", "aws:TagKeys", ["key1*"], .multiple(["other", "key1a"]), true),
            row("ForAnyValue:StringEqualsIfExists", "aws:TagKeys", ["a"], nil, true),
            row("ForAnyValue:StringEquals", "aws:TagKeys", ["a"], .single("a"), true),
            row("ForAllValues:StringEquals", "aws:TagKeys", ["a"], .single("b"), false),
            row("ForAllValues:StringNotLike", "aws:TagKeys", ["key1*"], nil, true),
            row("ForAllValues:StringNotLike", "aws:TagKeys", ["key1*"], .multiple(["key2"]), true),
            row("ForAllValues:StringNotLike", "aws:TagKeys", ["key1*"], .multiple(["key2", "key1x"]), false),
            row("ForAnyValue:StringNotEquals", "aws:TagKeys", ["a", "b"], .multiple(["a", "c"]), true),
            row("ForAnyValue:StringNotEquals", "aws:TagKeys", ["a", "b"], .multiple(["a", "b"]), false),
            row("ForAnyValue:StringNotEquals", "aws:TagKeys", ["a", "b"], nil, false),
            row("ForAnyValue:NumericLessThan", "k", ["10"], .multiple(["20", "5"]), true),
            row("ForAllValues:NumericLessThan", "k", ["10"], .multiple(["20", "5"]), false),
            row("StringEquals", calledVia, [athena], .multiple([athena]), false),
            row("StringLike", calledVia, ["*"], .multiple([athena]), false),
            row("StringNotEquals", calledVia, ["x"], .multiple([athena]), false),
            row("StringEqualsIfExists", calledVia, [athena], .multiple([athena]), false),
            row("StringNotEqualsIfExists", calledVia, ["x"], .multiple([athena]), false),
            row("Null", "aws:TokenIssueTime", ["true"], nil, true),
            row("Null", "aws:TokenIssueTime", ["true"], .single("2024-01-01T00:00:00Z"), false),
            row("Null", "aws:TokenIssueTime", ["false"], .single("2024-01-01T00:00:00Z"), true),
            row("Null", "aws:TokenIssueTime", ["false"], nil, false),
            row("Null", "aws:TokenIssueTime", ["TRUE"], nil, true),
            row("Null", "aws:TokenIssueTime", ["maybe"], nil, false),
            row("Null", "aws:TagKeys", ["false"], .multiple([]), true),
            row("ForAnyValue:Null", "aws:TagKeys", ["true"], nil, true),
            row("ForAllValues:Null", "aws:TagKeys", ["false"], .multiple(["a"]), true),
            row("ForAllValues:Null", "aws:TagKeys", ["false"], nil, false),
        ])
    func keyRules(_ row: ConditionCase) throws {
        #expect(try row.outcome().matched == row.expected)
    }

    @Test(
        "policy variables in String, ARN and Bool values",
        arguments: [
            row(
                "StringLike", "s3:prefix", ["home/${aws:username}/*"], .single("home/alice/docs"), true,
                others: ["aws:username": .single("alice")]),
            row(
                "StringLike", "s3:prefix", ["home/${aws:username}/*"], .single("home/bob/docs"), false,
                others: ["aws:username": .single("alice")]),
            row(
                "StringEquals", "s3:prefix", ["home/${AWS:UserName}"], .single("home/alice"), true,
                others: ["aws:username": .single("alice")]),
            row(
                "StringEquals", "aws:PrincipalTag/team", ["${aws:ResourceTag/team, 'company-wide'}"],
                .single("company-wide"), true),
            row(
                "StringEquals", "aws:PrincipalTag/team", ["${aws:ResourceTag/team, 'company-wide'}"], .single("ops"),
                true,
                others: ["aws:ResourceTag/team": .single("ops")]),
            row("StringLike", "k", ["a${*}b"], .single("a*b"), true),
            row("StringLike", "k", ["a${*}b"], .single("axb"), false),
            row("StringLike", "k", ["a${?}"], .single("ab"), false),
            row("StringEquals", "k", ["${$}{x}"], .single("${x}"), true),
            row(
                "StringLike", "k", ["test${aws:username}"], .single("testBobTwo"), false,
                others: ["aws:username": .single("Bob*")]),
            row(
                "StringLike", "k", ["test${aws:username}"], .single("testBob*"), true,
                others: ["aws:username": .single("Bob*")]),
            row(
                "StringNotLike", "k", ["test${aws:username}"], .single("testBobTwo"), true,
                others: ["aws:username": .single("Bob*")]),
            row("StringEquals", "k", ["home/${aws:username}"], .single("home/"), false),
            row("StringLike", "k", ["home/${aws:username}*"], .single("home/x"), false),
            row("StringLike", "k", ["home/${aws:username}*", "public/*"], .single("public/x"), true),
            row("StringNotEquals", "k", ["home/${aws:username}"], .single("home/x"), false),
            row(
                "StringEquals", "k", ["${aws:CalledVia}"], .single(athena), false,
                others: [calledVia: .multiple([athena])]),
            row(
                "StringEquals", "k", ["${aws:username}"], .single("${aws:username}"), true,
                others: ["aws:username": .single("alice")], variables: false),
            row(
                "StringEquals", "k", ["${aws:username}"], .single("alice"), false,
                others: ["aws:username": .single("alice")], variables: false),
            row("StringLike", "k", ["a${*}b"], .single("a${xyz}b"), true, variables: false),
            row(
                "ArnLike", "aws:PrincipalArn", ["arn:aws:iam::${aws:PrincipalAccount}:role/*"],
                .single("arn:aws:iam::111122223333:role/x"), true,
                others: ["aws:PrincipalAccount": .single("111122223333")]),
            row(
                "ArnLike", "aws:PrincipalArn", ["arn:aws:iam::${aws:PrincipalAccount}:role/*"],
                .single("arn:aws:iam::444455556666:role/x"), false,
                others: ["aws:PrincipalAccount": .single("111122223333")]),
            row(
                "ArnEquals", "aws:SourceArn", ["arn:aws:s3:::${aws:username}"], .single("arn:aws:s3:::a:b"), true,
                others: ["aws:username": .single("a:b")]),
            row(
                "Bool", "aws:SecureTransport", ["${aws:ViaAWSService}"], .single("true"), true,
                others: ["aws:ViaAWSService": .single("true")]),
            row("NumericEquals", "k", ["${aws:n}"], .single("5"), false, others: ["aws:n": .single("5")]),
        ])
    func variables(_ row: ConditionCase) throws {
        #expect(try row.outcome().matched == row.expected)
    }

    @Test(
        "explanations name the operator, the key and the values",
        arguments: [
            (
                row("StringEquals", "aws:PrincipalOrgID", ["o-a1b2c3d4e5"], .single("o-zzzz"), false),
                #"StringEquals aws:PrincipalOrgID: "o-zzzz" is not one of ["o-a1b2c3d4e5"]"#
            ),
            (
                row("ForAnyValue:StringEquals", calledVia, [athena], nil, false),
                "ForAnyValue:StringEquals aws:CalledVia: key is missing, so no value matches"
            ),
            (
                row("StringNotLike", "s3:prefix", ["logs/AWSLogs/*"], nil, true),
                "StringNotLike s3:prefix: key is missing, so it matches none of the patterns"
            ),
            (
                row(
                    "ArnLike", "aws:PrincipalArn", [amsRole],
                    .single("arn:aws:iam::111122223333:role/app/ams-access-x"), false),
                #"ArnLike aws:PrincipalArn: "arn:aws:iam::111122223333:role/app/ams-access-x" matches none of ["arn:aws:iam::*:role/ams-access-*"]"#
            ),
            (
                row("StringEquals", calledVia, [athena], .multiple([athena]), false),
                #"StringEquals aws:CalledVia: the request has several values ["athena.amazonaws.com"] but the operator takes one; use ForAnyValue: or ForAllValues:"#
            ),
            (
                row("ForAnyValue:StringEquals", calledVia, [athena], .multiple(["s3.amazonaws.com", athena]), true),
                #"ForAnyValue:StringEquals aws:CalledVia: "athena.amazonaws.com" is one of ["athena.amazonaws.com"]"#
            ),
            (
                row("StringLike", "s3:prefix", ["logs/AWSLogs/*"], .single("logs/AWSLogs/o-1/"), true),
                #"StringLike s3:prefix: "logs/AWSLogs/o-1/" matches "logs/AWSLogs/*""#
            ),
            (
                row("StringEqualsIfExists", "k", ["a"], nil, true),
                "StringEqualsIfExists k: key is missing, so IfExists makes the condition hold"
            ),
            (
                row("ForAllValues:StringNotLike", "aws:TagKeys", ["key1*"], .multiple(["key2", "key1x"]), false),
                #"ForAllValues:StringNotLike aws:TagKeys: not every request value qualifies: "key1x" matches "key1*""#
            ),
            (
                row("ForAllValues:StringEquals", "aws:TagKeys", ["a"], nil, true),
                "ForAllValues:StringEquals aws:TagKeys: key is missing, so there is no value that could fail"
            ),
            (
                row("NumericLessThan", "s3:max-keys", ["ten", "5"], .single("10"), false),
                #"NumericLessThan s3:max-keys: "10" is not less than any of ["ten", "5"]; policy value "ten" is not a number and never matches"#
            ),
            (
                row("NumericNotEquals", "s3:max-keys", ["ten"], .single("10"), false),
                #"NumericNotEquals s3:max-keys: "10" is not one of ["ten"]; policy value "ten" is not a number, so NumericNotEquals cannot hold"#
            ),
            (
                row("DateGreaterThan", "aws:CurrentTime", ["2024-01-01"], .single("yesterday"), false),
                #"DateGreaterThan aws:CurrentTime: the request value "yesterday" is not a date"#
            ),
            (
                row("IpAddress", "aws:SourceIp", ["203.0.113.0/24"], .single("203.0.113.5"), true),
                #"IpAddress aws:SourceIp: "203.0.113.5" is in "203.0.113.0/24""#
            ),
            (
                row(
                    "StringLike", "s3:prefix", ["home/${aws:username}/*"], .single("home/bob/x"), false,
                    others: ["aws:username": .single("alice")]),
                #"StringLike s3:prefix: "home/bob/x" matches none of ["home/${aws:username}/*" (= "home/alice/*")]"#
            ),
            (
                row("StringEquals", "s3:prefix", ["home/${aws:username}"], .single("home/bob"), false),
                #"StringEquals s3:prefix: "home/bob" is not one of ["home/${aws:username}"]; policy value "home/${aws:username}" has a variable without a value (aws:username is missing from the request) and never matches"#
            ),
            (
                row("Null", "aws:TokenIssueTime", ["true"], .single("x"), false),
                #"Null aws:TokenIssueTime: key is present, but "true" requires it to be missing"#
            ),
            (
                row("Null", "aws:TokenIssueTime", ["true"], nil, true),
                #"Null aws:TokenIssueTime: key is missing, as "true" requires"#
            ),
        ])
    func explanations(_ row: ConditionCase, _ expected: String) throws {
        let outcome = try row.outcome()
        #expect(outcome.matched == row.expected)
        #expect(outcome.explanation == expected)
    }
}
