import TrailGateBasics

/// Renders a ``ValidationReport`` as JUnit XML for CI test reports: a test suite per chain (account and Region),
/// and in each the same five test cases, so a CI's test history follows each part of the chain across runs
/// (docs/validate-logs.md, "JUnit XML").
public enum ValidationJUnitRenderer {
    /// The parts of a chain that each become a test case, with the kinds of finding that fail them.
    public enum Part: String, CaseIterable, Sendable {
        case digestFiles = "digest files"
        case logFiles = "log files"
        case publicKeys = "public keys"
        case chainContinuity = "chain continuity"
        case access = "access"

        /// The part a finding of `kind` belongs to.
        public init(_ kind: FindingKind) {
            switch kind {
            case .digestMissing, .digestInvalidFormat, .digestSignatureInvalid, .digestMoved: self = .digestFiles
            case .logHashMismatch, .logMissing, .logInvalidFormat, .logTrailingData: self = .logFiles
            case .publicKeyNotFound, .publicKeyUnloadable, .fingerprintMismatch: self = .publicKeys
            case .digestLinkMismatch, .coverageGap, .noDigests: self = .chainContinuity
            case .accessDenied: self = .access
            }
        }
    }

    /// The report as JUnit XML. A test case fails when a finding of its part fails the run (with `compat`, only
    /// the findings the AWS CLI makes; the others are listed in its `system-out`); a chain the AWS CLI would stop
    /// on has one more test case, `validation`, with the stop as its `error`.
    public static func render(_ report: ValidationReport, compat: Bool) -> String {
        let suites = report.chains.map { suite($0, compat: compat) }
        let tests = suites.map(\.tests).reduce(0, +)
        let failures = suites.map(\.failures).reduce(0, +)
        let errors = suites.map(\.errors).reduce(0, +)
        var lines = [
            #"<?xml version="1.0" encoding="UTF-8"?>"#,
            "<testsuites name=\"trailgate validate-logs\" tests=\"\(tests)\" failures=\"\(failures)\" "
                + "errors=\"\(errors)\" skipped=\"0\" time=\"0\">",
        ]
        for suite in suites { lines += suite.lines(trail: report.trail.text) }
        lines.append("</testsuites>")
        return lines.joined(separator: "\n") + "\n"
    }

    private struct Suite {
        var chain: ChainReport
        var cases: [Case]

        var tests: Int { cases.count }
        var failures: Int { cases.filter { $0.failure != nil }.count }
        var errors: Int { cases.filter { $0.error != nil }.count }

        func lines(trail: String) -> [String] {
            let name = "account \(chain.chain.account) region \(chain.chain.region)"
            var lines = [
                "  <testsuite name=\"\(name.xmlEscaped(attribute: true))\" tests=\"\(tests)\" "
                    + "failures=\"\(failures)\" errors=\"\(errors)\" skipped=\"0\" time=\"0\">",
                "    <properties>",
                "      <property name=\"trail\" value=\"\(trail.xmlEscaped(attribute: true))\"/>",
                "      <property name=\"digestFolder\" value=\"\(chain.digestFolder.xmlEscaped(attribute: true))\"/>",
                "    </properties>",
            ]
            for testCase in cases { lines += testCase.lines }
            lines.append("  </testsuite>")
            return lines
        }
    }

    private struct Case {
        var name: String
        var failure: (message: String, body: String)?
        var error: String?
        var output: String?

        var lines: [String] {
            let open = "    <testcase classname=\"trailgate.validate-logs\" name=\"\(name)\" time=\"0\""
            guard failure != nil || error != nil || output != nil else { return [open + "/>"] }
            var lines = [open + ">"]
            if let failure {
                lines.append(
                    "      <failure message=\"\(failure.message.xmlEscaped(attribute: true))\" type=\"invalid\">"
                        + failure.body.xmlEscaped() + "</failure>")
            }
            if let error {
                lines.append(
                    "      <error message=\"\(error.xmlEscaped(attribute: true))\" type=\"stopped\">"
                        + error.xmlEscaped() + "</error>")
            }
            if let output { lines.append("      <system-out>" + output.xmlEscaped() + "</system-out>") }
            lines.append("    </testcase>")
            return lines
        }
    }

    private static func suite(_ chain: ChainReport, compat: Bool) -> Suite {
        var cases = Part.allCases.map { part in
            let findings = chain.findings.filter { Part($0.kind) == part }
            let failing = findings.filter { !(compat && $0.kind.isStrict) }
            let reported = findings.filter { compat && $0.kind.isStrict }
            var message = failing.isEmpty ? nil : "\(failing.count) finding\(failing.count == 1 ? "" : "s")"
            if part == .digestFiles && chain.digestsInvalid > 0 {
                message = "\(chain.digestsInvalid) of \(chain.digestsValid + chain.digestsInvalid) digest files invalid"
            }
            if part == .logFiles && chain.invalidLogs > 0 {
                message = "\(chain.invalidLogs) of \(chain.validLogs + chain.invalidLogs) log files invalid"
            }
            return Case(
                name: part.rawValue, failure: message.map { ($0, lines(failing)) }, error: nil,
                output: reported.isEmpty ? nil : "Not judged with --compat:\n" + lines(reported))
        }
        if let stop = chain.abortMessage {
            cases.append(Case(name: "validation", failure: nil, error: stop, output: nil))
        }
        return Suite(chain: chain, cases: cases)
    }

    /// One `kind s3Uri: detail` line per finding.
    private static func lines(_ findings: [Finding]) -> String {
        findings.map { "\($0.kind.rawValue) \($0.s3Uri): \($0.detail)\n" }.joined()
    }
}
