import IAMPolicy
import OrderedJSON
import Testing

@testable import TrailGateCore

/// An existing policy in `Golden/policy/<name>.existing.json` and the values of the statements merged into it.
struct MergeCase: Sendable, CustomTestStringConvertible {
    var name: String
    var kind: PolicyKind
    var bucket: String
    var prefix: String?

    var testDescription: String { name }

    var required: [JSONValue] {
        get throws {
            RequiredStatements(try PolicyInputs(bucket: bucket, organizationId: "o-a1b2c3d4e5", prefix: prefix))
                .statements(for: kind)
        }
    }

    var existing: PolicyDocument {
        get throws { try PolicyMerge.parseExisting(Array(try Golden.read("policy/\(name).existing.json").utf8)) }
    }

    func merge() throws -> PolicyMergeResult {
        try PolicyMerge.merge(try required, into: try existing, kind: kind)
    }
}

/// The needs-work example's bucket policy: CloudTrail's two statements and a deny of insecure transport.
private let cloudTrailStatements = MergeCase(
    name: "merge-cloudtrail-statements", kind: .bucket,
    bucket: "acme-prod-cloudtrail-222233334444")
/// The ready example's bucket policy with DONOTDELETE-AMS-ALLOWLISTBUCKET listing the wrong prefix, without
/// DONOTDELETE-AMS-ALLOWGETOBJECT, and with a statement of the user's after them.
private let conflictingSid = MergeCase(
    name: "merge-conflicting-sid", kind: .bucket, bucket: "acme-org-trail-logs",
    prefix: "cloudtrail")
/// The ready example's bucket policy, which already has every required statement.
private let alreadyMerged = MergeCase(
    name: "merge-already-merged", kind: .bucket, bucket: "acme-org-trail-logs",
    prefix: "cloudtrail")
/// A key policy without Version whose Statement is one object.
private let singleStatement = MergeCase(
    name: "merge-single-statement", kind: .key, bucket: "acme-org-trail-logs",
    prefix: "cloudtrail")

/// `policy` with its statements in an array and one more statement, whose Sid is as long as needed for the merge
/// of `required` to be `mergedBytes`.
private func padded(
    _ policy: PolicyDocument, kind: PolicyKind, toMergedBytes mergedBytes: Int,
    required: [JSONValue]
) throws -> PolicyDocument {
    func withPadding(_ length: Int) throws -> PolicyDocument {
        var json = policy.json
        var statements = policy.statements.map(\.json)
        statements.append([
            "Sid": .string(String(repeating: "P", count: length)), "Effect": "Deny", "Principal": "*",
            "Action": "s3:DeleteBucket", "Resource": "arn:aws:s3:::acme-prod-cloudtrail-222233334444",
        ])
        json["Statement"] = .array(statements)
        return try PolicyDocument(json: json)
    }
    let unpadded = try PolicyMerge.merge(required, into: try withPadding(0), kind: kind).bytes
    return try withPadding(mergedBytes - unpadded)
}

@Suite("Policy merge")
struct PolicyMergeTests {
    static let cases = [cloudTrailStatements, conflictingSid, alreadyMerged, singleStatement]

    @Test("merged policies and their changes", arguments: cases)
    func golden(_ mergeCase: MergeCase) throws {
        let result = try mergeCase.merge()
        try Golden.compare(result.policy.serialized(pretty: true) + "\n", with: "policy/\(mergeCase.name).merged.json")
        try Golden.compare(result.changes.map { "\($0)\n" }.joined(), with: "policy/\(mergeCase.name).changes.txt")
        #expect(result.bytes == result.policy.serialized().utf8.count)
    }

    @Test("merging a merged policy changes nothing", arguments: cases)
    func idempotent(_ mergeCase: MergeCase) throws {
        let once = try mergeCase.merge()
        let twice = try PolicyMerge.merge(
            try mergeCase.required, into: try PolicyDocument(json: once.policy), kind: mergeCase.kind)
        #expect(twice.policy == once.policy)
        #expect(twice.changes.isEmpty)
    }

    @Test("the CloudTrail statements stay first and unchanged; the required ones are appended in order")
    func appended() throws {
        let existing = try cloudTrailStatements.existing
        let result = try cloudTrailStatements.merge()
        #expect(
            result.policy["Statement"] == .array(existing.statements.map(\.json) + (try cloudTrailStatements.required)))
        #expect(
            result.changes == [
                .added(sid: "DONOTDELETE-AMS-ALLOWBUCKETCONFIGAUDIT"),
                .added(sid: "DONOTDELETE-AMS-ALLOWLISTBUCKET"),
                .added(sid: "DONOTDELETE-AMS-ALLOWGETOBJECT"),
            ])
        #expect(
            result.changes.map(\.description) == [
                "added statement \"DONOTDELETE-AMS-ALLOWBUCKETCONFIGAUDIT\"",
                "added statement \"DONOTDELETE-AMS-ALLOWLISTBUCKET\"",
                "added statement \"DONOTDELETE-AMS-ALLOWGETOBJECT\"",
            ])
    }

    @Test("a statement with a required Sid is replaced where it is; the others keep their place")
    func replacedInPlace() throws {
        let existing = try conflictingSid.existing
        let required = try conflictingSid.required
        let result = try conflictingSid.merge()
        let expected = existing.statements[0...2].map(\.json) + [required[1], existing.statements[4].json, required[2]]
        #expect(result.policy["Statement"] == .array(expected))
        #expect(
            result.changes == [
                .replaced(sid: "DONOTDELETE-AMS-ALLOWLISTBUCKET"), .added(sid: "DONOTDELETE-AMS-ALLOWGETOBJECT"),
            ])
        #expect(
            result.changes[0].description
                == "replaced statement \"DONOTDELETE-AMS-ALLOWLISTBUCKET\": it differed from the required form")
    }

    @Test("a required statement with its members in another order is replaced")
    func memberOrder() throws {
        let required = try alreadyMerged.required
        guard case .object(let members) = required[0] else { Issue.record("a statement is an object"); return }
        let reordered = JSONValue.object(members.reversed())
        let policy = try PolicyDocument(json: [
            "Version": "2012-10-17", "Statement": .array([reordered] + required.dropFirst()),
        ])
        let result = try PolicyMerge.merge(required, into: policy, kind: .bucket)
        #expect(result.changes == [.replaced(sid: "DONOTDELETE-AMS-ALLOWBUCKETCONFIGAUDIT")])
        #expect(result.policy["Statement"] == .array(required))
    }

    @Test("an already merged policy is returned as it was")
    func noChange() throws {
        let result = try alreadyMerged.merge()
        #expect(result.changes.isEmpty)
        #expect(result.policy == (try alreadyMerged.existing).json)
    }

    @Test("a single statement object becomes an array and a missing Version is set first")
    func singleStatementObject() throws {
        let result = try singleStatement.merge()
        #expect(
            result.changes == [
                .versionAdded, .statementMadeArray, .added(sid: "DONOTDELETE-AMS-ALLOWTRAILOBJECTDECRYPTION"),
            ])
        guard case .object(let members) = result.policy else { Issue.record("a policy is an object"); return }
        #expect(members.map(\.key) == ["Version", "Id", "Statement"])
        #expect(result.policy["Version"] == "2012-10-17")
    }

    @Test("a single required statement object that is already right only becomes an array")
    func singleRequiredStatement() throws {
        let required = try singleStatement.required
        let policy = try PolicyDocument(json: ["Version": "2012-10-17", "Statement": required[0]])
        let result = try PolicyMerge.merge(required, into: policy, kind: .key)
        #expect(result.changes == [.statementMadeArray])
        #expect(result.changes[0].description == "made Statement an array: it was a single statement object")
        #expect(result.policy == ["Version": "2012-10-17", "Statement": .array(required)])
    }

    @Test("Version 2008-10-17 is kept")
    func oldVersion() throws {
        let policy = try PolicyDocument(json: ["Version": "2008-10-17", "Statement": []])
        let result = try PolicyMerge.merge(try singleStatement.required, into: policy, kind: .key)
        #expect(result.policy["Version"] == "2008-10-17")
        #expect(!result.changes.contains(.versionAdded))
    }

    @Test("a policy at the size limit cannot take the required statements")
    func policyAtLimit() throws {
        let atLimit = try padded(try cloudTrailStatements.existing, kind: .bucket, toMergedBytes: 20_480, required: [])
        #expect(PolicyMerge.minifiedSize(atLimit.json) == 20_480)
        let required = try cloudTrailStatements.required
        do throws(PolicyMergeError) {
            _ = try PolicyMerge.merge(required, into: atLimit, kind: .bucket)
            Issue.record("the merge was not refused")
        } catch {
            try Golden.compare(error.description + "\n", with: "policy/merge-size-limit.error.txt")
        }
    }

    @Test(
        "the merged policy may be as large as the limit, not a byte larger",
        arguments: [
            (cloudTrailStatements, 20_480), (singleStatement, 32_768),
        ])
    func sizeBoundary(_ mergeCase: MergeCase, _ limit: Int) throws {
        #expect(mergeCase.kind.sizeLimit == limit)
        let required = try mergeCase.required
        let fits = try padded(try mergeCase.existing, kind: mergeCase.kind, toMergedBytes: limit, required: required)
        #expect(try PolicyMerge.merge(required, into: fits, kind: mergeCase.kind).bytes == limit)
        let over = try padded(
            try mergeCase.existing, kind: mergeCase.kind, toMergedBytes: limit + 1, required: required)
        #expect(throws: PolicyMergeError.tooLarge(mergeCase.kind, bytes: limit + 1)) {
            try PolicyMerge.merge(required, into: over, kind: mergeCase.kind)
        }
    }

    @Test("the size is counted in UTF-8 bytes of the minified JSON")
    func minifiedSize() {
        #expect(
            PolicyMerge.minifiedSize(["Sid": "é", "Effect": "Allow"]) == #"{"Sid":"é","Effect":"Allow"}"#.utf8.count)
        #expect(PolicyMerge.minifiedSize(["Sid": "é"]) == 12)
    }

    @Test("size errors give the size, the excess and the limit")
    func sizeErrorText() {
        #expect(
            PolicyMergeError.tooLarge(.key, bytes: 1_032_768).description
                == "the merged key policy would be 1,032,768 bytes, 1,000,000 bytes over KMS's limit of 32,768 bytes (32 KB), "
                + "measured on the minified JSON")
    }

    @Test("two statements with one required Sid are refused: which one to replace is not clear")
    func duplicateSid() throws {
        let required = try singleStatement.required
        let policy = try PolicyDocument(json: [
            "Statement": .array([
                required[0], ["Sid": "Other", "Effect": "Allow", "Action": "kms:*"],
                required[0],
            ])
        ])
        #expect(
            throws: PolicyMergeError.duplicateSid(
                "DONOTDELETE-AMS-ALLOWTRAILOBJECTDECRYPTION",
                paths: ["Statement[0]", "Statement[2]"])
        ) {
            try PolicyMerge.merge(required, into: policy, kind: .key)
        }
        #expect(
            PolicyMergeError.duplicateSid("S", paths: ["Statement[0]", "Statement[2]"]).description
                == "the existing policy has 2 statements with Sid \"S\" (Statement[0], Statement[2]); keep one and merge again"
        )
    }

    @Test(
        "existing text that is not JSON or not a policy is refused with the position or path",
        arguments: [
            (
                "{\"Statement\": [}",
                ExistingPolicyError.notJSON(
                    JSONParseError(line: 1, column: 16, reason: "unexpected character", path: "$.Statement[0]"))
            ),
            (
                "{\"Version\": \"2012-10-17\",\n \"Version\": \"2012-10-17\"}",
                .notJSON(JSONParseError(line: 2, column: 2, reason: "duplicate member \"Version\"", path: "$.Version"))
            ),
            ("[]", .notAPolicy(PolicyError(path: "$", reason: "a policy must be a JSON object"))),
            (
                "{\"Version\": \"2012-10-17\"}",
                .notAPolicy(PolicyError(path: "Statement", reason: "required element is missing"))
            ),
            (
                "{\"Statement\": [{\"Effect\": \"Allow\", \"Action\": \"s3:*\"}, {\"Effect\": \"Permit\", \"Action\": \"s3:*\"}]}",
                .notAPolicy(PolicyError(path: "Statement[1].Effect", reason: "expected \"Allow\" or \"Deny\""))
            ),
        ])
    func invalidExisting(_ text: String, _ error: ExistingPolicyError) {
        #expect(throws: error) { try PolicyMerge.parseExisting(Array(text.utf8)) }
    }

    @Test("existing-policy errors say what is wrong")
    func existingErrorText() {
        #expect(
            ExistingPolicyError.notJSON(
                JSONParseError(line: 1, column: 16, reason: "unexpected character", path: "$.Statement[0]")
            ).description
                == "not valid JSON: line 1, column 16: unexpected character")
        #expect(
            ExistingPolicyError.notAPolicy(
                PolicyError(path: "Statement[1].Effect", reason: "expected \"Allow\" or \"Deny\"")
            ).description
                == "not a valid policy: Statement[1].Effect: expected \"Allow\" or \"Deny\"")
    }

    @Test("the diff of an existing and a merged policy")
    func diff() throws {
        let result = try conflictingSid.merge()
        let diff = TextDiff(
            from: try conflictingSid.existing.json.serialized(pretty: true), to: result.policy.serialized(pretty: true))
        try Golden.compare(
            diff.unified(oldName: "bucket-policy.json", newName: "merged"),
            with: "policy/merge-conflicting-sid.diff.txt")
    }
}
