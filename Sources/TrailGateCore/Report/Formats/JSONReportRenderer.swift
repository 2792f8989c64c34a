import OrderedJSON

/// Renders a report as the stable `trailgate.check/v1` JSON document documented in the README.
public struct JSONReportRenderer: Sendable {
    public static let schema = "trailgate.check/v1"

    public init() {}

    public func render(_ report: ReadinessReport) -> String {
        document(report).serialized(pretty: true) + "\n"
    }

    /// The report as a JSON value.
    public func document(_ report: ReadinessReport) -> JSONValue {
        var counts: JSONValue = [:]
        for status in CheckStatus.allCases { counts[status.rawValue] = .int(report.count(status)) }
        counts["waived"] = .int(report.waivedCount)
        var document: JSONValue = [
            "schema": .string(Self.schema),
            "ready": .bool(report.ready),
            "verdict": .string(report.verdict.rawValue),
            "collectedAt": .string(report.collectedAt.iso8601),
            "callerAccountId": report.callerAccountId.map(JSONValue.string) ?? .null,
            "counts": counts,
            "trails": .array(report.trails.map(trail)),
            "noTrail": report.noTrail.map { guidance in
                [
                    "summary": .string(guidance.summary), "detail": .string(guidance.detail),
                    "commands": .array(guidance.commands.map(JSONValue.string)),
                ]
            } ?? .null,
        ]
        if let organization = report.organization { document["organization"] = self.organization(organization) }
        if !report.unmatchedWaivers.isEmpty {
            document["unmatchedWaivers"] = .array(report.unmatchedWaivers.map(Self.waiver))
        }
        return document
    }

    /// The `organization` member of an organization run's report.
    private func organization(_ organization: OrganizationReport) -> JSONValue {
        [
            "id": organization.organizationId.map(JSONValue.string) ?? .null,
            "accountsChecked": .int(organization.accountsChecked),
            "accountsUnknown": .int(organization.accountsUnknown),
            "accountsSkipped": .int(organization.accountsSkipped),
            "accounts": .array(
                organization.accounts.map { account in
                    [
                        "accountId": .string(account.accountId),
                        "name": account.name.map(JSONValue.string) ?? .null,
                        "ouPath": account.ouPath.map(JSONValue.string) ?? .null,
                        "ready": .bool(account.ready),
                        "checks": .array(account.results.map(check)),
                    ]
                }),
        ]
    }

    private func trail(_ trail: TrailReport) -> JSONValue {
        [
            "trailArn": .string(trail.trail.trailARN),
            "name": .string(trail.trail.name),
            "homeRegion": trail.trail.region.map(JSONValue.string) ?? .null,
            "isOrganizationTrail": .bool(trail.trail.isOrganizationTrail ?? false),
            "ready": .bool(trail.ready),
            "checks": .array(trail.results.map { check($0.result) }),
        ]
    }

    private func check(_ result: CheckResult) -> JSONValue {
        let metadata = CheckCatalogue.metadata(for: result.id)
        return [
            "id": .string(result.id.rawValue),
            "title": .string(result.title),
            "status": .string(result.status.rawValue),
            "severity": .string(metadata.severity.rawValue),
            "area": .string(metadata.area.identifier),
            "summary": .string(result.summary),
            "evidence": .array(result.evidence.map { ["label": .string($0.label), "value": $0.value] }),
            "notes": .array(result.notes.map(JSONValue.string)),
            "remediation": result.remediation.map { remediation in
                [
                    "summary": .string(remediation.summary),
                    "commands": .array(remediation.commands.map(JSONValue.string)),
                ]
            } ?? .null,
            "compliance": [
                "cis": .array(metadata.cis.map(JSONValue.string)),
                "awsFsbp": .array(metadata.securityHub.map(JSONValue.string)),
            ],
            "waiver": result.waiver.map(Self.waiver) ?? .null,
        ]
    }

    /// A waivers-file entry: `{entry, check, resource, reason, acceptedBy, expires}`.
    private static func waiver(_ waiver: Waiver) -> JSONValue {
        [
            "entry": .int(waiver.entry),
            "check": .string(waiver.check),
            "resource": .string(waiver.resource),
            "reason": .string(waiver.reason),
            "acceptedBy": .string(waiver.acceptedBy),
            "expires": .string(waiver.expires),
        ]
    }
}
