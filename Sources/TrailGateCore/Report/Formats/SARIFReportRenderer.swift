import OrderedJSON

/// Renders a report as SARIF 2.1.0 for GitHub code scanning: one rule per catalogue check, one result per check
/// that does not pass on a trail or managed account (docs/formats.md, "SARIF").
public struct SARIFReportRenderer: ReportRenderer {
    public static let schema = "https://json.schemastore.org/sarif-2.1.0.json"
    /// The artifact a result points at when the report has neither a snapshot file nor an output file: the
    /// conventional name of the report file itself, because code scanning requires a physical location.
    public static let placeholderArtifact = "trailgate.sarif"
    /// The `partialFingerprints` key that carries `Finding.fingerprint`.
    public static let fingerprintKey = "trailgateFinding/v1"

    public var context: ReportContext

    public init(context: ReportContext) {
        self.context = context
    }

    public func render(_ report: ReadinessReport) -> String {
        document(report).serialized(pretty: true) + "\n"
    }

    /// The SARIF log as a JSON value.
    public func document(_ report: ReadinessReport) -> JSONValue {
        let findings = report.findings
        var rules = CheckCatalogue.all
        for finding in findings where !rules.contains(where: { $0.id == finding.metadata.id }) {
            rules.append(finding.metadata)
        }
        let ruleIndex = Dictionary(uniqueKeysWithValues: rules.enumerated().map { ($0.element.id, $0.offset) })
        let results = findings.filter { $0.result.status != .pass && $0.result.status != .notApplicable }
        let run: JSONValue = [
            "tool": [
                "driver": [
                    "name": "trailgate",
                    "version": .string(ReportContext.toolVersion),
                    "semanticVersion": .string(ReportContext.toolVersion),
                    "rules": .array(rules.map(rule)),
                ]
            ],
            "results": .array(results.map { result($0, ruleIndex: ruleIndex[$0.metadata.id] ?? 0) }),
            "properties": [
                "verdict": .string(report.verdict.rawValue),
                "ready": .bool(report.ready),
                "collectedAt": .string(report.collectedAt.iso8601),
            ],
        ]
        return ["$schema": .string(Self.schema), "version": "2.1.0", "runs": [run]]
    }

    /// The `level` of a result: `error` for a failure, and for an unknown check too, because it keeps the trail
    /// from being ready just as a failure does; `warning` for a warning; nil for the statuses that get no result.
    public static func level(of status: CheckStatus) -> String? {
        switch status {
        case .fail, .unknown: "error"
        case .warn: "warning"
        case .pass, .notApplicable: nil
        }
    }

    /// The rule's default `level`: `error` for critical and high checks, `warning` for medium, `note` for low.
    public static func level(of severity: Severity) -> String {
        switch severity {
        case .critical, .high: "error"
        case .medium: "warning"
        case .low: "note"
        }
    }

    /// GitHub's `security-severity` score, inside the band GitHub maps to the same level: critical 9.0–10.0, high
    /// 7.0–8.9, medium 4.0–6.9, low 0.1–3.9.
    public static func securitySeverity(of severity: Severity) -> String {
        switch severity {
        case .critical: "9.5"
        case .high: "8.0"
        case .medium: "5.5"
        case .low: "3.0"
        }
    }

    /// A check as a `reportingDescriptor`.
    private func rule(_ metadata: CheckMetadata) -> JSONValue {
        [
            "id": .string(metadata.id.rawValue),
            "name": .string(Self.ruleName(metadata.id)),
            "shortDescription": ["text": .string(metadata.title)],
            "fullDescription": ["text": .string(metadata.requirement)],
            "help": ["text": .string(Self.helpText(metadata)), "markdown": .string(Self.helpMarkdown(metadata))],
            "defaultConfiguration": ["level": .string(Self.level(of: metadata.severity))],
            "properties": [
                "severity": .string(metadata.severity.rawValue),
                "security-severity": .string(Self.securitySeverity(of: metadata.severity)),
                "tags": .array(
                    (["security", metadata.area.identifier] + metadata.complianceTags).map(JSONValue.string)),
                "cis": .array(metadata.cis.map(JSONValue.string)),
                "awsFsbp": .array(metadata.securityHub.map(JSONValue.string)),
            ],
        ]
    }

    /// One finding as a `result`.
    private func result(_ finding: Finding, ruleIndex: Int) -> JSONValue {
        let status = finding.result.status
        let logical: JSONValue = [
            "name": .string(Self.name(of: finding.resource)),
            "fullyQualifiedName": .string(finding.resource.identifier),
            "kind": "resource",
        ]
        var properties: JSONValue = [:]
        if case .trail(let name, let arn) = finding.scope {
            properties["trail"] = .string(name)
            properties["trailArn"] = .string(arn)
        }
        if let account = finding.accountId { properties["account"] = .string(account) }
        if let region = finding.region { properties["region"] = .string(region) }
        properties["status"] = .string(status.rawValue)
        properties["severity"] = .string(finding.metadata.severity.rawValue)
        var result: JSONValue = [
            "ruleId": .string(finding.metadata.id.rawValue),
            "ruleIndex": .int(ruleIndex),
            "level": .string(Self.level(of: status) ?? "none"),
            "message": ["text": .string(finding.result.summary)],
            "locations": [
                [
                    "physicalLocation": [
                        "artifactLocation": ["uri": .string(artifactURI)],
                        "region": ["startLine": 1],
                    ],
                    "logicalLocations": [logical],
                ]
            ],
            "partialFingerprints": [Self.fingerprintKey: .string(finding.fingerprint)],
        ]
        if let waiver = finding.result.waiver {
            result["suppressions"] = [
                [
                    "kind": "external",
                    "status": "accepted",
                    "justification": .string(
                        "\(waiver.reason) (accepted by \(waiver.acceptedBy) until \(waiver.expires); waiver entry "
                            + "\(waiver.entry))"),
                ]
            ]
        }
        result["properties"] = properties
        return result
    }

    /// The file every result points at: the snapshot (unless read from standard input, `-`), else the output
    /// file, else `placeholderArtifact`; a relative path stays relative (to the repository root, as code scanning
    /// reads it), an absolute one becomes a `file://` URI.
    var artifactURI: String {
        let path = context.source.flatMap { $0 == "-" ? nil : $0 } ?? context.outputFile ?? Self.placeholderArtifact
        return path.hasPrefix("/") ? "file://" + Self.percentEncoded(path) : Self.percentEncoded(path)
    }

    /// The path with every byte outside the unreserved characters and `/` percent-encoded.
    static func percentEncoded(_ path: String) -> String {
        var encoded = ""
        for byte in path.utf8 {
            switch byte {
            case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "A")...UInt8(ascii: "Z"),
                UInt8(ascii: "0")...UInt8(ascii: "9"), UInt8(ascii: "-"), UInt8(ascii: "."), UInt8(ascii: "_"),
                UInt8(ascii: "~"), UInt8(ascii: "/"):
                encoded.unicodeScalars.append(Unicode.Scalar(byte))
            default:
                let hex = String(byte, radix: 16, uppercase: true)
                encoded += "%" + (hex.count == 1 ? "0" : "") + hex
            }
        }
        return encoded
    }

    /// `trail.multi-region` as `TrailMultiRegion`.
    static func ruleName(_ id: CheckID) -> String {
        id.rawValue.split(whereSeparator: { $0 == "." || $0 == "-" }).map { $0.prefix(1).uppercased() + $0.dropFirst() }
            .joined()
    }

    /// The last part of an ARN (the trail's or key's name after its `/`, the bucket's after `:::`), or the account id.
    private static func name(of resource: FindingResource) -> String {
        let afterColon = resource.identifier.split(separator: ":", omittingEmptySubsequences: false).last ?? ""
        return String(afterColon.split(separator: "/").last ?? afterColon)
    }

    private static func controls(_ metadata: CheckMetadata) -> [String] {
        var lines: [String] = []
        if !metadata.cis.isEmpty {
            lines.append("CIS AWS Foundations Benchmark v3.0.0: " + metadata.cis.joined(separator: ", "))
        }
        if !metadata.securityHub.isEmpty {
            lines.append(
                "AWS Security Hub Foundational Security Best Practices: "
                    + metadata.securityHub.joined(separator: ", "))
        }
        return lines
    }

    private static func helpText(_ metadata: CheckMetadata) -> String {
        var paragraphs = [
            "Requirement: \(metadata.requirement)", "Fix: \(metadata.remediation)",
            "Severity \(metadata.severity.rawValue): \(metadata.severityReason)",
        ]
        let controls = controls(metadata)
        if !controls.isEmpty { paragraphs.append("Controls: " + controls.joined(separator: "; ")) }
        return paragraphs.joined(separator: "\n\n")
    }

    private static func helpMarkdown(_ metadata: CheckMetadata) -> String {
        var paragraphs = [
            "**Requirement:** \(metadata.requirement)", "**Fix:** \(metadata.remediation)",
            "**Severity \(metadata.severity.rawValue):** \(metadata.severityReason)",
        ]
        let controls = controls(metadata)
        if !controls.isEmpty {
            paragraphs.append("**Controls:**\n\n" + controls.map { "- " + $0 }.joined(separator: "\n"))
        }
        return paragraphs.joined(separator: "\n\n")
    }
}
