import Testing
import TrailGateBasics

@Suite struct ARNTests {
    @Test("an ARN splits into partition, service, Region, account and resource, keeping later colons")
    func parts() throws {
        let key = try #require(ARN("arn:aws:kms:eu-west-1:111122223333:key/1234abcd-12ab"))
        #expect(key.partition == "aws" && key.service == "kms" && key.region == "eu-west-1")
        #expect(key.account == "111122223333" && key.hasAccountId)
        #expect(key.resourceType == "key" && key.resourceId == "1234abcd-12ab")
        let object = try #require(ARN("arn:aws-cn:s3:::bucket/a:b/c"))
        #expect(object.region.isEmpty && object.account.isEmpty && !object.hasAccountId)
        #expect(object.resource == "bucket/a:b/c" && object.resourceType == "bucket")
        #expect(ARN("arn:aws:s3:::bucket")?.resourceType == nil)
        #expect(ARN("arn:aws:s3:::bucket")?.resourceId == "bucket")
        #expect(key.description == "arn:aws:kms:eu-west-1:111122223333:key/1234abcd-12ab")
    }

    @Test(
        "text that is not an ARN gives nil, never a trap",
        arguments: [
            "", "arn", "arn:", "arn:aws", "arn:aws:kms:eu-west-1:111122223333", "arn::kms:r:a:key/x", "arn:aws::r:a:x",
            "ARN:aws:kms:r:a:key/x", "alias/logs", "::::::",
        ])
    func notARNs(text: String) {
        #expect(ARN(text) == nil)
    }

    @Test("the Region of an ARN, nil where it names none")
    func regions() {
        #expect(ARN.region(in: "arn:aws:cloudtrail:us-east-2:111122223333:trail/org") == "us-east-2")
        #expect(ARN.region(in: "arn:aws:iam::111122223333:role/x") == nil)
        #expect(ARN.region(in: "1234abcd-12ab") == nil)
    }

    @Test("the account of an ARN, found without parsing the rest, agrees with the parsed ARN")
    func accounts() {
        for text in [
            "arn:aws:kms:eu-west-1:111122223333:key/x", "arn:aws:s3:::bucket/key", "arn:aws:iam::111122223333:root",
            "arn::kms:r:111122223333:key/x", "arn:aws::r:111122223333:x", "arn:aws:kms:r:111122223333", "not-an-arn",
            "arn:aws:sts::444455556666:assumed-role/r/s:with:colons",
        ] {
            let parsed = ARN(text).flatMap { $0.account.isEmpty ? nil : $0.account }
            #expect(ARN.account(in: text) == parsed, "\(text)")
        }
    }

    @Test("account ids are exactly twelve ASCII digits")
    func accountIds() {
        #expect(AccountId.isValid("111122223333"))
        #expect(!AccountId.isValid("11112222333"))
        #expect(!AccountId.isValid("11112222333x"))
        #expect(!AccountId.isValid("١١١١٢٢٢٢٣٣٣٣"))
    }
}

@Suite("Identifier grammars")
struct IdentifierGrammarTests {
    @Test("Regions, bucket names, ARNs and trail names AWS returns fit; shell and terminal text does not")
    func grammars() {
        for region in ["us-east-1", "eu-central-2", "us-gov-west-1", "cn-north-1", "us-isob-east-1", "ap-southeast-5"] {
            #expect(IdentifierGrammar.isRegion(region), "\(region)")
        }
        for region in ["", "us-east", "eu-west-1$(touch x)", "US-EAST-1", "us east-1", "us-east-1\n", "-east-1"] {
            #expect(!IdentifierGrammar.isRegion(region), "\(region)")
        }
        for bucket in ["acme-logs", "a.b.c", "Legacy_Bucket_From_2012", String(repeating: "a", count: 63)] {
            #expect(IdentifierGrammar.isBucketName(bucket), "\(bucket)")
        }
        for bucket in ["ab", "logs bucket", "logs;id", "../../..", "logs/x", "logs'"] {
            #expect(!IdentifierGrammar.isBucketName(bucket), "\(bucket)")
        }
        for arn in [
            "arn:aws:cloudtrail:eu-west-1:222233334444:trail/org-trail",
            "arn:aws:kms:us-east-1:111122223333:key/1234abcd-12ab-34cd-56ef-1234567890ab",
            "arn:aws-us-gov:iam::111122223333:role/path/ams-access-ro", "arn:aws:s3:::acme-logs/AWSLogs/*",
        ] {
            #expect(IdentifierGrammar.isARN(arn), "\(arn)")
        }
        for arn in [
            "arn:aws:cloudtrail:eu-west-1:222233334444:trail/x;id", "arn:aws:kms:us-east-1:1111:key/k",
            "arn:aws:kms:us-east-1$(id):111122223333:key/k", "arn:evil:s3:::b", "arn:aws:s3:::b c",
        ] {
            #expect(!IdentifierGrammar.isARN(arn), "\(arn)")
        }
        #expect(IdentifierGrammar.isTrailName("management-events_2.x"))
        #expect(!IdentifierGrammar.isTrailName("trail`id`"))
    }

    @Test("control characters and bidirectional overrides are escaped; line breaks only when asked")
    func escaping() {
        #expect("a\u{1B}[31mb".escapingControlCharacters() == #"a\u{1B}[31mb"#)
        #expect("x\u{202E}y\u{9B}".escapingControlCharacters() == #"x\u{202E}y\u{9B}"#)
        #expect("one\ntwo\t".escapingControlCharacters() == #"one\u{A}two\u{9}"#)
        #expect("one\ntwo".escapingControlCharacters(keepingLineBreaks: true) == "one\ntwo")
        #expect("plain café".escapingControlCharacters() == "plain café")
    }
}
