import Foundation
import Testing

/// `policy simulate` and `policy merge --check` on the bucket and key policies of the bundled examples.
@Suite("trailgate policy simulate and merge --check")
struct PolicySimulateAndCheckTests {
    /// Writes the bucket or key policy text of an example snapshot to a temporary file and returns its path.
    static func examplePolicy(_ example: String, bucket: String? = nil) throws -> String {
        let url = TrailGateProcess.packageRoot.appendingPathComponent("examples/\(example)")
        let snapshot = try #require(try JSONSerialization.jsonObject(with: Data(contentsOf: url)) as? [String: Any])
        let text: String?
        if let bucket {
            text = ((snapshot["buckets"] as? [String: Any])?[bucket] as? [String: Any]).flatMap {
                ($0["policy"] as? [String: Any])?["Policy"] as? String
            }
        } else {
            text = ((snapshot["keys"] as? [String: Any])?.values.first as? [String: Any]).flatMap {
                ($0["policy"] as? [String: Any])?["Policy"] as? String
            }
        }
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("policy-\(UUID().uuidString).json")
            .path
        try #require(text).write(toFile: path, atomically: true, encoding: .utf8)
        return path
    }

    static let athena = [
        "--principal", "arn:aws:sts::222233334444:assumed-role/ams-access-ro/q",
        "--resource-account", "111122223333",
        "--context", "aws:CalledVia=athena.amazonaws.com",
    ]

    @Test("an ams-access role in the organization may list the trail prefix; outside it may not")
    func simulate() throws {
        let policy = try Self.examplePolicy("ready-organization-trail.json", bucket: "acme-org-trail-logs")
        defer { try? FileManager.default.removeItem(atPath: policy) }
        let base =
            [
                "policy", "simulate", "--resource-policy", policy, "--action", "s3:ListBucket",
                "--resource", "arn:aws:s3:::acme-org-trail-logs", "--context", "s3:prefix=cloudtrail/AWSLogs/x/",
            ] + Self.athena
        let inside = try TrailGateProcess.run(base + ["--context", "aws:PrincipalOrgID=o-a1b2c3d4e5"])
        #expect(inside.exitCode == 0)
        #expect(
            inside.stdout.hasPrefix("Decision: allowed\nWhy: Allowed by statement \"DONOTDELETE-AMS-ALLOWLISTBUCKET\""))
        #expect(inside.stdout.contains("Assumes: Identity policies were not given"))
        let outside = try TrailGateProcess.run(
            base + ["--context", "aws:PrincipalOrgID=o-zzzzzzzzzz", "--format", "json"])
        #expect(outside.exitCode == 1)
        let document = try #require(try JSONSerialization.jsonObject(with: Data(outside.stdout.utf8)) as? [String: Any])
        #expect(document["decision"] as? String == "implicit_deny")
        let statements = try #require(document["statements"] as? [[String: Any]])
        let list = try #require(statements.first { $0["sid"] as? String == "DONOTDELETE-AMS-ALLOWLISTBUCKET" })
        #expect(list["matched"] as? Bool == false)
        #expect(
            (list["reason"] as? String)?.contains(
                #"StringEquals aws:PrincipalOrgID: "o-zzzzzzzzzz" is not one of ["o-a1b2c3d4e5"]"#) == true)
        #expect(Set(list.keys).isSuperset(of: ["policy", "sid", "effect", "matched", "reason"]))
    }

    @Test("a malformed policy or principal is one error line and exit 2")
    func simulateErrors() throws {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("bad-\(UUID().uuidString).json").path
        defer { try? FileManager.default.removeItem(atPath: path) }
        try #"{"Statement":[{"Effect":"Allow","Action":"s3:*","Resource":"*","Condition":{"StringEqulas":{"a":"b"}}}]}"#
            .write(toFile: path, atomically: true, encoding: .utf8)
        let bad = try TrailGateProcess.run([
            "policy", "simulate", "--resource-policy", path, "--principal", "anonymous",
            "--action", "s3:GetObject", "--resource", "arn:aws:s3:::b/k",
        ])
        #expect(bad.exitCode == 2)
        #expect(
            bad.stderr
                == "trailgate: error: \(path): not a valid policy: Statement[0].Condition.StringEqulas: unknown condition operator\n"
        )
        var invalidUTF8 = Data(#"{"Version":"2012-10-17","Statement":[{"Sid":"A"#.utf8)
        invalidUTF8 += [0xFF, 0xFE]
        invalidUTF8 += Data(#"","Effect":"Allow","Principal":"*","Action":"s3:GetObject","Resource":"*"}]}"#.utf8)
        try invalidUTF8.write(to: URL(fileURLWithPath: path))
        let simulate = try TrailGateProcess.run([
            "policy", "simulate", "--resource-policy", path, "--principal", "anonymous",
            "--action", "s3:GetObject", "--resource", "arn:aws:s3:::b/k",
        ])
        let merge = try TrailGateProcess.run([
            "policy", "merge", "--for", "bucket", "--existing", path, "--bucket", "acme-logs",
            "--org-id", "o-a1b2c3d4e5",
        ])
        for outcome in [simulate, merge] {
            #expect(outcome.exitCode == 2)
            #expect(
                outcome.stderr
                    == "trailgate: error: \(path): not valid JSON: line 1, column 45: invalid UTF-8 in a string\n")
        }
        let principal = try TrailGateProcess.run([
            "policy", "simulate", "--principal", "bob", "--action", "s3:GetObject",
            "--resource", "arn:aws:s3:::b/k",
        ])
        #expect(principal.exitCode == 2)
        #expect(principal.stderr.hasPrefix("trailgate: error: --principal bob: expected"))
    }

    @Test("merge --check judges by evaluation: the ready policies pass, needs-work's bucket policy does not")
    func mergeCheck() throws {
        let ready = try Self.examplePolicy("ready-organization-trail.json", bucket: "acme-org-trail-logs")
        let key = try Self.examplePolicy("ready-organization-trail.json")
        let needsWork = try Self.examplePolicy("needs-work.json", bucket: "acme-prod-cloudtrail-222233334444")
        defer { for path in [ready, key, needsWork] { try? FileManager.default.removeItem(atPath: path) } }
        let granted = try TrailGateProcess.run([
            "policy", "merge", "--for", "bucket", "--existing", ready, "--bucket",
            "acme-org-trail-logs", "--org-id", "o-a1b2c3d4e5", "--prefix", "cloudtrail", "--check",
        ])
        #expect(granted.exitCode == 0)
        #expect(
            granted.stdout
                == "The existing bucket policy already grants every request the required statements are for.\n")
        let wrongPrefix = try TrailGateProcess.run([
            "policy", "merge", "--for", "bucket", "--existing", ready, "--bucket",
            "acme-org-trail-logs", "--org-id", "o-a1b2c3d4e5", "--prefix", "other", "--check",
        ])
        #expect(wrongPrefix.exitCode == 1, "the statements grant cloudtrail/AWSLogs/, not other/AWSLogs/")
        #expect(
            wrongPrefix.stdout.contains("s3:ListBucket on arn:aws:s3:::acme-org-trail-logs with prefix other/AWSLogs/"))
        let keyCheck = try TrailGateProcess.run([
            "policy", "merge", "--for", "key", "--existing", key, "--bucket",
            "acme-org-trail-logs", "--org-id", "o-a1b2c3d4e5", "--check",
        ])
        #expect(keyCheck.exitCode == 0)
        let missing = try TrailGateProcess.run([
            "policy", "merge", "--for", "bucket", "--existing", needsWork, "--bucket",
            "acme-prod-cloudtrail-222233334444", "--org-id", "o-a1b2c3d4e5", "--check",
        ])
        #expect(missing.exitCode == 1)
        #expect(missing.stdout.hasPrefix("The existing bucket policy does not grant 6 request(s)"))
    }
}
