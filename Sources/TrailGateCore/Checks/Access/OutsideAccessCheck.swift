import IAMPolicy
import OrderedJSON
import TrailGateBasics

/// `bucket.outside-access`: nobody outside the organization can list the bucket or read trail objects through the
/// bucket policy.
///
/// Sound first: `pass` only when every Allow that could match such a read is tied to the organization — an exact
/// positive condition on `aws:PrincipalOrgID`, `aws:PrincipalOrgPaths`, `aws:PrincipalAccount` or
/// `aws:PrincipalArn`, or principals that are all in accounts known to be in it. Otherwise it searches for a
/// concrete outside request the policy grants (`fail`), and says what it could not settle (`unknown`).
struct OutsideAccessCheck: Check {
    let id = CheckID.outsideAccess
    let title = "Bucket policy access from outside the organization"
    let area = CheckArea.bucket

    static let readActions = ["s3:ListBucket", "s3:GetObject", "s3:GetObjectVersion"]
    static let outsideAccount = "999900001111"
    static let otherOrganizationAccount = "999900002222"
    static let otherOrganization = "o-outsider0000"

    func evaluate(_ context: TrailContext) -> CheckResult {
        guard let organizationId = context.organizationId else {
            return result(
                .unknown, "The organization id is unknown (describe-organization gave no answer); pass --org-id.")
        }
        guard let bucketName = context.bucketName else { return result(.unknown, "The trail names no S3 bucket.") }
        let policy: PolicyDocument
        switch BucketPolicyRead(context) {
        case .none(let code):
            return result(
                .pass, "The bucket has no policy, so it grants no one outside the bucket's account.",
                evidence: [Evidence("GetBucketPolicy", .string(code))])
        case .undecidable(let why):
            return result(.unknown, why)
        case .policy(let document):
            policy = document
        }
        let bucketArn = "arn:aws:s3:::\(bucketName)"
        let objectPrefix = "\(bucketArn)/\(context.logKeyPrefix)"
        let candidates = policy.statements.filter { statement in
            statement.effect == .allow
                && ((statement.covers(action: "s3:ListBucket") && statement.mayCover(resourcesWithPrefix: bucketArn))
                    || (Self.readActions.dropFirst().contains { statement.covers(action: $0) }
                        && statement.mayCover(resourcesWithPrefix: objectPrefix)))
        }
        let perimeter = OrganizationPerimeter(organizationId: organizationId, knownAccounts: knownAccounts(context))
        var evidence: [Evidence] = []
        var unbound: [Statement] = []
        for statement in candidates {
            if let reason = perimeter.binding(statement) {
                evidence.append(
                    Evidence("statement \(statement.label)", .string("tied to the organization: \(reason)")))
            } else {
                evidence.append(Evidence("statement \(statement.label)", .string("not tied to the organization")))
                unbound.append(statement)
            }
        }
        if unbound.isEmpty {
            let summary =
                candidates.isEmpty
                ? "No Allow statement of the bucket policy can grant a read of the trail's objects."
                : "Every Allow that could grant a read of the trail's objects is tied to organization \(organizationId)."
            return result(
                .pass, summary, evidence: evidence,
                notes: ["Object ACLs, access points and KMS grants are outside the bucket policy and not judged here."])
        }
        let witnesses = OutsideWitnesses(context: context, bucketArn: bucketArn, statements: unbound)
        for witness in witnesses.requests {
            let evaluation = PolicyEvaluator().evaluate(
                witness.request, policies: PolicySet(identityPolicies: nil, resourcePolicy: policy))
            if evaluation.grantedByResourcePolicy {
                evidence.append(Evidence("outside request", .string(witness.description)))
                return result(
                    .fail,
                    "The bucket policy grants a principal outside the organization: \(witness.description), "
                        + "allowed by statement \(evaluation.allowedBy?.label ?? "?").", evidence: evidence,
                    remediation: Remediation(
                        "Add a condition StringEquals aws:PrincipalOrgID \(organizationId) to statement "
                            + "\(evaluation.allowedBy?.label ?? "?"), or narrow its Principal to accounts of the organization."
                    ))
            }
        }
        let labels = unbound.map(\.label).joined(separator: ", ")
        return result(
            .unknown,
            "Statements \(labels) are not tied to the organization by a principal or an identity condition, "
                + "and no outside request tried was granted; review them by hand.", evidence: evidence)
    }

    /// Accounts known to be in the organization: the trail's, the bucket owner's, the caller's, the management account.
    private func knownAccounts(_ context: TrailContext) -> Set<String> {
        Set(
            [
                context.trail.ownerAccountId, context.bucket?.ownerAccountId, context.callerAccountId,
                context.organization?.managementAccountId,
            ].compactMap { $0 })
    }
}

/// Decides whether a statement can only match principals of one organization.
struct OrganizationPerimeter {
    let organizationId: String
    let knownAccounts: Set<String>

    /// Why the statement is tied to the organization, or nil when it is not.
    func binding(_ statement: Statement) -> String? {
        if let principal = statement.principal, !principal.everyone, principal.federated.isEmpty,
            principal.canonicalUser.isEmpty
        {
            let accounts = principal.aws.map(Self.account)
            if accounts.allSatisfy({ $0.map(knownAccounts.contains) ?? false }) {
                return principal.aws.isEmpty
                    ? "only AWS service principals" : "principals only in accounts of the organization"
            }
        }
        for condition in statement.conditions {
            let op = condition.conditionOperator
            guard !op.ifExists, !op.base.isNegated, !condition.values.isEmpty else { continue }
            let key = condition.key.lowercased()
            let exactString =
                [.stringEquals, .stringLike].contains(op.base) && !condition.values.contains(where: Glob.hasWildcard)
            switch key {
            case "aws:principalorgid"
            where op.qualifier == nil && exactString && condition.values.allSatisfy({ $0 == organizationId }):
                return "\(op) aws:PrincipalOrgID \(organizationId)"
            case "aws:principalorgpaths"
            where op.qualifier == .forAnyValue && [.stringEquals, .stringLike].contains(op.base)
                && condition.values.allSatisfy({ $0.hasPrefix(organizationId + "/") }):
                return "\(op) aws:PrincipalOrgPaths under \(organizationId)/"
            case "aws:principalaccount"
            where op.qualifier == nil && exactString && condition.values.allSatisfy(knownAccounts.contains):
                return "\(op) aws:PrincipalAccount in accounts of the organization"
            case "aws:principalarn"
            where op.qualifier == nil
                && [.stringEquals, .stringLike, .arnEquals, .arnLike].contains(op.base)
                && condition.values.allSatisfy({ Self.account($0).map(knownAccounts.contains) ?? false }):
                return "\(op) aws:PrincipalArn in accounts of the organization"
            default:
                continue
            }
        }
        return nil
    }

    /// The account of an account id or IAM/STS ARN, when it is a literal 12-digit id.
    static func account(_ value: String) -> String? {
        if AccountId.isValid(value) { return value }
        guard let arn = ARN(value), arn.hasAccountId else { return nil }
        return arn.account
    }
}

extension CheckID {
    public static let outsideAccess = CheckID("bucket.outside-access")
}
