/// Everything a check may look at for one trail: the snapshot, the trail's entry and the options.
public struct TrailContext: Sendable {
    public var snapshot: Snapshot
    public var entry: TrailEntry
    public var options: CheckOptions

    public init(snapshot: Snapshot, entry: TrailEntry, options: CheckOptions) {
        self.snapshot = snapshot
        self.entry = entry
        self.options = options
    }

    public var trail: Trail { entry.trail }

    /// The account the snapshot was collected in.
    public var callerAccountId: String? { snapshot.callerIdentity.value?.account }

    /// True when an organization trail is seen from a member account, where CloudTrail hides its details.
    public var isMemberAccountView: Bool {
        guard trail.isOrganizationTrail == true, let caller = callerAccountId, let owner = trail.ownerAccountId else {
            return false
        }
        return caller != owner
    }

    /// The delivery bucket's name.
    public var bucketName: String? { trail.s3BucketName }

    /// The delivery bucket's data, when the snapshot has it.
    public var bucket: BucketData? { bucketName.flatMap { snapshot.buckets[$0] } }

    /// Where the delivery bucket sits relative to the trail's account.
    public enum BucketPlacement: Sendable, Equatable {
        /// An organization trail, or a bucket owned by another account: roles in other accounts read it.
        case centralized(String)
        /// The bucket is in the trail's own account.
        case local(String)
        /// The snapshot cannot tell.
        case undecided(String)

        public var isCentralized: Bool {
            if case .centralized = self { return true }
            return false
        }
    }

    /// Whether the bucket is centralized, with the reason in words.
    public var bucketPlacement: BucketPlacement {
        if trail.isOrganizationTrail == true {
            return .centralized("it is an organization trail")
        }
        let trailOwner = trail.ownerAccountId ?? "?"
        if let owner = bucket?.ownerAccountId {
            return owner == trailOwner
                ? .local("bucket owner \(owner) is the trail's account")
                : .centralized("bucket is owned by account \(owner), the trail by \(trailOwner)")
        }
        if bucket == nil {
            return .undecided("bucket \(bucketName ?? "?") is not in the snapshot, so its owner is unknown")
        }
        return .local("bucket owner not recorded (ownerAccountId); assumed to be the trail's account \(trailOwner)")
    }

    /// The organization id the policies must name: `--org-id`, else the organization found.
    public var organizationId: String? { options.expectedOrganizationId ?? organization?.id }

    /// The organization found in the snapshot, when `describe-organization` succeeded.
    public var organization: Organization? { snapshot.organization.value?.organization }

    /// The key space the trail writes to: `<S3KeyPrefix>/AWSLogs/`, plus `o-<org-id>/` for an organization trail
    /// whose organization is known.
    public var logKeyPrefix: String {
        var prefix = (trail.s3KeyPrefix.map { $0.isEmpty ? "" : $0 + "/" } ?? "") + "AWSLogs/"
        if trail.isOrganizationTrail == true, let orgId = options.expectedOrganizationId ?? organization?.id {
            prefix += orgId + "/"
        }
        return prefix
    }

    /// The trail as the resource remediation commands change: its ARN, in its home Region.
    var trailResource: FixResource {
        FixResource(kind: .trail, name: trail.trailARN, region: trail.region ?? "us-east-1")
    }

    /// The delivery bucket as the resource remediation commands change: its name, in its Region (the trail's
    /// home Region when the snapshot does not record it); nil when the trail names no bucket.
    var bucketResource: FixResource? {
        guard let name = bucketName else { return nil }
        let region = bucket?.location.value?.region ?? trail.region ?? "us-east-1"
        return FixResource(kind: .bucket, name: name, region: region)
    }

    /// The command of `action` on the delivery bucket, from the one command builder; none without a bucket.
    func bucketCommands(_ action: FixAction) -> [String] {
        bucketResource.map { [action.cliCommand(on: $0)] } ?? []
    }

    /// `--name <ARN> --region <home>` for CloudTrail commands.
    var trailCommandArguments: String {
        "--name \(shellWord(trailResource.name)) --region \(shellWord(trailResource.region))"
    }

    /// Why a trail-level call's answer is missing, and where it can be decided instead.
    func trailDataUnavailable(call: String, error: AWSErrorInfo?) -> String {
        let what = error.map { "\(call) failed with \($0.description)" } ?? "\(call) is not in the snapshot"
        if isMemberAccountView, let owner = trail.ownerAccountId {
            return "\(what). This is an organization trail seen from member account \(callerAccountId ?? "?"): "
                + "decide it from the management account \(owner) (or a delegated administrator)."
        }
        if let error, error.isAccessDenied {
            return "\(what). Grant the caller cloudtrail:\(call) or collect the snapshot with a role that has it."
        }
        let region = trail.region.map { " in \($0)" } ?? ""
        return "\(what). Collect it\(region) with the trail's ARN."
    }

    /// Why a bucket-level call's answer is missing, and where it can be decided instead.
    func bucketDataUnavailable(call: String, permission: String, error: AWSErrorInfo?) -> String {
        let name = bucketName ?? "?"
        let what: String
        if let error {
            what = "\(call) on \(name) failed with \(error.description)"
        } else if bucket == nil {
            what = "Bucket \(name) is not in the snapshot"
        } else {
            what = "\(call) on \(name) is not in the snapshot"
        }
        if let owner = bucket?.ownerAccountId, let caller = callerAccountId, owner != caller {
            return "\(what). Decide it from the bucket owner's account \(owner)."
        }
        if bucket == nil || error?.isAccessDenied == true {
            return "\(what). If the bucket is in another account (centralized logging), collect from that account. "
                + "Otherwise grant the caller s3:\(permission)."
        }
        return what + "."
    }
}
