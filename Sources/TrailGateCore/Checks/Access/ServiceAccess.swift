import IAMPolicy

/// The requests the managed-operations service makes through Athena, for a representative `ams-access-*` role in
/// each account in scope, and how a policy answers them.
struct ServiceAccess {
    /// The role name used for the representative role in every account.
    static let roleName = "ams-access-trailgate-check"
    /// An account that stands for "any other member account of the organization".
    static let otherMemberAccount = "000011112222"

    let context: TrailContext
    /// The organization of the roles; nil when the account is in none.
    let organizationId: String?
    /// The accounts whose representative roles make the requests.
    let accounts: [String]

    /// With a centralized bucket the roles sit in every member account: the trail's, the bucket owner's and any
    /// other (represented by one); otherwise they sit in the trail's own account.
    init(context: TrailContext, organizationId: String?) {
        self.context = context
        self.organizationId = organizationId
        var accounts: [String] = []
        let candidates = context.bucketPlacement.isCentralized
            ? [context.trail.ownerAccountId, context.bucket?.ownerAccountId, Self.otherMemberAccount]
            : [context.trail.ownerAccountId]
        for account in candidates.compactMap({ $0 }) where !accounts.contains(account) {
            accounts.append(account)
        }
        self.accounts = accounts
    }

    /// A session of `arn:aws:iam::<account>:role/ams-access-trailgate-check`, as Athena uses it.
    func principal(in account: String) -> RequestPrincipal? {
        RequestPrincipal(parsing: "arn:aws:sts::\(account):assumed-role/\(Self.roleName)/athena-query")
    }

    /// The identity keys of the representative role in `account`, called through Athena over TLS.
    func baseContext(account: String) -> RequestContext {
        var context = RequestContext([
            "aws:PrincipalArn": .single("arn:aws:iam::\(account):role/\(Self.roleName)"),
            "aws:PrincipalAccount": .single(account),
            "aws:SecureTransport": .single("true"),
            "aws:CalledVia": .multiple(["athena.amazonaws.com"]),
        ])
        context["aws:PrincipalOrgID"] = organizationId.map(RequestContext.Value.single)
        return context
    }

    /// A log object key under the trail's key space.
    func logObjectKey(account: String) -> String {
        let region = context.trail.region ?? "us-east-1"
        return context.logKeyPrefix + "\(account)/CloudTrail/\(region)/2026/11/28/\(account)_CloudTrail_\(region)_20261128T1000Z_trailgate.json.gz"
    }

    /// One request with a name the report can show.
    struct NamedRequest {
        var description: String
        var request: AuthorizationRequest
    }

    /// The bucket requests: the four configuration reads, ListBucket under the key space, GetObject on a log object.
    func bucketRequests(bucket: String, ownerAccount: String) -> [NamedRequest] {
        accounts.flatMap { account -> [NamedRequest] in
            guard let principal = principal(in: account) else { return [] }
            let base = baseContext(account: account)
            let bucketArn = "arn:aws:s3:::\(bucket)"
            var requests = ["s3:GetBucketLogging", "s3:GetBucketObjectLockConfiguration", "s3:GetLifecycleConfiguration",
                            "s3:GetEncryptionConfiguration"].map { action in
                NamedRequest(description: "\(action) on \(bucketArn) by a role in \(account)",
                             request: AuthorizationRequest(principal: principal, action: action, resource: bucketArn,
                                                           resourceAccountId: ownerAccount, context: base))
            }
            var list = base
            let prefix = context.logKeyPrefix + "\(account)/CloudTrail/"
            list["s3:prefix"] = .single(prefix)
            requests.append(NamedRequest(
                description: "s3:ListBucket on \(bucketArn) with prefix \(prefix) by a role in \(account)",
                request: AuthorizationRequest(principal: principal, action: "s3:ListBucket", resource: bucketArn,
                                              resourceAccountId: ownerAccount, context: list)))
            let object = "\(bucketArn)/\(logObjectKey(account: account))"
            requests.append(NamedRequest(
                description: "s3:GetObject on \(object) by a role in \(account)",
                request: AuthorizationRequest(principal: principal, action: "s3:GetObject", resource: object,
                                              resourceAccountId: ownerAccount, context: base)))
            return requests
        }
    }

    /// The key requests: `kms:Decrypt` and `kms:DescribeKey` on `keyArn`, as S3 makes them on the role's behalf.
    func keyRequests(keyArn: String) -> [NamedRequest] {
        let region = keyArn.split(separator: ":", omittingEmptySubsequences: false).dropFirst(3).first.map(String.init)
            ?? context.trail.region ?? "us-east-1"
        return accounts.flatMap { account -> [NamedRequest] in
            guard let principal = principal(in: account) else { return [] }
            var keyContext = baseContext(account: account)
            keyContext["aws:CalledVia"] = .multiple(["athena.amazonaws.com", "s3.amazonaws.com"])
            keyContext["kms:ViaService"] = .single("s3.\(region).amazonaws.com")
            keyContext["kms:CallerAccount"] = .single(account)
            keyContext["kms:EncryptionContext:aws:cloudtrail:arn"] = .single(context.trail.trailARN)
            return ["kms:Decrypt", "kms:DescribeKey"].map { action in
                NamedRequest(description: "\(action) on \(keyArn) by a role in \(account)",
                             request: AuthorizationRequest(principal: principal, action: action, resource: keyArn,
                                                           context: keyContext))
            }
        }
    }
}
