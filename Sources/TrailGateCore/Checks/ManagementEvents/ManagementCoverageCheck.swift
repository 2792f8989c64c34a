/// A check that a trail's selectors log read and write management events of one group of event sources.
protocol ManagementCoverageCheck: FixableCheck {
    var group: SourceGroup { get }
    /// How the summary names the events judged, e.g. `KMS management events`.
    var eventsName: String { get }
}

extension ManagementCoverageCheck {
    var area: CheckArea { .trail }

    func evaluate(_ context: TrailContext) -> CheckResult {
        guard let response = context.entry.eventSelectors.value else {
            return result(
                .unknown,
                context.trailDataUnavailable(call: "GetEventSelectors", error: context.entry.eventSelectors.error))
        }
        let coverage = ManagementEventCoverage(response)
        var notes = coverage.notes
        notes += coverage.selectors.filter { !$0.isForOtherEvents }.compactMap { selector in
            selector.excludedReason.map { "\(selector.label) does not count: \($0)." }
        }
        let gaps = EventAccess.allCases.filter { !coverage.isCovered($0, group) }
        if gaps.isEmpty {
            if coverage.isDefault {
                notes.append("No selectors are configured: CloudTrail logs all management events by default.")
            } else if !coverage.selectors.indices.contains(where: { index in
                EventAccess.allCases.allSatisfy { coverage.isCovered(by: index, $0, group) }
            }) {
                notes.append(
                    "No single selector logs both read and write events here; together the selectors do. "
                        + "Coverage is complete, though tools expecting ReadWriteType All may report otherwise.")
            }
            return result(.pass, "Read and write \(eventsName) are logged.", evidence: coverage.evidence, notes: notes)
        }
        let missing = gaps.count == 2 ? "read and write" : gaps[0].rawValue
        return result(
            .fail, "Not logged: \(missing) management events from \(group.phrase).",
            evidence: coverage.evidence, notes: notes,
            remediation: ManagementSelectorsRemediation(response: response, context: context).remediation)
    }
}

extension ManagementCoverageCheck {
    /// One `PutEventSelectors` restoring full management-event logging and keeping every other selector; the
    /// three coverage checks propose the same call, which the planner makes once.
    func fix(_ result: CheckResult, in fix: FixContext) -> FixOutcome {
        guard let response = fix.context.entry.eventSelectors.value else { return .nothing }
        let remediation = ManagementSelectorsRemediation(response: response, context: fix.context)
        var after = remediation.request
        after["TrailName"] = nil
        return .change(
            PlannedChange(
                resource: fix.trailResource, action: .putEventSelectors(remediation.request), checkIds: [id],
                summary: remediation.summary, before: remediation.current, after: after))
    }
}

/// `trail.management-events`: read and write management events from every source other than KMS and RDS Data API.
struct ManagementEventsCheck: ManagementCoverageCheck {
    let id = CheckID.managementEvents
    let title = "Management events, read and write"
    let group = SourceGroup.other
    let eventsName = "management events from every event source"
}

/// `trail.kms-events`: KMS management events are not excluded.
struct KMSEventsCheck: ManagementCoverageCheck {
    let id = CheckID.kmsEvents
    let title = "KMS events in the management-event selectors"
    let group = SourceGroup.kms
    let eventsName = "KMS management events"
}

/// `trail.rds-data-events`: RDS Data API management events are not excluded.
struct RDSDataEventsCheck: ManagementCoverageCheck {
    let id = CheckID.rdsDataEvents
    let title = "RDS Data API events in the management-event selectors"
    let group = SourceGroup.rdsData
    let eventsName = "RDS Data API management events"
}

extension CheckID {
    public static let managementEvents = CheckID("trail.management-events")
    public static let kmsEvents = CheckID("trail.kms-events")
    public static let rdsDataEvents = CheckID("trail.rds-data-events")
}
