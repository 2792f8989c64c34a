import Foundation
import Testing

/// `validate-logs --format junit` on generated trails, read back with junitparser as CI test reporters read it.
@Suite("validate-logs as JUnit XML", .serialized)
struct ValidateLogsJUnitTests {
    /// One suite of the report as junitparser reads it.
    struct Suite: Decodable {
        var name: String
        var tests: Int
        var failures: Int
        var errors: Int
        var cases: [Case]
    }

    struct Case: Decodable {
        var name: String
        /// `failure`, `error` or `passed`.
        var result: String
        var message: String?
        var text: String?
        var systemOut: String?
    }

    private static let reader = """
        import json, sys
        from junitparser import JUnitXml, Failure, Error
        suites = []
        for suite in JUnitXml.fromfile(sys.argv[1]):
            cases = []
            for case in suite:
                result = next((r for r in case.result if isinstance(r, (Failure, Error))), None)
                cases.append({
                    "name": case.name,
                    "result": "passed" if result is None else ("failure" if isinstance(result, Failure) else "error"),
                    "message": None if result is None else result.message,
                    "text": None if result is None else result.text,
                    "systemOut": case.system_out,
                })
            suites.append({"name": suite.name, "tests": suite.tests, "failures": suite.failures,
                           "errors": suite.errors, "cases": cases})
        print(json.dumps(suites))
        """

    /// The report `validate-logs` writes with `arguments` and `--format junit -o`, read back, and the run's exit code.
    private func report(_ fixture: ValidateLogsFixture, _ expected: [String: Any], _ arguments: [String]) throws
        -> (suites: [Suite], exitCode: Int32)
    {
        let xml = fixture.root.appendingPathComponent("report-\(UUID().uuidString).xml")
        let run = try fixture.validate(expected, arguments + ["--format", "junit", "-o", xml.path])
        #expect(run.stdout.isEmpty, "\(run.stdout)")
        let script = fixture.root.appendingPathComponent("read_junit.py")
        try Self.reader.write(to: script, atomically: true, encoding: .utf8)
        let json = try ValidateLogsFixture.python([script.path, xml.path])
        return (try JSONDecoder().decode([Suite].self, from: Data(json.utf8)), run.exitCode)
    }

    @Test("each tampered chain fails the cases of its findings; --compat fails only what the AWS CLI counts")
    func tamperedChains() throws {
        let fixture = try ValidateLogsFixture([
            "--hours", "20", "--records-per-file", "4", "--accounts", "2",
            "--regions", "us-east-1,eu-west-1", "--tamper", "all", "--seed", "7",
        ])
        defer { fixture.remove() }
        var failedCases: Set<String> = []
        for expected in fixture.expected {
            let chain = "account \(expected["account"]!) region \(expected["region"]!)"
            let (strict, strictExit) = try report(fixture, expected, [])
            let suite = try #require(strict.first)
            #expect(strict.count == 1 && suite.name == chain)
            #expect(
                suite.cases.map(\.name).prefix(5)
                    == ["digest files", "log files", "public keys", "chain continuity", "access"])
            #expect(strictExit == 1 && suite.failures + suite.errors > 0, "\(chain): \(suite)")
            for testCase in suite.cases where testCase.result == "failure" {
                failedCases.insert(testCase.name)
                #expect(testCase.text?.contains(" s3://") == true, "\(chain) \(testCase.name): \(testCase)")
            }
            let invalidDigests = expected["invalidDigests"] as! Int
            let digestCase = try #require(suite.cases.first { $0.name == "digest files" })
            if invalidDigests > 0 {
                #expect(digestCase.message?.hasPrefix("\(invalidDigests) of ") == true, "\(digestCase)")
            }

            let (compat, compatExit) = try report(fixture, expected, ["--compat"])
            let compatSuite = try #require(compat.first)
            #expect(Int(compatExit) == expected["exitCode"] as! Int)
            #expect((compatSuite.failures + compatSuite.errors > 0) == (compatExit == 1), "\(chain): \(compatSuite)")
            let continuity = try #require(compatSuite.cases.first { $0.name == "chain continuity" })
            #expect(continuity.result == "passed", "\(chain): \(continuity)")
        }
        #expect(failedCases.isSuperset(of: ["digest files", "log files", "chain continuity"]), "\(failedCases)")
    }

    @Test("a clean trail passes every case of every chain")
    func cleanTrail() throws {
        let fixture = try ValidateLogsFixture([
            "--hours", "6", "--records-per-file", "4", "--accounts", "1", "--regions", "us-east-1", "--seed", "11",
        ])
        defer { fixture.remove() }
        let (suites, exitCode) = try report(fixture, fixture.expected[0], [])
        #expect(exitCode == 0)
        #expect(suites.count == 1)
        #expect(suites.allSatisfy { $0.tests == 5 && $0.failures == 0 && $0.errors == 0 }, "\(suites)")
    }
}
