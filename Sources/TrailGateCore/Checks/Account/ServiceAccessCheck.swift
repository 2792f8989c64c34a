import IAMPolicy
import OrderedJSON
import TrailGateBasics

/// `account.service-access`: every role of each principal pattern in the account can make every request the
/// service makes through Athena, decided with all the policies in the way: the account's SCPs level by level, the
/// RCPs of the bucket's and keys' accounts, the role's identity policies and boundary, and the bucket and key
/// policies.
struct ServiceAccessCheck: AccountCheck {
    let id = CheckID.accountServiceAccess
    let title = "Athena access of the account's roles"

    func evaluate(_ context: AccountContext) -> CheckResult {
        do {
            return try decide(context)
        } catch {
            return result(.unknown, error.reason)
        }
    }

    /// One request of one role, with the policies that decide it.
    private struct Decision {
        var named: AthenaAccessRequests.NamedRequest
        var principal: AccountPrincipal
        var evaluation: Evaluation
        var cause: RefusalCause?
    }

    private func decide(_ context: AccountContext) throws(Undecidable) -> CheckResult {
        guard let trail = context.trail else {
            throw Undecidable(reason: "The snapshot lists no trail, so there are no logs to read.")
        }
        guard let bucket = trail.bucketName else { throw Undecidable(reason: "The trail names no S3 bucket.") }
        guard let organizationId = context.organizationId else {
            throw Undecidable(reason: "The organization id is unknown (describe-organization gave no answer).")
        }
        let path: AccountPath
        switch context.path {
        case .success(let found): path = found
        case .failure(let unknown): throw Undecidable(reason: unknown.reason)
        }
        guard let bucketOwner = context.bucketOwner else {
            throw Undecidable(
                reason: "The account that owns bucket \(bucket) is unknown (no ownerAccountId, no bucketAccount), "
                    + "so its RCPs cannot be evaluated. Name it with --bucket-account.")
        }
        var policies = AccountPolicies(context)
        let principals = try policies.principals()
        let serviceControl = try policies.guardrailLevels(.serviceControl, of: context.accountId)
        let bucketPolicy = try policies.bucketPolicy(trail, bucket: bucket)
        let bucketControls = try policies.guardrailLevels(.resourceControl, of: bucketOwner)
        var keys: [(arn: String, policy: PolicyDocument, controls: [PolicyLevel])] = []
        var notes: [String] = []
        for reference in KeyPolicyAccessCheck().keys(trail) {
            switch reference {
            case .arn(let arn, _):
                let owner = ARN.account(in: arn) ?? bucketOwner
                keys.append(
                    (arn, try policies.keyPolicy(arn), try policies.guardrailLevels(.resourceControl, of: owner)))
            case .unresolved(let reference, let source):
                throw Undecidable(reason: "The key \(reference) (\(source)) is not in the snapshot's keys.")
            case .awsManagedS3:
                notes.append(
                    "The bucket's default encryption uses the AWS managed key aws/s3, which roles in other accounts "
                        + "cannot use: kms.key-policy-access judges it.")
            }
        }
        let region = trail.bucket?.location.value?.region ?? trail.trail.region ?? "us-east-1"
        let requests = AthenaAccessRequests(
            organizationId: organizationId, logKeyPrefix: trail.logKeyPrefix, region: region)
        let orgPath = path.principalOrgPath(organizationId: organizationId)
        var decisions: [Decision] = []
        for principal in principals {
            let limits = principal.isServiceLinked ? [] : serviceControl
            var named = requests.bucketRequests(
                bucket: bucket, ownerAccount: bucketOwner, account: context.accountId, roleArn: principal.roleArn
            ).map { (request: $0, resource: bucketPolicy, controls: bucketControls) }
            for key in keys {
                named += requests.keyRequests(
                    keyArn: key.arn, account: context.accountId, roleArn: principal.roleArn,
                    trailArn: trail.trail.trailARN
                ).map { (request: $0, resource: Optional(key.policy), controls: key.controls) }
            }
            for (request, resource, controls) in named {
                var request = request
                request.description = request.description.replacingOccurrences(
                    of: " by a role in \(context.accountId)", with: " by \(principal.roleName)")
                request.account = principal.roleName
                request.request.context["aws:PrincipalOrgPaths"] = .multiple([orgPath])
                request.request.context["aws:RequestedRegion"] = .single(region)
                let set = PolicySet(
                    identityPolicies: principal.identityPolicies, resourcePolicy: resource,
                    serviceControlPolicies: limits.map { $0.policies.compactMap(\.document) },
                    resourceControlPolicies: controls.map { $0.policies.compactMap(\.document) },
                    permissionBoundaries: principal.boundaries)
                let evaluation = PolicyEvaluator().evaluate(request.request, policies: set)
                let resourceName =
                    request.request.resource.hasPrefix("arn:aws:kms:")
                    ? "key policy of \(request.request.resource)" : "bucket policy of \(bucket)"
                let cause =
                    evaluation.decision == .allowed
                    ? nil
                    : RefusalCause(
                        evaluation, principal: principal, serviceControlLevels: limits,
                        resourcePolicyName: resourceName, policies: policies)
                decisions.append(Decision(named: request, principal: principal, evaluation: evaluation, cause: cause))
            }
        }
        notes += Self.notes(context, principals: principals, bucketOwner: bucketOwner, decisions: decisions)
        let outcomes = decisions.map(Self.outcome)
        var evidence = [
            Evidence("aws:PrincipalOrgPaths", .string(orgPath)), Evidence("aws:RequestedRegion", .string(region)),
        ]
        evidence += decisions.map { decision in
            let text =
                decision.cause.map { "\($0.outcome): \($0.reason)" }
                ?? "allowed"
                + (decision.evaluation.allowedBy.map { " by statement \($0.label) of the \($0.policy)" } ?? "")
            return Evidence(decision.named.description, .string(text))
        }
        let refused = decisions.filter { $0.cause != nil }
        guard !refused.isEmpty else {
            return result(
                .pass,
                "All \(decisions.count) requests of \(principals.count) role\(principals.count == 1 ? "" : "s") "
                    + "are granted by every policy in the way (SCPs, RCPs, the roles' policies, the bucket and key "
                    + "policies).", evidence: evidence, notes: notes)
        }
        let actionCount = Set(outcomes.map(\.action)).count
        let summary =
            RequestOutcomeGroup.summary(outcomes) + ": "
            + RequestOutcomeGroup.groups(outcomes).map { group in
                let actions =
                    group.actions.count == actionCount ? "every request" : group.actions.joined(separator: ", ")
                let roles = (group.accounts.count == 1 ? "role " : "roles ") + group.accounts.joined(separator: ", ")
                let outcome = group.reason.hasPrefix(group.outcome) ? "" : group.outcome + ": "
                return "\(actions) of \(roles) \(outcome)\(group.reason)"
            }.joined(separator: "; ") + "."
        return result(
            .fail, summary, evidence: evidence, notes: notes,
            remediation: Remediation(Self.remediation(refused, context: context)), requests: outcomes)
    }

    /// The answer to one request as the report groups it: by deciding policy and statement, the role as column.
    private static func outcome(_ decision: Decision) -> RequestOutcome {
        let action = decision.named.request.action
        guard let cause = decision.cause else {
            return RequestOutcome(
                description: decision.named.description, action: action, account: decision.named.account,
                granted: true, outcome: "allowed", reason: "allowed",
                statement: decision.evaluation.allowedBy.map { "statement \($0.label) of the \($0.policy)" })
        }
        let statement = cause.nearest.map { nearest in
            var text = "nearest: statement \(nearest.label) of the \(nearest.policy), where \(nearest.reason)"
            if let session = decision.named.request.principal.arn {
                text = text.replacingOccurrences(of: session, with: "the role session")
            }
            return text.replacingOccurrences(of: "the action \(action)", with: "the action")
                .replacingOccurrences(of: action, with: "the action")
        }
        return RequestOutcome(
            description: decision.named.description, action: action, account: decision.named.account,
            granted: false, outcome: cause.outcome, reason: cause.reason, statement: statement)
    }

    /// One sentence per refusal cause, in first-seen order, each naming the actions and roles it refuses.
    private static func remediation(_ refused: [Decision], context: AccountContext) -> String {
        var order: [String] = []
        var byReason: [String: (cause: RefusalCause, actions: [String], roles: [String])] = [:]
        for decision in refused {
            guard let cause = decision.cause else { continue }
            let key = cause.reason + "|" + (cause.outcome == "denied" ? "" : decision.principal.roleName)
            var entry = byReason[key] ?? (cause, [], [])
            if byReason[key] == nil { order.append(key) }
            if !entry.actions.contains(decision.named.request.action) {
                entry.actions.append(decision.named.request.action)
            }
            if !entry.roles.contains(decision.principal.roleName) { entry.roles.append(decision.principal.roleName) }
            byReason[key] = entry
        }
        // Roles refused the same actions for the same reason (each by its own policies) share one sentence.
        var merged: [(cause: RefusalCause, actions: [String], roles: [String])] = []
        for key in order {
            guard let entry = byReason[key] else { continue }
            if let index = merged.firstIndex(where: {
                $0.cause.reason == entry.cause.reason && $0.actions == entry.actions
            }) {
                merged[index].roles += entry.roles.filter { !merged[index].roles.contains($0) }
            } else {
                merged.append(entry)
            }
        }
        var sentences: [String] = []
        for entry in merged {
            let sentence = entry.cause.remediation(
                actions: entry.actions, roles: entry.roles, patterns: context.principalPatterns, context: context)
            if !sentences.contains(sentence) { sentences.append(sentence) }
        }
        return sentences.joined(separator: " ")
    }

    /// What the decisions take for granted or leave out, said once each.
    private static func notes(
        _ context: AccountContext, principals: [AccountPrincipal], bucketOwner: String, decisions: [Decision]
    ) -> [String] {
        var notes: [String] = []
        for principal in principals where principal.isRepresentative {
            notes.append(
                "No role matches \(principal.pattern) yet: a role named \(principal.roleName) was evaluated, its "
                    + "own IAM policies assumed to allow the requests.")
        }
        if context.isManagementAccount {
            notes.append("The management account is not limited by SCPs, so none were evaluated for its roles.")
        }
        for principal in principals where principal.isServiceLinked {
            notes.append("Role \(principal.roleName) is service-linked: SCPs do not limit it.")
        }
        if bucketOwner == context.managementAccountId {
            notes.append("The bucket is in the management account, which RCPs do not limit.")
        }
        return notes
    }
}

extension CheckID {
    public static let accountServiceAccess = CheckID("account.service-access")
}
