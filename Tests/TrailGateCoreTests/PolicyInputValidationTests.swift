import Testing

@testable import TrailGateCore

@Suite("Policy input validation")
struct PolicyInputValidationTests {
    @Test(
        "valid bucket names",
        arguments: [
            "abc", "acme-org-trail-logs", "acme.logs.2024", "1bucket9", String(repeating: "a", count: 63), "10.0.0.1a",
            "logs-xn--tail", "my-s3alias-bucket",
        ])
    func validBucket(_ name: String) throws {
        try PolicyInputValidation.validateBucketName(name)
    }

    @Test(
        "invalid bucket names say why",
        arguments: [
            ("ab", "must be 3 to 63 characters long, it has 2"),
            (String(repeating: "a", count: 64), "must be 3 to 63 characters long, it has 64"),
            ("Acme-logs", "may contain only lowercase letters, digits, dots and hyphens, not \"A\""),
            ("acme_logs", "may contain only lowercase letters, digits, dots and hyphens, not \"_\""),
            ("acme logs", "may contain only lowercase letters, digits, dots and hyphens, not \" \""),
            ("acme\nlogs", "may contain only lowercase letters, digits, dots and hyphens, not \"\\n\""),
            ("-acme", "must start and end with a lowercase letter or digit"),
            ("acme.", "must start and end with a lowercase letter or digit"),
            ("acme..logs", "must not contain two adjacent dots"),
            ("192.168.5.4", "must not be formatted as an IP address"),
            ("xn--acme", "must not start with the reserved prefix \"xn--\""),
            ("sthree-logs", "must not start with the reserved prefix \"sthree-\""),
            ("amzn-s3-demo-bucket", "must not start with the reserved prefix \"amzn-s3-demo-\""),
            ("acme-s3alias", "must not end with the reserved suffix \"-s3alias\""),
            ("acme--ol-s3", "must not end with the reserved suffix \"--ol-s3\""),
            ("acme.mrap", "must not end with the reserved suffix \".mrap\""),
            ("acme--x-s3", "must not end with the reserved suffix \"--x-s3\""),
            ("acme--table-s3", "must not end with the reserved suffix \"--table-s3\""),
        ])
    func invalidBucket(_ name: String, _ reason: String) {
        #expect(throws: PolicyInputError(.bucket, value: name, reason: reason)) {
            try PolicyInputValidation.validateBucketName(name)
        }
    }

    @Test("organization ids are o- and 10 to 32 lowercase letters or digits")
    func organizationId() throws {
        try PolicyInputValidation.validateOrganizationId("o-a1b2c3d4e5")
        try PolicyInputValidation.validateOrganizationId("o-" + String(repeating: "z", count: 32))
        for bad in [
            "o-a1b2c3d4e", "o-A1B2C3D4E5", "a1b2c3d4e5", "o-" + String(repeating: "z", count: 33), "r-a1b2c3d4e5", "",
        ] {
            #expect(
                throws: PolicyInputError(
                    .organizationId, value: bad,
                    reason: "must be o- followed by 10 to 32 lowercase letters or digits")
            ) {
                try PolicyInputValidation.validateOrganizationId(bad)
            }
        }
    }

    @Test(
        "prefixes lose leading and trailing slashes",
        arguments: [
            ("logs", "logs"), ("/logs/", "logs"), ("//a/b//", "a/b"), ("cloud trail/2024", "cloud trail/2024"),
            ("/", nil), ("", nil), (String(repeating: "p", count: 200), String(repeating: "p", count: 200)),
            ("/" + String(repeating: "p", count: 200) + "/", String(repeating: "p", count: 200)),
        ] as [(String, String?)])
    func prefix(_ given: String, _ expected: String?) throws {
        #expect(try PolicyInputValidation.normalizedPrefix(given) == expected)
    }

    @Test(
        "invalid prefixes say why",
        arguments: [
            (
                String(repeating: "p", count: 201),
                "is 201 characters long, over CloudTrail's limit of 200 for S3KeyPrefix"
            ),
            ("a//b", "has an empty segment (\"//\")"),
            ("logs/*", "must not contain \"*\": it would be a wildcard in the policy"),
            ("log?", "must not contain \"?\": it would be a wildcard in the policy"),
            ("logs/${aws:username}", "must not contain \"${\": it would start a policy variable"),
            ("logs\t1", "must not contain control characters"),
        ])
    func invalidPrefix(_ given: String, _ reason: String) {
        #expect(throws: PolicyInputError(.prefix, value: given, reason: reason)) {
            try PolicyInputValidation.normalizedPrefix(given)
        }
    }

    @Test(
        "valid principal ARN patterns",
        arguments: [
            "arn:aws:iam::*:role/ams-access-*",
            "arn:aws:iam::123456789012:role/security-audit",
            "arn:aws-us-gov:iam::*:role/ops/athena-?",
            "arn:aws-cn:iam::1111*:role/service-role/reader+admin=x,y.z@corp_1",
            "arn:aws:iam::????????????:role/*",
            "arn:aws:iam::*:role/path/*/reader",
        ])
    func validPattern(_ pattern: String) throws {
        try PolicyInputValidation.validatePrincipalArnPattern(pattern)
    }

    @Test(
        "invalid principal ARN patterns say why",
        arguments: [
            ("ams-access-*", "must have the form arn:<partition>:iam::<account>:role/<name>"),
            ("arn:aws:iam::*", "must have the form arn:<partition>:iam::<account>:role/<name>"),
            ("ARN:aws:iam::*:role/x", "must have the form arn:<partition>:iam::<account>:role/<name>"),
            ("arn:*:iam::*:role/x", "wildcards are not allowed in the partition"),
            ("arn:amazon:iam::*:role/x", "\"amazon\" is not an AWS partition (aws, aws-cn, aws-us-gov, …)"),
            ("arn:aws:*:*:*:role/x", "wildcards are not allowed in the service segment, it must be iam"),
            ("arn:aws:ia?::*:role/x", "wildcards are not allowed in the service segment, it must be iam"),
            ("arn:aws:s3:::bucket", "not an IAM role ARN: the service is \"s3\", not iam"),
            ("arn:aws:sts::123456789012:assumed-role/x/y", "not an IAM role ARN: the service is \"sts\", not iam"),
            ("arn:aws:iam:us-east-1:*:role/x", "IAM ARNs have no Region, found \"us-east-1\""),
            ("arn:aws:iam:::role/x", "the account \"\" must be 12 digits, or digits with * and ? wildcards"),
            ("arn:aws:iam::12345:role/x", "the account \"12345\" must be 12 digits, or digits with * and ? wildcards"),
            (
                "arn:aws:iam::1234567890123*:role/x",
                "the account \"1234567890123*\" must be 12 digits, or digits with * and ? wildcards"
            ),
            ("arn:aws:iam::acme:role/x", "the account \"acme\" must be 12 digits, or digits with * and ? wildcards"),
            ("arn:aws:iam::*:user/bob", "not an IAM role ARN: the resource is \"user/bob\", not role/<name>"),
            ("arn:aws:iam::*:*", "not an IAM role ARN: the resource is \"*\", not role/<name>"),
            ("arn:aws:iam::*:role/", "the role name after role/ is missing"),
            ("arn:aws:iam::*:role/ops/", "the role name after role/ is missing"),
            ("arn:aws:iam::*:role/ops//x", "the role path has an empty segment (\"//\")"),
            ("arn:aws:iam::*:role/op s/x", "the role path may contain only printable ASCII characters, not \" \""),
            (
                "arn:aws:iam::*:role/ams access",
                "a role name may contain only letters, digits, + = , . @ _ - and the wildcards * ?, not \" \""
            ),
            (
                "arn:aws:iam::*:role/ams:access",
                "a role name may contain only letters, digits, + = , . @ _ - and the wildcards * ?, not \":\""
            ),
            (
                "arn:aws:iam::*:role/zugriff-ä",
                "a role name may contain only letters, digits, + = , . @ _ - and the wildcards * ?, not \"ä\""
            ),
        ])
    func invalidPattern(_ pattern: String, _ reason: String) {
        #expect(throws: PolicyInputError(.principalArnPattern, value: pattern, reason: reason)) {
            try PolicyInputValidation.validatePrincipalArnPattern(pattern)
        }
    }

    @Test("errors quote the value on one line, under the input's name or a given one")
    func description() {
        let error = PolicyInputError(.bucket, value: "a\"b\nc", reason: "bad")
        #expect(error.description == #"bucket name "a\"b\nc": bad"#)
        #expect(error.description(naming: "--bucket") == #"--bucket "a\"b\nc": bad"#)
    }
}
