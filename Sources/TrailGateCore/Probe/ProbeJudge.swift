import IAMPolicy
import OrderedJSON
import TrailGateBasics

/// Decides a probe's refused requests again with the policy evaluator, as the probed role's session, and says in
/// words what refused each: the deciding statement, the nearest Allow and what it misses, or that the readable
/// policies allow it and something the caller cannot see refused it.
struct ProbeJudge {
    /// The session name the explanations assume when the report does not say the probe's.
    static let defaultSessionName = "trailgate-probe"

    let bucket: String
    private let roleArn: String
    /// The role's account; nil when the role ARN names none (then nothing can be judged).
    private let roleAccount: String?
    private let session: String
    private let trailArn: String?
    private let policies: ProbePolicies
    private let requests: AthenaAccessRequests
    /// The required statements for this bucket, to name the one that grants an action no statement allows; nil
    /// when the organization is unknown.
    private let required: RequiredStatements?

    init(_ report: ProbeReport) {
        bucket = report.bucket
        roleArn = report.roleArn
        roleAccount = ARN.account(in: report.roleArn).flatMap { $0.isEmpty ? nil : $0 }
        session = report.roleSessionName ?? Self.defaultSessionName
        trailArn = report.trailArn
        policies = report.policies
        let logKeyPrefix = (report.prefix.map { "\($0)/" } ?? "") + "AWSLogs/"
        requests = AthenaAccessRequests(
            organizationId: report.policies.organizationId, logKeyPrefix: logKeyPrefix, region: "us-east-1")
        required = report.policies.organizationId.flatMap {
            try? RequiredStatements(PolicyInputs(bucket: report.bucket, organizationId: $0, prefix: report.prefix))
        }
    }

    /// What refused `access`, in words ending with the check that covers it; nil when the role's account is
    /// unknown. `directRead` marks the probe's direct reads, which the required statements refuse on purpose.
    func cause(of access: ProbeAccessRequest, throughAthena: Bool, directRead: Bool) -> String? {
        guard let roleAccount else { return nil }
        let subject = Subject(access.policy, bucketOwner: policies.bucketOwnerAccountId)
        let document: PolicyDocument
        switch policyText(access.policy) {
        case nil:
            let account = subject.owner.map { " (\($0))" } ?? ""
            return "the \(subject.name) could not be read with the caller's credentials: run check from the "
                + "\(subject.noun)'s account\(account)"
        case let text?:
            do {
                document = try PolicyDocument(text: text)
            } catch {
                return "the \(subject.name) cannot be evaluated (\(error.description)); see \(subject.check)"
            }
        }
        guard let evaluation = evaluate(access, document, throughAthena: throughAthena, account: roleAccount) else {
            return nil
        }
        let covering = covering(subject)
        switch evaluation.decision {
        case .allowed:
            if let key = keyRefusal(of: access, throughAthena: throughAthena, account: roleAccount) { return key }
            let statement = evaluation.allowedBy.map { " (statement \($0.label))" } ?? ""
            return "the \(subject.name) allows it\(statement), so something the caller cannot see refused it: an SCP, "
                + "an RCP, a VPC endpoint policy, a KMS grant or the role's own IAM policies, which were not read; "
                + covering
        case .explicitDeny:
            let deny = evaluation.statements.first { $0.matched && $0.effect == .deny }
            return "statement \(deny?.label ?? "") of the \(subject.name) denies it; \(covering)"
        case .implicitDeny:
            if directRead, !throughAthena,
                let viaAthena = evaluate(access, document, throughAthena: true, account: roleAccount),
                viaAthena.decision == .allowed, let statement = viaAthena.allowedBy
            {
                return "refused as intended: statement \(statement.label) of the \(subject.name) allows "
                    + "\(access.action) only through Athena (aws:CalledVia athena.amazonaws.com)"
            }
            return notGranted(access, evaluation, subject) + "; " + covering
        }
    }

    /// Why no statement grants the request: the nearest Allow that covers the action and what it misses, or the
    /// required statement that would grant it.
    private func notGranted(_ access: ProbeAccessRequest, _ evaluation: Evaluation, _ subject: Subject) -> String {
        if let nearest = evaluation.nearestAllow(from: .resource), nearest.actionMatched {
            let misses = nearest.reason.hasSuffix(".") ? String(nearest.reason.dropLast()) : nearest.reason
            return "no statement of the \(subject.name) grants it to the role's session; the nearest, "
                + "\(nearest.label), does not apply: \(misses)"
        }
        let sid = requiredSid(granting: access.action).map { " (the required statement \"\($0)\" grants it)" } ?? ""
        return "no statement of the \(subject.name) allows it\(sid)"
    }

    /// For a GetObject the bucket policy allows: the key policy that refuses the `kms:Decrypt` S3 makes for it, in
    /// words; nil when every readable key policy grants it.
    private func keyRefusal(of access: ProbeAccessRequest, throughAthena: Bool, account: String) -> String? {
        guard access.action == "s3:GetObject" else { return nil }
        for (keyArn, text) in policies.keyPolicies.sorted(by: { $0.key < $1.key }) {
            let decrypt = ProbeAccessRequest(
                ProbeRequest(operation: "Decrypt", resource: keyArn, region: ARN.region(in: keyArn) ?? ""),
                bucket: bucket)
            guard let decrypt, let document = try? PolicyDocument(text: text),
                let evaluation = evaluate(decrypt, document, throughAthena: throughAthena, account: account),
                evaluation.decision != .allowed
            else { continue }
            let subject = Subject(decrypt.policy, bucketOwner: policies.bucketOwnerAccountId)
            return "the bucket policy allows it, but S3's kms:Decrypt is refused: "
                + notGranted(decrypt, evaluation, subject) + "; " + covering(subject)
        }
        return nil
    }

    /// The request decided against the resource policy alone (the role's identity policies are not known, so they
    /// are taken to allow).
    private func evaluate(
        _ access: ProbeAccessRequest, _ document: PolicyDocument, throughAthena: Bool, account: String
    ) -> Evaluation? {
        let request: AuthorizationRequest?
        switch access.policy {
        case .bucket:
            request = requests.bucketRequest(
                action: access.action, resource: access.resource, listPrefix: access.listPrefix,
                ownerAccount: policies.bucketOwnerAccountId, account: account, roleArn: roleArn, session: session,
                throughAthena: throughAthena)
        case .key(let keyArn):
            let region = ARN.region(in: keyArn) ?? requests.region
            request = AthenaAccessRequests(
                organizationId: requests.organizationId, logKeyPrefix: requests.logKeyPrefix, region: region
            ).keyRequest(
                action: access.action, keyArn: keyArn, account: account, roleArn: roleArn, trailArn: trailArn,
                session: session, throughAthena: throughAthena)
        }
        return request.map {
            PolicyEvaluator().evaluate($0, policies: PolicySet(identityPolicies: nil, resourcePolicy: document))
        }
    }

    private func policyText(_ policy: ProbeAccessRequest.Policy) -> String? {
        switch policy {
        case .bucket: policies.bucketPolicy
        case .key(let arn): policies.keyPolicies[arn]
        }
    }

    /// The Sid of the required statement whose actions include `action`.
    private func requiredSid(granting action: String) -> String? {
        guard let required else { return nil }
        for statement in required.bucketStatements + required.keyStatements {
            let actions = statement["Action"].flatMap { $0.arrayValue ?? [$0] } ?? []
            if actions.contains(.string(action)) { return statement["Sid"]?.stringValue }
        }
        return nil
    }

    /// The check that covers the policy, and `account.service-access` when the role is in another account.
    private func covering(_ subject: Subject) -> String {
        var text = "see \(subject.check.rawValue)"
        if let roleAccount, let owner = subject.owner, owner != roleAccount {
            text +=
                " and \(CheckID.accountServiceAccess.rawValue) (the role is in account \(roleAccount), the "
                + "\(subject.noun) in \(owner))"
        }
        return text
    }

    /// The policy a request is judged by, as sentences name it.
    private struct Subject {
        /// `bucket policy` or `key policy of <arn>`.
        var name: String
        /// `bucket` or `key`.
        var noun: String
        /// The account that owns the bucket or key; nil when unknown.
        var owner: String?
        var check: CheckID

        init(_ policy: ProbeAccessRequest.Policy, bucketOwner: String?) {
            switch policy {
            case .bucket:
                name = "bucket policy"
                noun = "bucket"
                owner = bucketOwner
                check = .bucketPolicyAccess
            case .key(let arn):
                name = "key policy of \(arn)"
                noun = "key"
                owner = ARN.account(in: arn)
                check = .keyPolicyAccess
            }
        }
    }
}
