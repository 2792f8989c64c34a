import IAMPolicy
import OrderedJSON
import TrailGateBasics

/// Why a check of an account cannot be decided from the snapshot, in one sentence.
struct Undecidable: Error {
    var reason: String
}

/// Where a policy taking part in a decision comes from: what a finding names and what its fix changes.
enum PolicyOrigin {
    case guardrail(OrganizationPolicy)
    /// A managed policy (its ARN) or an inline policy (its name) of a role.
    case identity(role: String, policy: String)
    case boundary(role: String, arn: String)
    case bucketPolicy(bucket: String)
    case keyPolicy(keyArn: String)
}

/// A role that makes the service's requests in the account, with the policies on its side of the decision.
struct AccountPrincipal {
    var pattern: String
    var roleName: String
    var roleArn: String
    /// Nil for a representative role (none matches the pattern yet): its identity side is assumed to allow.
    var identityPolicies: [PolicyDocument]?
    var boundaries: [PolicyDocument]?
    /// The permissions boundary's ARN, when the role has one.
    var boundaryArn: String?
    /// SCPs do not limit service-linked roles.
    var isServiceLinked: Bool

    var isRepresentative: Bool { identityPolicies == nil }
}

/// Reads the policies of one account's decisions from the snapshot and names each for explanations, remembering
/// where each comes from.
struct AccountPolicies {
    let context: AccountContext
    /// Each named policy's origin, by the name the evaluator reports it under.
    private(set) var origins: [String: PolicyOrigin] = [:]

    init(_ context: AccountContext) {
        self.context = context
    }

    /// The roles matching each pattern, or a representative role where none does.
    mutating func principals() throws(Undecidable) -> [AccountPrincipal] {
        if let error = context.member.roles.error {
            throw Undecidable(
                reason: "list-roles in account \(context.accountId) failed with \(error.description).")
        }
        guard context.member.roles.value != nil else {
            throw Undecidable(reason: "The account's roles (list-roles) are not in the snapshot.")
        }
        var principals: [AccountPrincipal] = []
        for pattern in context.principalPatterns {
            let roles = context.roles(matching: pattern)
            if roles.isEmpty {
                let sample = RequiredAccess.sampleRole(for: pattern).arn
                var arn =
                    ARN(sample)
                    ?? ARN(
                        partition: "aws", service: "iam", region: "", account: "", resource: "role/trailgate")
                arn.account = context.accountId
                principals.append(
                    AccountPrincipal(
                        pattern: pattern, roleName: arn.resourceId, roleArn: arn.description, identityPolicies: nil,
                        boundaries: nil, boundaryArn: nil, isServiceLinked: false))
                continue
            }
            for role in roles where !principals.contains(where: { $0.roleArn == role.arn }) {
                principals.append(try principal(role, pattern: pattern))
            }
        }
        return principals
    }

    /// A role found in the account, with its attached and inline policies and its permissions boundary.
    private mutating func principal(_ listed: IAMRole, pattern: String) throws(Undecidable) -> AccountPrincipal {
        let name = listed.roleName
        guard let details = context.member.roleDetails[name] else {
            throw Undecidable(
                reason: "The policies of role \(name) (get-role and its policy lists) are not in the snapshot.")
        }
        let role = try Self.answer(details.role, call: "get-role --role-name \(name)")
        let attached = try Self.answer(
            details.attachedPolicies, call: "list-attached-role-policies --role-name \(name)")
        let inlineNames = try Self.answer(details.inlinePolicyNames, call: "list-role-policies --role-name \(name)")
        var identity: [PolicyDocument] = []
        for policy in attached.attachedPolicies {
            identity.append(
                try managedPolicy(
                    policy.policyArn, name: "identity policy \(policy.policyArn)",
                    origin: .identity(role: name, policy: policy.policyArn)))
        }
        for policyName in inlineNames.policyNames {
            let answer = try Self.answer(
                details.inlinePolicies[policyName] ?? .absent,
                call: "get-role-policy --role-name \(name) --policy-name \(policyName)")
            identity.append(
                try document(
                    answer.policyDocument, name: "inline policy \"\(policyName)\" of role \(name)",
                    origin: .identity(role: name, policy: "inline policy \"\(policyName)\"")))
        }
        var boundaries: [PolicyDocument]?
        let boundaryArn = role.role.permissionsBoundary?.permissionsBoundaryArn
        if let arn = boundaryArn {
            boundaries = [
                try managedPolicy(arn, name: "permissions boundary \(arn)", origin: .boundary(role: name, arn: arn))
            ]
        }
        return AccountPrincipal(
            pattern: pattern, roleName: name, roleArn: listed.arn, identityPolicies: identity,
            boundaries: boundaries, boundaryArn: boundaryArn,
            isServiceLinked: role.role.isServiceLinked || listed.isServiceLinked)
    }

    /// A managed policy's default version.
    private mutating func managedPolicy(_ arn: String, name: String, origin: PolicyOrigin) throws(Undecidable)
        -> PolicyDocument
    {
        let version = try Self.answer(
            context.scan.managedPolicies[arn]?.defaultVersion ?? .absent,
            call: "get-policy-version of \(arn)")
        return try document(version.policyVersion.document, name: name, origin: origin)
    }

    /// A policy document as IAM returns it: a JSON object, or text when IAM's text was not JSON.
    private mutating func document(_ json: JSONValue, name: String, origin: PolicyOrigin) throws(Undecidable)
        -> PolicyDocument
    {
        var parsed: PolicyDocument
        do {
            if case .string(let text) = json {
                parsed = try PolicyDocument(text: text)
            } else {
                parsed = try PolicyDocument(json: json)
            }
        } catch {
            throw Undecidable(reason: "The \(name) is not a valid policy (\(error.description)).")
        }
        parsed.name = name
        origins[name] = origin
        return parsed
    }

    /// The guardrails of `kind` at every level of `account`'s path, each named; none for the management account,
    /// which guardrails do not limit.
    mutating func guardrailLevels(_ kind: GuardrailKind, of account: String) throws(Undecidable) -> [PolicyLevel] {
        if account == context.managementAccountId { return [] }
        let path: AccountPath
        switch context.tree.path(of: account) {
        case .success(let found): path = found
        case .failure(let unknown): throw Undecidable(reason: unknown.reason)
        }
        let levels = context.tree.levels(kind, of: path)
        for level in levels {
            if let problem = level.firstProblem {
                throw Undecidable(
                    reason: "The \(kind.rawValue)s of \(level.node.display) cannot be evaluated: \(problem).")
            }
            for policy in level.policies { origins[policy.label] = .guardrail(policy) }
        }
        return levels
    }

    /// The bucket policy, named; nil when the bucket has none.
    mutating func bucketPolicy(_ trail: TrailContext, bucket: String) throws(Undecidable) -> PolicyDocument? {
        switch BucketPolicyRead(trail) {
        case .none: return nil
        case .undecidable(let why): throw Undecidable(reason: why)
        case .policy(var document):
            document.name = "bucket policy of \(bucket)"
            origins[document.name!] = .bucketPolicy(bucket: bucket)
            return document
        }
    }

    /// The key policy of `keyArn`, named.
    mutating func keyPolicy(_ keyArn: String) throws(Undecidable) -> PolicyDocument {
        let answer = try Self.answer(
            context.snapshot.keys[keyArn]?.policy ?? .absent, call: "get-key-policy of \(keyArn)")
        let name = "key policy of \(keyArn)"
        var document: PolicyDocument
        do {
            document = try PolicyDocument(text: answer.policy)
        } catch {
            throw Undecidable(reason: "The \(name) is not a valid policy (\(error.description)).")
        }
        document.name = name
        origins[name] = .keyPolicy(keyArn: keyArn)
        return document
    }

    /// A slot's value, or why it is missing.
    private static func answer<T>(_ slot: Slot<T>, call: String) throws(Undecidable) -> T {
        switch slot {
        case .value(let value): return value
        case .error(let error): throw Undecidable(reason: "\(call) failed with \(error.description).")
        case .absent: throw Undecidable(reason: "\(call) is not in the snapshot.")
        }
    }
}
