import IAMPolicy
import OrderedJSON

/// What server access logging from the trail bucket needs on the bucket the logs go to, and the bucket-policy
/// change that grants it, as the S3 console makes it when it turns logging on: one statement that lets the logging
/// service put objects under the trail bucket's prefix, for that bucket and its account only.
///
/// Pure: the target's facts (Region, owner, Object Lock, policy, ACL) come from the snapshot's `buckets`.
struct AccessLogDelivery {
    /// The Sid of the statement TrailGate adds, in the style of the required statements' Sids.
    static let sid = "DONOTDELETE-AMS-ALLOWS3SERVERACCESSLOGS"
    /// The principal S3 delivers server access logs as.
    static let servicePrincipal = "logging.s3.amazonaws.com"
    /// The ACL group S3 delivers server access logs as, for buckets with ACLs enabled.
    static let logDeliveryGroup = "http://acs.amazonaws.com/groups/s3/LogDelivery"

    /// The trail bucket, whose access is logged.
    let source: String
    /// The account that owns the trail bucket.
    let sourceAccount: String
    /// The trail bucket's Region.
    let sourceRegion: String
    /// The bucket the logs go to.
    let target: String
    /// The key prefix of the logs in the target.
    let prefix: String

    /// The statement that lets the logging service deliver the trail bucket's logs under ``prefix``.
    var statement: JSONValue {
        [
            "Sid": .string(Self.sid),
            "Effect": "Allow",
            "Principal": ["Service": .string(Self.servicePrincipal)],
            "Action": "s3:PutObject",
            "Resource": .string("arn:aws:s3:::\(target)/\(prefix)*"),
            "Condition": [
                "ArnLike": ["aws:SourceArn": .string("arn:aws:s3:::\(source)")],
                "StringEquals": ["aws:SourceAccount": .string(sourceAccount)],
            ],
        ]
    }

    /// What the target needs.
    enum Need: Equatable {
        /// The target already lets the logging service deliver; the string says how.
        case granted(String)
        /// The target's policy, `before` (null when it has none), becomes `after`.
        case policy(before: JSONValue, after: JSONValue, changes: [PolicyChange])
        /// A precondition fails; the sentence says which and what to do.
        case blocked(String)
    }

    /// Checks every precondition S3 and TrailGate have for `data`, the target's facts, then decides whether its
    /// policy needs the statement. `callerArn`, when known, must not be denied `s3:PutBucketPolicy` by the policy.
    func need(_ data: BucketData?, callerArn: String?) -> Need {
        if target == source {
            return .blocked(
                "The access-log bucket must not be the trail bucket \(target) itself (each log delivery would log "
                    + "again); name another bucket.")
        }
        guard let data else {
            return .blocked(
                "The access-log bucket \(target) is not in the snapshot, so whether it can receive the logs is "
                    + "unknown: plan against the live account, or add the bucket to the snapshot's buckets.")
        }
        if let blocked = placement(data) ?? objectLock(data) { return .blocked(blocked) }
        switch policy(data) {
        case .unusable(let why):
            return .blocked(why)
        case .absent:
            if let how = grantedByACL(data) { return .granted(how) }
            let policy: JSONValue = ["Version": .string(RequiredStatements.policyVersion), "Statement": [statement]]
            return .policy(before: nil, after: policy, changes: [.added(sid: Self.sid)])
        case .document(let existing):
            if let how = grantedByPolicy(existing) ?? grantedByACL(data) { return .granted(how) }
            if let denied = callerDenied(existing, callerArn: callerArn) { return .blocked(denied) }
            return merged(into: existing)
        }
    }

    /// The target's policy as the merge needs it.
    private enum TargetPolicy {
        /// The bucket has no policy.
        case absent
        case document(PolicyDocument)
        /// The policy cannot be read or merged into; the sentence says why.
        case unusable(String)
    }

    /// Same Region and same account as the trail bucket, as S3 requires of a log target.
    private func placement(_ data: BucketData) -> String? {
        switch data.location {
        case .error(let error) where error.code == "NoSuchBucket":
            return "The access-log bucket \(target) does not exist: create it in \(sourceRegion) in account "
                + "\(sourceAccount) (S3 delivers server access logs only within one Region and account), or name "
                + "another with --access-log-bucket."
        case .error(let error):
            return "Cannot read the Region of the access-log bucket \(target) (GetBucketLocation failed with "
                + "\(error.description)): grant the caller s3:GetBucketLocation on it."
        case .absent:
            return "The Region of the access-log bucket \(target) is not in the snapshot (location)."
        case .value(let location) where location.region != sourceRegion:
            return "The access-log bucket \(target) is in \(location.region), the trail bucket \(source) in "
                + "\(sourceRegion): S3 delivers server access logs only to a bucket in the same Region; name one in "
                + "\(sourceRegion)."
        case .value:
            break
        }
        guard data.ownerAccountId == sourceAccount else {
            return "The access-log bucket \(target) is not among the buckets of account \(sourceAccount), which "
                + "owns the trail bucket \(source): S3 delivers server access logs only to a bucket of the same "
                + "account; name one of its buckets."
        }
        return nil
    }

    /// No default Object Lock retention, which S3 does not allow on a log target.
    private func objectLock(_ data: BucketData) -> String? {
        switch data.objectLock {
        case .value(let configuration):
            guard let retention = configuration.defaultRetention else { return nil }
            return "The access-log bucket \(target) retains new objects by default (Object Lock \(retention)), "
                + "which S3 does not allow for a server access log target: remove the default retention or name "
                + "another bucket."
        case .error(let error) where error.code == "ObjectLockConfigurationNotFoundError":
            return nil
        case .error(let error):
            return "Cannot read the Object Lock configuration of the access-log bucket \(target) "
                + "(GetObjectLockConfiguration failed with \(error.description)): grant the caller "
                + "s3:GetBucketObjectLockConfiguration on it."
        case .absent:
            return "The Object Lock configuration of the access-log bucket \(target) is not in the snapshot "
                + "(objectLock)."
        }
    }

    private func policy(_ data: BucketData) -> TargetPolicy {
        switch data.policy {
        case .error(let error) where error.code == "NoSuchBucketPolicy":
            return .absent
        case .error(let error):
            return .unusable(
                "Cannot read the policy of the access-log bucket \(target) (GetBucketPolicy failed with "
                    + "\(error.description)): grant the caller s3:GetBucketPolicy and s3:PutBucketPolicy on it.")
        case .absent:
            return .unusable("The policy of the access-log bucket \(target) is not in the snapshot (policy).")
        case .value(let response):
            do {
                return .document(try PolicyMerge.parseExisting(Array(response.policy.utf8)))
            } catch {
                return .unusable(
                    "The policy of the access-log bucket \(target) cannot be merged into: \(error.description).")
            }
        }
    }

    /// How `policy` already lets the logging service deliver the trail bucket's logs, if it does.
    private func grantedByPolicy(_ policy: PolicyDocument) -> String? {
        let evaluation = deliveryEvaluation(policy)
        guard evaluation.grantedByResourcePolicy else { return nil }
        let statement = evaluation.allowedBy.map { allow in allow.sid.map { "\"\($0)\"" } ?? "[\(allow.index)]" }
        return "the policy of \(target) already lets \(Self.servicePrincipal) s3:PutObject under \(prefix)"
            + (statement.map { " (statement \($0))" } ?? "")
    }

    /// The logging service's delivery of one log object, as S3 makes it, decided against `policy`.
    private func deliveryEvaluation(_ policy: PolicyDocument) -> Evaluation {
        let request = AuthorizationRequest(
            principal: RequestPrincipal(parsing: Self.servicePrincipal) ?? .anonymous, action: "s3:PutObject",
            resource: "arn:aws:s3:::\(target)/\(prefix)2026-11-28-10-00-00-0123456789ABCDEF",
            resourceAccountId: sourceAccount,
            context: RequestContext([
                "aws:SourceArn": .single("arn:aws:s3:::\(source)"), "aws:SourceAccount": .single(sourceAccount),
            ]))
        return PolicyEvaluator().evaluate(request, policies: PolicySet(identityPolicies: nil, resourcePolicy: policy))
    }

    /// Why the caller cannot write `policy`, when the policy itself denies it `s3:PutBucketPolicy`.
    private func callerDenied(_ policy: PolicyDocument, callerArn: String?) -> String? {
        guard let callerArn, let principal = RequestPrincipal(parsing: callerArn) else { return nil }
        let request = AuthorizationRequest(
            principal: principal, action: "s3:PutBucketPolicy", resource: "arn:aws:s3:::\(target)",
            resourceAccountId: sourceAccount)
        let evaluation = PolicyEvaluator().evaluate(
            request, policies: PolicySet(identityPolicies: nil, resourcePolicy: policy))
        guard evaluation.decision == .explicitDeny else { return nil }
        return "The policy of the access-log bucket \(target) denies \(callerArn) s3:PutBucketPolicy "
            + "(\(evaluation.reason)): run fix as a principal that may change it, or add statement \"\(Self.sid)\" "
            + "by hand."
    }

    /// How the ACL lets the log-delivery group deliver, when the bucket has ACLs enabled and the group WRITE and
    /// READ_ACP (or FULL_CONTROL), as S3 asks of a target without a policy grant.
    private func grantedByACL(_ data: BucketData) -> String? {
        let aclsEnabled: Bool
        switch data.ownershipControls {
        case .value(let controls): aclsEnabled = !controls.objectOwnership.contains("BucketOwnerEnforced")
        case .error(let error): aclsEnabled = error.code == "OwnershipControlsNotFoundError"
        case .absent: aclsEnabled = false
        }
        guard aclsEnabled else { return nil }
        let permissions = Set(
            (data.acl.value?["Grants"]?.arrayValue ?? [])
                .filter { $0["Grantee"]?["URI"]?.stringValue == Self.logDeliveryGroup }
                .compactMap { $0["Permission"]?.stringValue })
        let write = permissions.contains("WRITE") || permissions.contains("FULL_CONTROL")
        let readACP = permissions.contains("READ_ACP") || permissions.contains("FULL_CONTROL")
        guard write && readACP else { return nil }
        return "the ACL of \(target) grants the log-delivery group WRITE and READ_ACP"
    }

    /// The statement merged into `existing`, every statement kept, checked to grant the delivery then.
    private func merged(into existing: PolicyDocument) -> Need {
        if let taken = existing.statements.first(where: { $0.sid == Self.sid }) {
            return .blocked(
                "The policy of the access-log bucket \(target) has a statement \"\(Self.sid)\" "
                    + "(Statement[\(taken.index)]) that does not let \(source)'s logs in (it may serve another "
                    + "bucket): add a statement for \(source) by hand.")
        }
        let result: PolicyMergeResult
        let merged: PolicyDocument
        do {
            result = try PolicyMerge.merge([statement], into: existing, kind: .bucket)
            merged = try PolicyDocument(json: result.policy)
        } catch {
            return .blocked(
                "Cannot add the log-delivery statement to the policy of the access-log bucket \(target): "
                    + "\(error).")
        }
        let evaluation = deliveryEvaluation(merged)
        guard evaluation.grantedByResourcePolicy else {
            return .blocked(
                "The policy of the access-log bucket \(target) keeps \(Self.servicePrincipal) from delivering "
                    + "even with statement \"\(Self.sid)\" (\(evaluation.reason)): change that policy by hand.")
        }
        return .policy(before: existing.json, after: result.policy, changes: result.changes)
    }
}
