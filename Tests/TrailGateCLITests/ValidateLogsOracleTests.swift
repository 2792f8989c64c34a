import Foundation
import Testing

/// `validate-logs --local --compat` against the AWS CLI's own results on generated trails: the same problem lines,
/// summary lines and exit code per chain; and strict mode reporting what the AWS CLI misses.
@Suite("validate-logs against the AWS CLI", .serialized)
struct ValidateLogsOracleTests {
    /// Every tamper mode over 2 accounts × 2 Regions: each chain matches the manifest (AWS CLI 1.45.55 rules).
    @Test("every tamper mode matches the manifest per chain")
    func everyTamperMode() throws {
        let fixture = try ValidateLogsFixture([
            "--hours", "20", "--records-per-file", "4", "--accounts", "2",
            "--regions", "us-east-1,eu-west-1", "--tamper", "all", "--seed", "7",
        ])
        defer { fixture.remove() }
        #expect(fixture.expected.count == 4)
        for expected in fixture.expected {
            let account = expected["account"] as! String
            let region = expected["region"] as! String
            let run = try fixture.validate(expected, ["--compat"], merged: true)
            let block = ValidateLogsChainBlock(run.stdout, account: account, region: region)
            #expect(
                block.problemLines.sorted() == (expected["stderrLines"] as! [String]).sorted(), "\(account) \(region)")
            #expect(Int(run.exitCode) == expected["exitCode"] as! Int, "\(account) \(region): \(run.stderr)")
            let summary = block.summaryLines.joined(separator: "\n")
            let valid = expected["validDigests"] as! Int, invalid = expected["invalidDigests"] as! Int
            let digestLine =
                "\(valid)/\(valid + invalid) digest files valid"
                + (invalid > 0 ? ", \(invalid)/\(valid + invalid) digest files INVALID" : "")
            #expect(summary.contains(digestLine), "\(account) \(region): \(summary)")
            let validLogs = expected["validLogs"] as! Int, invalidLogs = expected["invalidLogs"] as! Int
            let logLine =
                "\(validLogs)/\(validLogs + invalidLogs) log files valid"
                + (invalidLogs > 0 ? ", \(invalidLogs)/\(validLogs + invalidLogs) log files INVALID" : "")
            #expect(summary.contains(logLine), "\(account) \(region): \(summary)")
        }
    }

    /// The streams of `aws cloudtrail validate-logs`: its INVALID, missing and gap lines (here, the manifest's
    /// standard error lines) on standard error, the rest on standard output; JSON all on standard output.
    @Test("problem lines go to standard error and the counts to standard output, as the AWS CLI writes them")
    func streams() throws {
        let fixture = try ValidateLogsFixture([
            "--hours", "20", "--records-per-file", "4", "--accounts", "2",
            "--regions", "us-east-1,eu-west-1", "--tamper", "all", "--seed", "7",
        ])
        defer { fixture.remove() }
        var problems = 0
        for expected in fixture.expected {
            let account = expected["account"] as! String, region = expected["region"] as! String
            let run = try fixture.validate(expected, ["--compat"])
            let findings = run.stderr.range(of: "\nFindings the AWS CLI does not report").map {
                run.stderr[..<$0.lowerBound]
            }
            let problemLines = (findings ?? run.stderr[...]).split(separator: "\n").map(String.init)
            let expectedLines = expected["stderrLines"] as! [String]
            #expect(problemLines.sorted() == expectedLines.sorted(), "\(account) \(region)")
            problems += problemLines.count
            for line in expectedLines { #expect(!run.stdout.contains(line), "\(line)") }
            let valid = expected["validDigests"] as! Int, invalid = expected["invalidDigests"] as! Int
            let digestLine =
                "\(valid)/\(valid + invalid) digest files valid"
                + (invalid > 0 ? ", \(invalid)/\(valid + invalid) digest files INVALID" : "")
            #expect(run.stdout.contains("\n" + digestLine), "\(account) \(region)")
            #expect(run.stdout.contains("Results requested for "), "\(account) \(region)")
            let verdict = run.exitCode == 0 ? "VALID\n" : "INVALID\n"
            #expect(run.stdout.hasSuffix("the AWS CLI does not report\n" + verdict))
            let json = try fixture.validate(expected, ["--compat", "--format", "json"])
            #expect(json.stderr.isEmpty, "\(json.stderr)")
            #expect(try JSONSerialization.jsonObject(with: Data(json.stdout.utf8)) is [String: Any])
        }
        #expect(problems > 0, "the tampered chains have lines for standard error")
    }

    /// Strict mode (no --compat) on the same tampers: each one the AWS CLI does not report is a finding.
    @Test("strict mode reports what the AWS CLI misses")
    func strictMode() throws {
        let fixture = try ValidateLogsFixture([
            "--hours", "20", "--records-per-file", "4", "--accounts", "2",
            "--regions", "us-east-1,eu-west-1", "--tamper", "all", "--seed", "7",
        ])
        defer { fixture.remove() }
        var findingsByChain: [String: [String]] = [:]
        for expected in fixture.expected {
            let run = try fixture.validate(expected, ["--format", "json"])
            #expect(run.exitCode == 1)
            let json = try #require(JSONSerialization.jsonObject(with: Data(run.stdout.utf8)) as? [String: Any])
            #expect(json["schema"] as? String == "trailgate.validate-logs/v1")
            #expect(json["valid"] as? Bool == false)
            let chain = try #require((json["chains"] as? [[String: Any]])?.first)
            let digests = chain["digests"] as! [String: Int]
            #expect(digests["valid"] == expected["validDigests"] as? Int)
            #expect(digests["invalid"] == expected["invalidDigests"] as? Int)
            let logs = chain["logs"] as! [String: Int]
            #expect(logs["valid"] == expected["validLogs"] as? Int)
            #expect(logs["invalid"] == expected["invalidLogs"] as? Int)
            let findings = chain["findings"] as! [[String: String]]
            findingsByChain["\(expected["account"]!) \(expected["region"]!)"] = findings.map {
                "\($0["kind"]!) \($0["s3Uri"]!) \($0["detail"]!)"
            }
        }
        func kinds(_ tamper: [String: Any]) -> [String] {
            findingsByChain["\(tamper["account"]!) \(tamper["region"]!)"] ?? []
        }
        for tamper in fixture.tampers {
            let mode = tamper["mode"] as! String
            let found = kinds(tamper)
            let digestURI = "s3://\(tamper["bucket"]!)/\(tamper["digestKey"] ?? "")"
            switch mode {
            case "chain-mismatch":
                #expect(found.contains { $0.hasPrefix("digest-link-mismatch ") }, "\(mode): \(found)")
            case "delete-newest-digest", "delete-digest-run", "break-chain":
                #expect(found.contains { $0.hasPrefix("coverage-gap ") }, "\(mode): \(found)")
            case "append-log":
                #expect(
                    found.contains { $0.hasPrefix("log-trailing-data s3://\(tamper["bucket"]!)/\(tamper["logKey"]!)") },
                    "\(mode): \(found)")
            case "modify-log":
                #expect(
                    found.contains { $0.hasPrefix("log-hash-mismatch s3://\(tamper["bucket"]!)/\(tamper["logKey"]!)") })
            case "delete-log":
                #expect(found.contains { $0.hasPrefix("log-missing s3://\(tamper["bucket"]!)/\(tamper["logKey"]!)") })
            case "log-format":
                #expect(
                    found.contains { $0.hasPrefix("log-invalid-format s3://\(tamper["bucket"]!)/\(tamper["logKey"]!)") }
                )
            case "delete-digest":
                #expect(found.contains { $0.hasPrefix("digest-missing \(digestURI)") })
            case "corrupt-signature", "strip-signature", "modify-digest":
                #expect(found.contains { $0.hasPrefix("digest-signature-invalid \(digestURI)") }, "\(mode): \(found)")
            case "move-digest":
                #expect(found.contains { $0.hasPrefix("digest-moved \(digestURI)") }, "\(mode): \(found)")
            case "digest-format":
                #expect(found.contains { $0.hasPrefix("digest-invalid-format \(digestURI)") }, "\(mode): \(found)")
            case "unknown-key":
                #expect(found.contains { $0.hasPrefix("public-key-not-found \(digestURI)") }, "\(mode): \(found)")
            default:
                Issue.record("tamper mode \(mode) has no expectation")
            }
        }
    }

    /// A clean trail is valid in strict mode too: no finding, exit 0, every chain discovered without --account-id.
    @Test("a clean trail is valid in strict mode")
    func cleanTrail() throws {
        let fixture = try ValidateLogsFixture([
            "--hours", "6", "--records-per-file", "4", "--accounts", "1",
            "--regions", "us-east-1,eu-central-1,ap-southeast-2", "--seed", "11",
        ])
        defer { fixture.remove() }
        let expected = fixture.expected[0]
        // The generator stops each chain at its last digest: the window ends at the earliest of those ends.
        let end = fixture.expected.map { $0["endTime"] as! String }.min()!
        let run = try TrailGateProcess.run([
            "validate-logs", "--local", fixture.root.path, "--trail-arn", expected["trailArn"] as! String,
            "--start-time", expected["startTime"] as! String,
            "--end-time", end, "--format", "json",
        ])
        #expect(run.exitCode == 0, "\(run.stdout)\(run.stderr)")
        let json = try #require(JSONSerialization.jsonObject(with: Data(run.stdout.utf8)) as? [String: Any])
        let chains = try #require(json["chains"] as? [[String: Any]])
        #expect(chains.count == 3)
        #expect(chains.allSatisfy { ($0["findings"] as? [Any])?.isEmpty == true })
        #expect(json["valid"] as? Bool == true)
    }

    /// An organization trail with a prefix and key rotation, 3 accounts × 2 Regions, compared with the AWS CLI's own
    /// output from the harness: problem lines in order, summary lines, exit code; all six chains in one run.
    @Test("an organization trail matches the AWS CLI harness")
    func organizationTrail() throws {
        let fixture = try ValidateLogsFixture([
            "--hours", "14", "--records-per-file", "4", "--accounts", "3",
            "--regions", "us-west-2,us-east-1", "--org-id", "o-a1b2c3d4e5",
            "--prefix", "ams/trail", "--rotate-keys-hours", "5", "--empty-hour-rate", "0.2",
            "--tamper", "modify-log,delete-log,delete-digest,corrupt-signature,break-chain",
            "--seed", "3",
        ])
        defer { fixture.remove() }
        let results = try fixture.awsCLIResults()
        #expect(results.count == 6)
        let first = fixture.expected[0]
        let end = fixture.expected.map { $0["endTime"] as! String }.max()!
        let run = try TrailGateProcess.runMerged([
            "validate-logs", "--local", fixture.root.path, "--trail-arn", first["trailArn"] as! String,
            "--start-time", first["startTime"] as! String, "--end-time", end, "--compat",
        ])
        #expect(run.exitCode == 1)
        for result in results {
            let account = result["account"] as! String, region = result["region"] as! String
            let block = ValidateLogsChainBlock(run.stdout, account: account, region: region)
            let stderrLines = (result["stderr"] as! String).split(separator: "\n").map(String.init)
            #expect(block.problemLines == stderrLines, "\(account) \(region)")
            // The harness asks each chain up to its own end; one TrailGate run asks every chain up to the latest.
            let stdoutLines = (result["stdout"] as! String).split(separator: "\n").map(String.init).dropFirst()
                .filter { !$0.hasPrefix("Results requested for ") }
            #expect(
                block.summaryLines.filter { !$0.hasPrefix("Results requested for ") } == stdoutLines,
                "\(account) \(region)")
            #expect(block.summaryLines.first == "Results requested for \(first["startTime"] as! String) to \(end)")
        }
        #expect(results.contains { $0["rc"] as? Int == 1 })
    }
}
