import OrderedJSON

/// Renders a ``ValidationReport`` as text (the AWS CLI's lines grouped per chain, then TrailGate's findings and a
/// total) or as `trailgate.validate-logs/v1` JSON.
public enum ReportRenderer {
    public static let schema = "trailgate.validate-logs/v1"

    /// The text report on the streams `aws cloudtrail validate-logs` uses: the INVALID, missing and gap lines, an
    /// error that stops a chain, and the findings the AWS CLI does not report on standard error; the headings, the
    /// valid lines, each chain's counts and the total on standard output.
    public static func text(_ report: ValidationReport, compat: Bool, verbose: Bool) -> StreamedText {
        var out = StreamedText()
        out.write(
            "Validating log files for trail \(report.trail) between \(report.start) and \(report.end)\n\n",
            to: .standardOutput)
        for chain in report.chains {
            out.write(
                "=== account \(chain.chain.account), region \(chain.chain.region): \(chain.digestFolder)\n",
                to: .standardOutput)
            out.append(
                AWSCLITranscript(
                    chain: chain, trail: report.trail, start: report.start, end: report.end, verbose: verbose,
                    header: false
                ).text)
            let strict = chain.strictFindings
            if !strict.isEmpty {
                let judged = compat ? " (--compat judges the run as the AWS CLI does)" : ""
                var findings = "\nFindings the AWS CLI does not report\(judged):\n"
                for finding in strict { findings += "\(finding.kind.rawValue)\t\(finding.s3Uri)\t\(finding.detail)\n" }
                out.write(findings, to: .standardError)
            }
            out.write("\n", to: .standardOutput)
        }
        let totals = Totals(report.chains)
        var total = "=== total: \(report.chains.count) chain\(report.chains.count == 1 ? "" : "s")\n"
        total += "\(totals.digestsValid)/\(totals.digests) digest files valid"
        if totals.digestsInvalid > 0 { total += ", \(totals.digestsInvalid)/\(totals.digests) digest files INVALID" }
        total += "\n\(totals.logsValid)/\(totals.logs) log files valid"
        if totals.logsInvalid > 0 { total += ", \(totals.logsInvalid)/\(totals.logs) log files INVALID" }
        total +=
            "\n\(totals.strictFindings) finding\(totals.strictFindings == 1 ? "" : "s") the AWS CLI does not report\n"
        total += report.isValid(compat: compat) ? "VALID\n" : "INVALID\n"
        out.write(total, to: .standardOutput)
        return out
    }

    public static func json(_ report: ValidationReport, compat: Bool) -> JSONValue {
        let chains: [JSONValue] = report.chains.map { chain in
            [
                "account": .string(chain.chain.account),
                "region": .string(chain.chain.region),
                "digests": ["valid": .int(chain.digestsValid), "invalid": .int(chain.digestsInvalid)],
                "logs": ["valid": .int(chain.validLogs), "invalid": .int(chain.invalidLogs)],
                "coveredFrom": chain.foundStart.map { .string($0.description) } ?? .null,
                "coveredTo": chain.foundEnd.map { .string($0.description) } ?? .null,
                "findings": .array(
                    chain.findings.map { finding in
                        [
                            "kind": .string(finding.kind.rawValue), "s3Uri": .string(finding.s3Uri),
                            "detail": .string(finding.detail),
                        ]
                    }),
            ]
        }
        let totals = Totals(report.chains)
        return [
            "schema": .string(schema),
            "chains": .array(chains),
            "totals": [
                "chains": .int(report.chains.count),
                "digests": ["valid": .int(totals.digestsValid), "invalid": .int(totals.digestsInvalid)],
                "logs": ["valid": .int(totals.logsValid), "invalid": .int(totals.logsInvalid)],
                "findings": .int(totals.findings),
            ],
            "valid": .bool(report.isValid(compat: compat)),
        ]
    }

    struct Totals {
        var digestsValid = 0, digestsInvalid = 0, logsValid = 0, logsInvalid = 0, findings = 0, strictFindings = 0
        var digests: Int { digestsValid + digestsInvalid }
        var logs: Int { logsValid + logsInvalid }

        init(_ chains: [ChainReport]) {
            for chain in chains {
                digestsValid += chain.digestsValid
                digestsInvalid += chain.digestsInvalid
                logsValid += chain.validLogs
                logsInvalid += chain.invalidLogs
                findings += chain.findings.count
                strictFindings += chain.strictFindings.count
            }
        }
    }
}
