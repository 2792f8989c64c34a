import OrderedJSON

/// Renders a ``ValidationReport`` as text (the AWS CLI's lines grouped per chain, then TrailGate's findings and a
/// total) or as `trailgate.validate-logs/v1` JSON.
public enum ReportRenderer {
    public static let schema = "trailgate.validate-logs/v1"

    public static func text(_ report: ValidationReport, compat: Bool, verbose: Bool) -> String {
        var out = "Validating log files for trail \(report.trail) between \(report.start) and \(report.end)\n\n"
        for chain in report.chains {
            out += "=== account \(chain.chain.account), region \(chain.chain.region): \(chain.digestFolder)\n"
            out +=
                AWSCLITranscript(
                    chain: chain, trail: report.trail, start: report.start, end: report.end, verbose: verbose,
                    header: false
                ).merged
            let strict = chain.strictFindings
            if !strict.isEmpty {
                let judged = compat ? " (--compat judges the run as the AWS CLI does)" : ""
                out += "\nFindings the AWS CLI does not report\(judged):\n"
                for finding in strict { out += "\(finding.kind.rawValue)\t\(finding.s3Uri)\t\(finding.detail)\n" }
            }
            out += "\n"
        }
        let totals = Totals(report.chains)
        out += "=== total: \(report.chains.count) chain\(report.chains.count == 1 ? "" : "s")\n"
        out += "\(totals.digestsValid)/\(totals.digests) digest files valid"
        if totals.digestsInvalid > 0 { out += ", \(totals.digestsInvalid)/\(totals.digests) digest files INVALID" }
        out += "\n\(totals.logsValid)/\(totals.logs) log files valid"
        if totals.logsInvalid > 0 { out += ", \(totals.logsInvalid)/\(totals.logs) log files INVALID" }
        out +=
            "\n\(totals.strictFindings) finding\(totals.strictFindings == 1 ? "" : "s") the AWS CLI does not report\n"
        out += report.isValid(compat: compat) ? "VALID\n" : "INVALID\n"
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
