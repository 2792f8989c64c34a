import Foundation
import Testing

/// A file of the core tests' golden policies.
private func golden(_ name: String) throws -> String {
    try String(
        contentsOf: TrailGateProcess.packageRoot.appendingPathComponent(
            "Tests/TrailGateCoreTests/Golden/policy/\(name)"),
        encoding: .utf8)
}

/// `text` in a temporary file for the duration of `body`.
private func withTemporaryFile<T>(_ text: String, _ body: (String) throws -> T) throws -> T {
    let path = FileManager.default.temporaryDirectory.appendingPathComponent("policy-\(UUID().uuidString).json").path
    defer { try? FileManager.default.removeItem(atPath: path) }
    try text.write(toFile: path, atomically: true, encoding: .utf8)
    return try body(path)
}

private let readyBucket = ["--bucket", "acme-org-trail-logs", "--org-id", "o-a1b2c3d4e5", "--prefix", "cloudtrail"]
private let needsWorkBucket = ["--bucket", "acme-prod-cloudtrail-222233334444", "--org-id", "o-a1b2c3d4e5"]

@Suite("trailgate policy")
struct PolicyCommandTests {
    @Test("render prints the bucket policy by default, and nothing on standard error")
    func renderBucket() throws {
        let outcome = try TrailGateProcess.run([
            "policy", "render", "--bucket", "acme-org-trail-logs", "--org-id", "o-a1b2c3d4e5",
        ])
        #expect(outcome.exitCode == 0)
        #expect(outcome.stdout == (try golden("render-bucket.json")))
        #expect(outcome.stderr.isEmpty)
    }

    @Test("render trims slashes around the prefix with a note on standard error")
    func renderTrimmedPrefix() throws {
        let outcome = try TrailGateProcess.run([
            "policy", "render", "--bucket", "acme-org-trail-logs", "--org-id", "o-a1b2c3d4e5",
            "--prefix", "/logs/",
        ])
        #expect(outcome.exitCode == 0)
        #expect(outcome.stdout == (try golden("render-bucket-prefix.json")))
        #expect(
            outcome.stderr
                == "trailgate: note: --prefix \"/logs/\" trimmed to \"logs\": CloudTrail's S3KeyPrefix has no leading or trailing slash\n"
        )
    }

    @Test("render adds repeated --principal-arn-pattern options after the default, each once")
    func renderPatterns() throws {
        let outcome = try TrailGateProcess.run(
            ["policy", "render"] + readyBucket + [
                "--principal-arn-pattern", "arn:aws:iam::*:role/security-audit-*",
                "--principal-arn-pattern", "arn:aws:iam::*:role/ams-access-*",
                "--principal-arn-pattern", "arn:aws:iam::111122223333:role/ops/athena-reader",
                "--principal-arn-pattern", "arn:aws:iam::*:role/security-audit-*",
            ])
        #expect(outcome.exitCode == 0)
        #expect(outcome.stdout == (try golden("render-bucket-extra-patterns.json")))
    }

    @Test("render --for key and --for all", arguments: [("key", "render-key.json"), ("all", "render-all.json")])
    func renderFor(_ target: String, _ file: String) throws {
        let outcome = try TrailGateProcess.run(
            ["policy", "render"] + readyBucket + ["--for", target, "--format", "json"])
        #expect(outcome.exitCode == 0)
        #expect(outcome.stdout == (try golden(file)))
    }

    @Test(
        "invalid values are one error line naming the option, exit 2",
        arguments: [
            (
                ["--bucket", "Acme_Logs", "--org-id", "o-a1b2c3d4e5"],
                #"--bucket "Acme_Logs": may contain only lowercase letters, digits, dots and hyphens, not "A""#
            ),
            (
                ["--bucket", "192.168.1.1", "--org-id", "o-a1b2c3d4e5"],
                #"--bucket "192.168.1.1": must not be formatted as an IP address"#
            ),
            (
                ["--bucket", "acme-logs", "--org-id", "o-short"],
                #"--org-id "o-short": must be o- followed by 10 to 32 lowercase letters or digits"#
            ),
            (
                ["--bucket", "acme-logs", "--org-id", "o-a1b2c3d4e5", "--prefix", "logs//2024"],
                #"--prefix "logs//2024": has an empty segment ("//")"#
            ),
            (
                ["--bucket", "acme-logs", "--org-id", "o-a1b2c3d4e5", "--prefix", String(repeating: "p", count: 201)],
                #"--prefix ""# + String(repeating: "p", count: 201)
                    + #"": is 201 characters long, over CloudTrail's limit of 200 for S3KeyPrefix"#
            ),
            (
                [
                    "--bucket", "acme-logs", "--org-id", "o-a1b2c3d4e5", "--principal-arn-pattern",
                    "arn:aws:s3:::acme-logs",
                ],
                #"--principal-arn-pattern "arn:aws:s3:::acme-logs": not an IAM role ARN: the service is "s3", not iam"#
            ),
            (
                [
                    "--bucket", "acme-logs", "--org-id", "o-a1b2c3d4e5", "--principal-arn-pattern",
                    "arn:aws:i*m::*:role/x",
                ],
                #"--principal-arn-pattern "arn:aws:i*m::*:role/x": wildcards are not allowed in the service segment, it must be iam"#
            ),
        ])
    func invalidValues(_ options: [String], _ message: String) throws {
        for command in [["policy", "render"], ["policy", "merge", "--for", "bucket", "--existing", "-"]] {
            let outcome = try TrailGateProcess.run(command + options, stdin: "{}")
            #expect(outcome.exitCode == 2)
            #expect(outcome.stderr == "trailgate: error: \(message)\n")
            #expect(outcome.stdout.isEmpty)
        }
    }

    @Test(
        "bad options are usage errors with exit 2",
        arguments: [
            ["policy", "render", "--org-id", "o-a1b2c3d4e5"],
            ["policy", "render", "--bucket", "acme-logs", "--org-id", "o-a1b2c3d4e5", "--for", "trail"],
            ["policy", "render", "--bucket", "acme-logs", "--org-id", "o-a1b2c3d4e5", "--format", "yaml"],
            [
                "policy", "merge", "--for", "all", "--existing", "-", "--bucket", "acme-logs", "--org-id",
                "o-a1b2c3d4e5",
            ],
            ["policy", "merge", "--bucket", "acme-logs", "--org-id", "o-a1b2c3d4e5", "--existing", "-"],
            ["policy", "merge", "--for", "bucket", "--bucket", "acme-logs", "--org-id", "o-a1b2c3d4e5"],
            ["policy", "frobnicate"],
        ])
    func usageErrors(_ arguments: [String]) throws {
        let outcome = try TrailGateProcess.run(arguments, stdin: "")
        #expect(outcome.exitCode == 2)
        #expect(outcome.stderr.hasPrefix("Error: "))
    }

    @Test("merge prints the merged policy and reports each change on standard error")
    func merge() throws {
        let outcome = try TrailGateProcess.run(
            [
                "policy", "merge", "--for", "bucket", "--existing",
                "Tests/TrailGateCoreTests/Golden/policy/merge-cloudtrail-statements.existing.json",
            ]
                + needsWorkBucket)
        #expect(outcome.exitCode == 0)
        #expect(outcome.stdout == (try golden("merge-cloudtrail-statements.merged.json")))
        #expect(
            outcome.stderr == """
                added statement "DONOTDELETE-AMS-ALLOWBUCKETCONFIGAUDIT"
                added statement "DONOTDELETE-AMS-ALLOWLISTBUCKET"
                added statement "DONOTDELETE-AMS-ALLOWGETOBJECT"

                """)
    }

    @Test("merge reads standard input for --existing -; a replaced statement is reported")
    func mergeStandardInput() throws {
        let outcome = try TrailGateProcess.run(
            ["policy", "merge", "--for", "bucket", "--existing", "-"] + readyBucket,
            stdin: try golden("merge-conflicting-sid.existing.json"))
        #expect(outcome.exitCode == 0)
        #expect(outcome.stdout == (try golden("merge-conflicting-sid.merged.json")))
        #expect(
            outcome.stderr == """
                replaced statement "DONOTDELETE-AMS-ALLOWLISTBUCKET": it differed from the required form
                added statement "DONOTDELETE-AMS-ALLOWGETOBJECT"

                """)
    }

    @Test("merging the merged policy again prints it unchanged: no change needed")
    func mergeTwice() throws {
        let once = try TrailGateProcess.run(
            ["policy", "merge", "--for", "key", "--existing", "-"] + readyBucket,
            stdin: try golden("merge-single-statement.existing.json"))
        #expect(once.exitCode == 0)
        #expect(once.stderr.hasPrefix("set Version to \"2012-10-17\": it was absent\n"))
        let twice = try TrailGateProcess.run(
            ["policy", "merge", "--for", "key", "--existing", "-"] + readyBucket, stdin: once.stdout)
        #expect(twice.exitCode == 0)
        #expect(twice.stdout == once.stdout)
        #expect(twice.stderr == "no change needed\n")
    }

    @Test("merge --diff prints what changes instead of the policy")
    func mergeDiff() throws {
        let outcome = try TrailGateProcess.run(
            ["policy", "merge", "--for", "bucket", "--existing", "-", "--diff"] + readyBucket,
            stdin: try golden("merge-conflicting-sid.existing.json"))
        #expect(outcome.exitCode == 0)
        #expect(
            outcome.stdout
                == (try golden("merge-conflicting-sid.diff.txt"))
                .replacingOccurrences(of: "--- bucket-policy.json\n", with: "--- standard input\n"))
        #expect(outcome.stderr.hasPrefix("replaced statement \"DONOTDELETE-AMS-ALLOWLISTBUCKET\""))
    }

    @Test("merge --diff of a policy that needs no change prints nothing")
    func mergeDiffNoChange() throws {
        let outcome = try TrailGateProcess.run(
            ["policy", "merge", "--for", "bucket", "--existing", "-", "--diff"] + readyBucket,
            stdin: try golden("merge-already-merged.existing.json"))
        #expect(outcome.exitCode == 0)
        #expect(outcome.stdout.isEmpty)
        #expect(outcome.stderr == "no change needed\n")
    }

    @Test("an existing policy that is not JSON names the file, line and column, exit 2")
    func mergeNotJSON() throws {
        try withTemporaryFile("{\"Version\": \"2012-10-17\",\n \"Statement\": [}") { path in
            let outcome = try TrailGateProcess.run(
                ["policy", "merge", "--for", "bucket", "--existing", path] + readyBucket)
            #expect(outcome.exitCode == 2)
            #expect(
                outcome.stderr == "trailgate: error: \(path): not valid JSON: line 2, column 16: unexpected character\n"
            )
            #expect(outcome.stdout.isEmpty)
        }
    }

    @Test("an existing policy that is not a valid policy names the element, exit 2")
    func mergeNotAPolicy() throws {
        let outcome = try TrailGateProcess.run(
            ["policy", "merge", "--for", "key", "--existing", "-"] + readyBucket,
            stdin: #"{"Statement": [{"Effect": "Allow", "Action": "kms:*", "Principal": 7}]}"#)
        #expect(outcome.exitCode == 2)
        #expect(
            outcome.stderr
                == "trailgate: error: standard input: not a valid policy: Statement[0].Principal: expected \"*\" or an object of principal types\n"
        )
    }

    @Test("an unreadable existing policy is one error line, exit 2")
    func mergeMissingFile() throws {
        let outcome = try TrailGateProcess.run(
            ["policy", "merge", "--for", "bucket", "--existing", "does-not-exist.json"] + readyBucket)
        #expect(outcome.exitCode == 2)
        #expect(
            outcome.stderr
                == "trailgate: error: cannot read existing policy does-not-exist.json: No such file or directory\n")
    }

    @Test("a merged policy over the size limit is refused with the sizes, exit 2")
    func mergeTooLarge() throws {
        let sid = String(repeating: "P", count: 20_000)
        let existing =
            #"{"Version":"2012-10-17","Statement":[{"Sid":"\#(sid)","Effect":"Deny","Principal":"*","Action":"s3:*"}]}"#
        let outcome = try TrailGateProcess.run(
            ["policy", "merge", "--for", "bucket", "--existing", "-"] + readyBucket, stdin: existing)
        #expect(outcome.exitCode == 2)
        #expect(outcome.stdout.isEmpty)
        #expect(outcome.stderr.hasPrefix("trailgate: error: the merged bucket policy would be 21,"))
        #expect(
            outcome.stderr.hasSuffix(" bytes over S3's limit of 20,480 bytes (20 KB), measured on the minified JSON\n"))
    }

    @Test(
        "--help shows examples and exits 0",
        arguments: [
            (["policy", "--help"], "trailgate policy render --bucket acme-org-trail-logs --org-id o-a1b2c3d4e5"),
            (
                ["policy", "render", "--help"],
                "--for key --principal-arn-pattern 'arn:aws:iam::*:role/security-audit-*'"
            ),
            (["policy", "merge", "--help"], "trailgate policy merge --for bucket --existing - --diff"),
            (["--help"], "trailgate policy render --bucket acme-org-trail-logs --org-id o-a1b2c3d4e5\n"),
        ])
    func help(_ arguments: [String], _ example: String) throws {
        let outcome = try TrailGateProcess.run(arguments)
        #expect(outcome.exitCode == 0)
        #expect(outcome.stdout.contains(example))
        if arguments.first == "policy" {
            #expect(outcome.stdout.contains("Exit codes: 0 success"))
            #expect(outcome.stdout.contains("2 invalid input or usage, 3 unexpected failure."))
        }
    }
}
