import IAMPolicy
import OrderedJSON
import TrailGateBasics

extension FixContext {
    /// The required statements for this trail's bucket, organization and prefix.
    private enum Required {
        case statements(RequiredStatements)
        case unavailable(String)
    }

    private func requiredStatements() -> Required {
        guard let bucket = context.bucketName else { return .unavailable("the trail names no bucket") }
        guard let organizationId = context.organizationId else {
            return .unavailable("the organization id is unknown; pass --org-id")
        }
        do {
            return .statements(
                RequiredStatements(
                    try PolicyInputs(
                        bucket: bucket, organizationId: organizationId,
                        prefix: context.trail.s3KeyPrefix)))
        } catch {
            return .unavailable(error.description)
        }
    }

    /// `PutBucketPolicy` with the required statements merged into the current policy, every statement kept.
    fileprivate func bucketPolicy(_ result: CheckResult) -> FixOutcome {
        guard let bucket = self.bucketResource else { return .nothing }
        let required: RequiredStatements
        switch requiredStatements() {
        case .statements(let statements): required = statements
        case .unavailable(let why):
            return .manual(ManualStep(checkId: result.id, summary: "Cannot compute the bucket policy: \(why)."))
        }
        switch BucketPolicyRead(context) {
        case .undecidable(let why):
            return .manual(ManualStep(checkId: result.id, summary: why))
        case .none:
            let policy = required.document(for: .bucket)
            return .change(
                PlannedChange(
                    resource: bucket, action: .putBucketPolicy(policy.serialized()), checkIds: [result.id],
                    summary: "Give the bucket a policy with the required statements; it has none.", before: nil,
                    after: policy,
                    notes: [
                        "A bucket without a policy cannot receive CloudTrail's log files: add CloudTrail's delivery statements too "
                            + "(AWSCloudTrailAclCheck, AWSCloudTrailWrite)."
                    ]))
        case .policy(let existing):
            return merged(
                required.statements(for: .bucket), into: existing, kind: .bucket, resource: bucket, checkId: result.id)
        }
    }

    /// A `PutKeyPolicy` for every customer managed key whose policy lacks the required statement; manual steps for
    /// keys that cannot be changed or would lock their administrators out.
    fileprivate func keyPolicies(_ result: CheckResult) -> FixOutcome {
        let required: RequiredStatements
        switch requiredStatements() {
        case .statements(let statements): required = statements
        case .unavailable(let why):
            return .manual(ManualStep(checkId: result.id, summary: "Cannot compute the key policy: \(why)."))
        }
        var changes: [PlannedChange] = []
        var manual: [ManualStep] = []
        for reference in KeyPolicyAccessCheck().keys(context) {
            switch reference {
            case .awsManagedS3:
                manual.append(
                    ManualStep(
                        checkId: result.id,
                        summary:
                            "The bucket encrypts with the AWS managed key aws/s3, whose policy cannot be changed: create a customer managed key "
                            + "with the required statement and make it the bucket's default encryption key."))
            case .unresolved(let key, let source):
                manual.append(
                    ManualStep(
                        checkId: result.id,
                        summary:
                            "\(source) names \(key), which the snapshot does not resolve; collect it and plan again."))
            case .arn(let arn, _):
                guard let data = context.snapshot.keys[arn] else {
                    manual.append(
                        ManualStep(
                            checkId: result.id,
                            summary: "Key \(arn) is not in the snapshot; plan from the key's account."))
                    continue
                }
                if data.metadata.value?.keyMetadata.keyManager == "AWS" {
                    manual.append(
                        ManualStep(
                            checkId: result.id,
                            summary:
                                "Key \(arn) is AWS managed, so its policy cannot grant other accounts: switch to a customer managed key."
                        ))
                    continue
                }
                guard let text = data.policy.value?.policy,
                    let existing = try? PolicyMerge.parseExisting(Array(text.utf8))
                else {
                    manual.append(
                        ManualStep(
                            checkId: result.id,
                            summary: "The policy of key \(arn) is not in the snapshot or cannot be read."))
                    continue
                }
                let region = ARN.region(in: arn) ?? "us-east-1"
                let resource = FixResource(kind: .key, name: arn, region: region)
                let outcome = merged(
                    required.statements(for: .key), into: existing, kind: .key, resource: resource,
                    checkId: result.id)
                manual += outcome.manualSteps
                for change in outcome.changes {
                    if let lockedOut = KeyAdministration(keyArn: arn, callerArn: options.callerArn).lockedOut(
                        before: existing.json, after: change.after)
                    {
                        manual.append(
                            ManualStep(
                                checkId: result.id, summary: "Refusing to change the policy of key \(arn): \(lockedOut)"
                            ))
                    } else {
                        changes.append(change)
                    }
                }
            }
        }
        return FixOutcome(changes: changes, manualSteps: manual)
    }

    private func merged(
        _ statements: [JSONValue], into existing: PolicyDocument, kind: PolicyKind, resource: FixResource,
        checkId: CheckID
    ) -> FixOutcome {
        let result: PolicyMergeResult
        do {
            result = try PolicyMerge.merge(statements, into: existing, kind: kind)
        } catch {
            return .manual(
                ManualStep(
                    checkId: checkId,
                    summary:
                        "Cannot merge the required statements into the \(kind.displayName) of \(resource.name): \(error.description)."
                ))
        }
        guard !result.changes.isEmpty else { return .nothing }
        let action: FixAction =
            kind == .bucket ? .putBucketPolicy(result.policy.serialized()) : .putKeyPolicy(result.policy.serialized())
        let count = existing.statements.count
        return .change(
            PlannedChange(
                resource: resource, action: action, checkIds: [checkId],
                summary: "Merge the required statements into the \(kind.displayName) ("
                    + result.changes.map(\.description).joined(separator: "; ")
                    + "); the \(count) existing \(count == 1 ? "statement stays" : "statements stay") as written.",
                before: existing.json, after: result.policy))
    }
}

extension BucketPolicyAccessCheck: FixableCheck {
    func fix(_ result: CheckResult, in fix: FixContext) -> FixOutcome { fix.bucketPolicy(result) }
}

extension KeyPolicyAccessCheck: FixableCheck {
    func fix(_ result: CheckResult, in fix: FixContext) -> FixOutcome { fix.keyPolicies(result) }
}
