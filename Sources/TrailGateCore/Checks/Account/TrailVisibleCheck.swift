import OrderedJSON

/// `account.trail-visible`: the organization trail shows in the account (its shadow copy) and is logging.
struct TrailVisibleCheck: AccountCheck {
    let id = CheckID.accountTrailVisible
    let title = "Organization trail in the account"

    func evaluate(_ context: AccountContext) -> CheckResult {
        guard let trail = context.trail?.trail else {
            return result(.unknown, "The snapshot lists no trail, so there is no organization trail to look for.")
        }
        let listed: DescribeTrailsResponse
        switch context.member.trails {
        case .value(let value): listed = value
        case .error(let error):
            return result(
                .unknown, "describe-trails in account \(context.accountId) failed with \(error.description).")
        case .absent:
            return result(.unknown, "The account's trails (describe-trails) are not in the snapshot.")
        }
        let others = listed.trailList.filter { $0.trailARN != trail.trailARN && $0.isOrganizationTrail != true }
        let notes = others.map { "Account-level trail \($0.name) (\($0.trailARN)) also logs here." }
        var evidence = [Evidence("trails listed", .array(listed.trailList.map { .string($0.trailARN) }))]
        guard listed.trailList.contains(where: { $0.trailARN == trail.trailARN }) else {
            return result(
                .fail,
                "The organization trail \(trail.trailARN) is not listed in account \(context.accountId): the "
                    + "account is not logged by it (it may have joined the organization after a trail change, or "
                    + "the trail is not an organization trail).",
                evidence: evidence, notes: notes,
                remediation: Remediation(
                    "Make sure the trail is an organization trail (IsOrganizationTrail) in the management account "
                        + "and that the account is an ACTIVE member of the organization."))
        }
        switch context.member.trailStatus[trail.trailARN] ?? .absent {
        case .value(let status):
            evidence.append(Evidence("IsLogging", status.isLogging.map(JSONValue.bool) ?? .null))
            if status.isLogging == true {
                return result(
                    .pass, "The organization trail \(trail.name) is visible in the account and logging.",
                    evidence: evidence, notes: notes)
            }
            return result(
                .fail, "The organization trail \(trail.name) is visible in the account but not logging.",
                evidence: evidence, notes: notes,
                remediation: Remediation(
                    "Start logging on the organization trail in the management account (trail.logging's fix)."))
        case .error(let error):
            return result(
                .unknown,
                "get-trail-status of \(trail.trailARN) in account \(context.accountId) failed with "
                    + "\(error.description).", evidence: evidence, notes: notes)
        case .absent:
            return result(
                .unknown, "get-trail-status of \(trail.trailARN) in the account is not in the snapshot.",
                evidence: evidence, notes: notes)
        }
    }
}

extension CheckID {
    public static let accountTrailVisible = CheckID("account.trail-visible")
}
