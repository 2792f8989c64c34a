import Foundation
import OrderedJSON
import Testing

@testable import TrailGateCore

/// The required statements as the service documents them, minified, with `<B>` the bucket, `<O>` the organization
/// and `<P>/` the prefix and its slash (dropped without a prefix).
private let specifiedBucketStatements = [
    #"{"Sid":"DONOTDELETE-AMS-ALLOWBUCKETCONFIGAUDIT","Effect":"Allow","Principal":{"AWS":"*"},"#
        + #""Action":["s3:GetBucketLogging","s3:GetBucketObjectLockConfiguration","s3:GetLifecycleConfiguration","#
        + #""s3:GetEncryptionConfiguration"],"Resource":"arn:aws:s3:::<B>","#
        + #""Condition":{"StringEquals":{"aws:PrincipalOrgID":"<O>"},"ArnLike":{"aws:PrincipalArn":[<A>]}}}"#,
    #"{"Sid":"DONOTDELETE-AMS-ALLOWLISTBUCKET","Effect":"Allow","Principal":{"AWS":"*"},"Action":"s3:ListBucket","#
        + #""Resource":"arn:aws:s3:::<B>","#
        + #""Condition":{"ForAnyValue:StringEquals":{"aws:CalledVia":"athena.amazonaws.com"},"StringLike":{"s3:prefix":"<P>/AWSLogs/*"},"#
        + #""StringEquals":{"aws:PrincipalOrgID":"<O>"},"ArnLike":{"aws:PrincipalArn":[<A>]}}}"#,
    #"{"Sid":"DONOTDELETE-AMS-ALLOWGETOBJECT","Effect":"Allow","Principal":{"AWS":"*"},"Action":"s3:GetObject","#
        + #""Resource":"arn:aws:s3:::<B>/<P>/AWSLogs/*","#
        + #""Condition":{"ForAnyValue:StringEquals":{"aws:CalledVia":"athena.amazonaws.com"},"StringEquals":{"aws:PrincipalOrgID":"<O>"},"#
        + #""ArnLike":{"aws:PrincipalArn":[<A>]}}}"#,
]

private let specifiedKeyStatement =
    #"{"Sid":"DONOTDELETE-AMS-ALLOWTRAILOBJECTDECRYPTION","Effect":"Allow","Principal":{"AWS":"*"},"#
    + #""Action":["kms:Decrypt","kms:DescribeKey"],"Resource":"*","#
    + #""Condition":{"ForAnyValue:StringEquals":{"aws:CalledVia":"athena.amazonaws.com"},"StringEquals":{"aws:PrincipalOrgID":"<O>"},"#
    + #""ArnLike":{"aws:PrincipalArn":[<A>]}}}"#

private func specified(_ template: String, bucket: String, org: String, prefix: String?, patterns: [String]) -> String {
    template.replacingOccurrences(of: "<B>", with: bucket)
        .replacingOccurrences(of: "<O>", with: org)
        .replacingOccurrences(of: "<P>/", with: prefix.map { "\($0)/" } ?? "")
        .replacingOccurrences(of: "<A>", with: patterns.map { "\"\($0)\"" }.joined(separator: ","))
}

private let bucket = "acme-org-trail-logs"
private let org = "o-a1b2c3d4e5"

@Suite("Required statements")
struct RequiredStatementsTests {
    @Test("the statements are the documented ones, member order included", arguments: [nil, "cloudtrail", "a/b.c"])
    func exactForm(_ prefix: String?) throws {
        let patterns = [PolicyInputs.defaultPrincipalArnPattern, "arn:aws:iam::123456789012:role/audit/reader-?"]
        let required = RequiredStatements(
            try PolicyInputs(
                bucket: bucket, organizationId: org, prefix: prefix,
                extraPrincipalArnPatterns: [patterns[1]]))
        #expect(
            required.bucketStatements.map { $0.serialized() }
                == specifiedBucketStatements.map {
                    specified($0, bucket: bucket, org: org, prefix: prefix, patterns: patterns)
                })
        #expect(
            required.keyStatements.map { $0.serialized() }
                == [specified(specifiedKeyStatement, bucket: bucket, org: org, prefix: prefix, patterns: patterns)])
    }

    @Test("the ready example's policies hold exactly the required statements")
    func readyExample() throws {
        let snapshot = try Fixture.ready()
        let bucketPolicy = try JSONValue.parse(
            try #require(snapshot["buckets"]?[bucket]?["policy"]?["Policy"]?.stringValue))
        let keyPolicy = try JSONValue.parse(
            try #require(
                snapshot["keys"]?[
                    "arn:aws:kms:us-east-1:111122223333:key/1234abcd-12ab-34cd-56ef-1234567890ab"]?["policy"]?[
                        "Policy"]?.stringValue))
        let required = RequiredStatements(try PolicyInputs(bucket: bucket, organizationId: org, prefix: "cloudtrail"))
        guard case .array(let bucketStatements)? = bucketPolicy["Statement"],
            case .array(let keyStatements)? = keyPolicy["Statement"]
        else {
            Issue.record("the example's policies have statement arrays")
            return
        }
        #expect(Array(bucketStatements.suffix(3)) == required.bucketStatements)
        #expect(Array(keyStatements.suffix(1)) == required.keyStatements)
    }

    @Test("a bucket policy without a prefix")
    func bucketWithoutPrefix() throws {
        let required = RequiredStatements(try PolicyInputs(bucket: bucket, organizationId: org))
        try Golden.compare(
            required.document(for: .bucket).serialized(pretty: true) + "\n", with: "policy/render-bucket.json")
    }

    @Test("slashes around the prefix are trimmed, and the trimmed prefix is used")
    func prefixWithSlashes() throws {
        let inputs = try PolicyInputs(bucket: bucket, organizationId: org, prefix: "/logs/")
        #expect(inputs.prefix == "logs")
        #expect(inputs.untrimmedPrefix == "/logs/")
        try Golden.compare(
            RequiredStatements(inputs).document(for: .bucket).serialized(pretty: true) + "\n",
            with: "policy/render-bucket-prefix.json")
    }

    @Test("a prefix without slashes is not reported as trimmed; an empty one means no prefix")
    func prefixWithoutSlashes() throws {
        let plain = try PolicyInputs(bucket: bucket, organizationId: org, prefix: "logs")
        #expect(plain.prefix == "logs")
        #expect(plain.untrimmedPrefix == nil)
        let empty = try PolicyInputs(bucket: bucket, organizationId: org, prefix: "")
        #expect(empty.prefix == nil)
        #expect(empty.untrimmedPrefix == nil)
        let slash = try PolicyInputs(bucket: bucket, organizationId: org, prefix: "/")
        #expect(slash.prefix == nil)
        #expect(slash.untrimmedPrefix == "/")
    }

    @Test("extra principal patterns follow the default one, each once, in the order given")
    func extraPatterns() throws {
        let inputs = try PolicyInputs(
            bucket: bucket, organizationId: org, prefix: "cloudtrail",
            extraPrincipalArnPatterns: [
                "arn:aws:iam::*:role/security-audit-*",
                PolicyInputs.defaultPrincipalArnPattern,
                "arn:aws:iam::111122223333:role/ops/athena-reader",
                "arn:aws:iam::*:role/security-audit-*",
            ])
        #expect(
            inputs.principalArnPatterns == [
                PolicyInputs.defaultPrincipalArnPattern, "arn:aws:iam::*:role/security-audit-*",
                "arn:aws:iam::111122223333:role/ops/athena-reader",
            ])
        try Golden.compare(
            RequiredStatements(inputs).document(for: .bucket).serialized(pretty: true) + "\n",
            with: "policy/render-bucket-extra-patterns.json")
    }

    @Test("a key policy")
    func key() throws {
        let required = RequiredStatements(try PolicyInputs(bucket: bucket, organizationId: org, prefix: "cloudtrail"))
        try Golden.compare(required.document(for: .key).serialized(pretty: true) + "\n", with: "policy/render-key.json")
    }

    @Test("both policies")
    func both() throws {
        let required = RequiredStatements(try PolicyInputs(bucket: bucket, organizationId: org, prefix: "cloudtrail"))
        #expect(required.bothDocuments["bucketPolicy"] == required.document(for: .bucket))
        #expect(required.bothDocuments["keyPolicy"] == required.document(for: .key))
        try Golden.compare(required.bothDocuments.serialized(pretty: true) + "\n", with: "policy/render-all.json")
    }

    @Test("the first invalid input is thrown")
    func invalidInput() {
        #expect(
            throws: PolicyInputError(
                .bucket, value: "Acme",
                reason:
                    "may contain only lowercase letters, digits, dots and hyphens, not \"A\"")
        ) {
            try PolicyInputs(bucket: "Acme", organizationId: "o-short")
        }
        #expect(
            throws: PolicyInputError(
                .organizationId, value: "o-short",
                reason:
                    "must be o- followed by 10 to 32 lowercase letters or digits")
        ) {
            try PolicyInputs(bucket: bucket, organizationId: "o-short", prefix: "a//b")
        }
        #expect(throws: PolicyInputError(.prefix, value: "a//b", reason: "has an empty segment (\"//\")")) {
            try PolicyInputs(
                bucket: bucket, organizationId: org, prefix: "a//b",
                extraPrincipalArnPatterns: ["arn:aws:iam::*:user/bob"])
        }
        #expect(
            throws: PolicyInputError(
                .principalArnPattern, value: "arn:aws:iam::*:user/bob",
                reason:
                    "not an IAM role ARN: the resource is \"user/bob\", not role/<name>")
        ) {
            try PolicyInputs(
                bucket: bucket, organizationId: org, prefix: "logs",
                extraPrincipalArnPatterns: ["arn:aws:iam::*:user/bob"])
        }
    }
}
