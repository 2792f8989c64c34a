import IAMPolicy
import OrderedJSON
import TrailGateBasics

/// `kms.key-policy-access`: every key that encrypts the trail's objects lets the service's roles decrypt through S3
/// and Athena.
///
/// With a centralized bucket the key policy must grant the roles in every member account itself; with a bucket in
/// the trail's own account it is enough that the key policy delegates to the account's IAM policies (the
/// account-root statement) or names the roles.
struct KeyPolicyAccessCheck: Check {
    let id = CheckID.keyPolicyAccess
    let title = "Key policy access for decrypting the logs"
    let area = CheckArea.kms

    /// A key that encrypts the trail's objects, as the configuration names it.
    enum KeyReference: Equatable {
        case arn(String, source: String)
        /// A key id or alias that the snapshot's keys do not resolve.
        case unresolved(String, source: String)
        /// `aws:kms` without a key id: the AWS managed key `aws/s3`.
        case awsManagedS3
    }

    func keys(_ context: TrailContext) -> [KeyReference] {
        var keys: [KeyReference] = []
        if let trailKey = context.trail.kmsKeyId {
            keys.append(resolve(trailKey, source: "the trail's KmsKeyId", in: context))
        }
        for rule in context.bucket?.encryption.value?.rules ?? [] {
            guard let defaults = rule.defaults, defaults.sseAlgorithm.hasPrefix("aws:kms") else { continue }
            let key =
                defaults.kmsMasterKeyID.map { resolve($0, source: "the bucket's default encryption", in: context) }
                ?? .awsManagedS3
            if !keys.contains(where: { Self.sameKey($0, key) }) { keys.append(key) }
        }
        return keys
    }

    private static func sameKey(_ a: KeyReference, _ b: KeyReference) -> Bool {
        switch (a, b) {
        case let (.arn(x, _), .arn(y, _)), let (.unresolved(x, _), .unresolved(y, _)): return x == y
        case (.awsManagedS3, .awsManagedS3): return true
        default: return false
        }
    }

    /// A key ARN as is; a key id or alias through the snapshot's keys.
    private func resolve(_ reference: String, source: String, in context: TrailContext) -> KeyReference {
        if reference.hasPrefix("arn:") && reference.contains(":key/") { return .arn(reference, source: source) }
        let match = context.snapshot.keys.first { arn, data in
            arn.hasSuffix("/" + reference) || data.metadata.value?.keyMetadata.keyId == reference
        }
        return match.map { .arn($0.key, source: source) } ?? .unresolved(reference, source: source)
    }

    func evaluate(_ context: TrailContext) -> CheckResult {
        let keys = keys(context)
        guard !keys.isEmpty else {
            return result(
                .notApplicable,
                "No KMS key encrypts the trail's objects (no trail KmsKeyId, no SSE-KMS bucket default).")
        }
        let centralized: Bool
        switch context.bucketPlacement {
        case .centralized: centralized = true
        case .local: centralized = false
        case .undecided(let why): return result(.unknown, "Cannot tell whether the bucket is centralized: \(why).")
        }
        let organizationId = context.organizationId
        if centralized && organizationId == nil {
            return result(
                .unknown, "The organization id is unknown (describe-organization gave no answer); pass --org-id.")
        }
        let access = ServiceAccess(context: context, organizationId: organizationId)
        var evidence: [Evidence] = []
        var problems: [String] = []
        var unknowns: [String] = []
        var notes: [String] = []
        var commands: [String] = []
        var total = 0
        var denyAdvice = ""
        var outcomes: [RequestOutcome] = []
        for key in keys {
            switch key {
            case .awsManagedS3:
                evidence.append(Evidence("bucket default key", .string("aws/s3 (AWS managed)")))
                if centralized {
                    problems.append(
                        "the bucket encrypts with the AWS managed key aws/s3, whose policy cannot grant other accounts")
                }
            case .unresolved(let reference, let source):
                unknowns.append(
                    "\(source) names \(reference), which no key in the snapshot matches; add its describe-key and key policy"
                )
            case .arn(let arn, let source):
                guard let data = context.snapshot.keys[arn] else {
                    unknowns.append(
                        "key \(arn) (\(source)) is not in the snapshot; collect describe-key and get-key-policy in its account"
                    )
                    continue
                }
                if data.metadata.value?.keyMetadata.keyManager == "AWS" {
                    evidence.append(Evidence(arn, .string("AWS managed key")))
                    if centralized {
                        problems.append(
                            "\(source) is the AWS managed key \(arn), whose policy cannot grant other accounts")
                    }
                    continue
                }
                guard let text = data.policy.value?.policy else {
                    let why =
                        data.policy.error.map { "GetKeyPolicy failed with \($0.description)" }
                        ?? "its key policy is not in the snapshot"
                    unknowns.append("for key \(arn), \(why); collect it in the key's account")
                    continue
                }
                let policy: PolicyDocument
                do {
                    policy = try PolicyDocument(text: text)
                } catch {
                    unknowns.append("the policy of key \(arn) cannot be evaluated: \(error.description)")
                    continue
                }
                let requests = access.keyRequests(keyArn: arn)
                total += requests.count
                let report = ServiceAccessReport(requests: requests, policy: policy, scope: arn) {
                    $0.decision == .allowed
                }
                evidence += report.evidence
                outcomes += report.outcomes
                if report.hasRefusals {
                    problems.append("key \(arn): \(report.failureSummary)")
                    commands += Self.mergeCommands(
                        keyArn: arn, bucket: context.bucketName ?? "<bucket>", organizationId: organizationId)
                    denyAdvice += report.denyAdvice ?? ""
                }
                if !report.assumptions.isEmpty && !notes.contains(Self.identityNote) { notes.append(Self.identityNote) }
            }
        }
        notes.append("KMS grants are not in the snapshot; a grant could allow what the key policy does not.")
        if !problems.isEmpty {
            let fix = Remediation(
                (centralized
                    ? "Use a customer managed key and add the required statement to its key policy, keeping the key administrators' statements."
                    : "Let the account's IAM policies use the key (the account-root statement) or add the required statement.")
                    + denyAdvice,
                commands: commands)
            return result(
                .fail, Self.sentence(problems), evidence: evidence, notes: notes, remediation: fix, requests: outcomes)
        }
        if !unknowns.isEmpty {
            return result(.unknown, Self.sentence(unknowns), evidence: evidence, notes: notes)
        }
        let scope =
            centralized
            ? "the roles in accounts \(access.accounts.joined(separator: ", "))"
            : "the roles of account \(access.accounts.joined())"
        let counted = total > 0 ? " (\(total) requests)" : ""
        return result(
            .pass, "Every key policy lets \(scope) decrypt the trail's objects\(counted).", evidence: evidence,
            notes: notes)
    }

    /// The clauses joined into one sentence: capitalized, ending in exactly one period (a clause may end with the
    /// evaluator's reason, which has its own).
    private static func sentence(_ clauses: [String]) -> String {
        let text = clauses.joined(separator: "; ")
        return text.prefix(1).uppercased() + text.dropFirst() + (text.hasSuffix(".") ? "" : ".")
    }

    private static let identityNote = "The roles' own IAM policies must allow kms:Decrypt and kms:DescribeKey too."

    private static func mergeCommands(keyArn: String, bucket: String, organizationId: String?) -> [String] {
        let key = FixResource(kind: .key, name: keyArn, region: ARN.region(in: keyArn) ?? "us-east-1")
        let org = shellWord(organizationId ?? "<o-organization-id>")
        let put = FixAction.putKeyPolicy("")
        return [
            put.readCommand(on: key, into: "key-policy.json"),
            "trailgate policy merge --for key --existing key-policy.json --bucket \(shellWord(bucket)) --org-id \(org) > merged-key-policy.json",
            put.cliCommand(on: key, documentFile: "merged-key-policy.json"),
        ].compactMap { $0 }
    }
}

extension CheckID {
    public static let keyPolicyAccess = CheckID("kms.key-policy-access")
}
