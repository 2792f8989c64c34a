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
        [
            "id": .string(result.id.rawValue),
            "title": .string(result.title),
            "status": .string(result.status.rawValue),
            "summary": .string(result.summary),
            "evidence": .array(result.evidence.map { ["label": .string($0.label), "value": $0.value] }),
            "notes": .array(result.notes.map(JSONValue.string)),
            "remediation": result.remediation.map { remediation in
                [
                    "summary": .string(remediation.summary),
                    "commands": .array(remediation.commands.map(JSONValue.string)),
                ]
            } ?? .null,
        ]
    }
}
