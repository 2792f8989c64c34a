import OrderedJSON

/// `account.roles-present`: every customer principal pattern has a role in the account; the service's
/// `ams-access-*` roles are reported, never required (the service creates them during onboarding).
struct RolesPresentCheck: AccountCheck {
    let id = CheckID.accountRolesPresent
    let title = "Roles for each principal pattern"

    func evaluate(_ context: AccountContext) -> CheckResult {
        if let error = context.member.roles.error {
            return result(.unknown, "list-roles in account \(context.accountId) failed with \(error.description).")
        }
        guard context.member.roles.value != nil else {
            return result(.unknown, "The account's roles (list-roles) are not in the snapshot.")
        }
        var evidence: [Evidence] = []
        var missing: [String] = []
        for pattern in context.principalPatterns {
            let names = context.roles(matching: pattern).map(\.roleName)
            evidence.append(Evidence(pattern, .array(names.map(JSONValue.string))))
            if names.isEmpty && pattern != PolicyInputs.defaultPrincipalArnPattern { missing.append(pattern) }
        }
        let serviceRoles = context.roles(matching: PolicyInputs.defaultPrincipalArnPattern)
        let serviceNote =
            serviceRoles.isEmpty
            ? "No ams-access-* role yet: the service creates them during onboarding."
            : "\(serviceRoles.count) ams-access-* role\(serviceRoles.count == 1 ? "" : "s") present: "
                + serviceRoles.map(\.roleName).joined(separator: ", ") + "."
        if !missing.isEmpty {
            return result(
                .fail,
                "No role in account \(context.accountId) matches "
                    + missing.map { "\"\($0)\"" }.joined(separator: ", ") + ".",
                evidence: evidence, notes: [serviceNote],
                remediation: Remediation(
                    "Create the role the pattern names in account \(context.accountId) (the customer's query role, "
                        + "named as in every other account), or drop the pattern if the account needs none."))
        }
        if context.customerPatterns.isEmpty {
            if serviceRoles.isEmpty {
                return result(
                    .notApplicable, "No customer principal pattern was given; no ams-access-* role exists yet.",
                    evidence: evidence, notes: [serviceNote])
            }
            return result(.pass, serviceNote, evidence: evidence)
        }
        return result(
            .pass, "Every customer principal pattern has a role in account \(context.accountId).",
            evidence: evidence, notes: [serviceNote])
    }
}

extension CheckID {
    public static let accountRolesPresent = CheckID("account.roles-present")
}
