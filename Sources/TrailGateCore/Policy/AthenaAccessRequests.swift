import IAMPolicy

/// The requests a role makes when it queries CloudTrail logs through Athena: the bucket configuration reads,
/// listing and reading log objects, and decrypting them through S3, with the request context AWS sets for them
/// (no `aws:SourceIp`, `aws:SourceVpc` or `aws:SourceVpce`: Athena calls from AWS's network).
struct AthenaAccessRequests {
    /// One request with a name a report can show.
    struct NamedRequest {
        var description: String
        var request: AuthorizationRequest
        /// The account of the role that makes the request.
        var account: String
    }

    /// The organization of the role's account; nil when it is in none.
    let organizationId: String?
    /// The trail's key space: `<prefix>/AWSLogs/` (plus `o-…/` for an organization trail).
    let logKeyPrefix: String
    /// The Region of the log objects and of S3's calls to KMS.
    let region: String

    /// A session of `roleArn` in `account` and its identity context; `throughAthena` adds `aws:CalledVia`
    /// athena.amazonaws.com, as Athena's requests carry it.
    private func caller(account: String, roleArn: String, session: String, throughAthena: Bool)
        -> (RequestPrincipal, RequestContext)?
    {
        let roleName = roleArn.split(separator: "/").last.map(String.init) ?? "role"
        guard let principal = RequestPrincipal(parsing: "arn:aws:sts::\(account):assumed-role/\(roleName)/\(session)")
        else { return nil }
        var context = RequestContext([
            "aws:PrincipalArn": .single(roleArn),
            "aws:PrincipalAccount": .single(account),
            "aws:SecureTransport": .single("true"),
        ])
        context["aws:CalledVia"] = throughAthena ? .multiple(["athena.amazonaws.com"]) : nil
        context["aws:PrincipalOrgID"] = organizationId.map(RequestContext.Value.single)
        return (principal, context)
    }

    /// One S3 request of a session of `roleArn` in `account` on `resource` (a bucket or object ARN), with
    /// `s3:prefix` when it lists; through Athena, or made directly by the role when `throughAthena` is false.
    func bucketRequest(
        action: String, resource: String, listPrefix: String? = nil, ownerAccount: String?, account: String,
        roleArn: String, session: String = "athena-query", throughAthena: Bool = true
    ) -> AuthorizationRequest? {
        guard
            let (principal, base) = caller(
                account: account, roleArn: roleArn, session: session, throughAthena: throughAthena)
        else { return nil }
        var context = base
        context["s3:prefix"] = listPrefix.map(RequestContext.Value.single)
        return AuthorizationRequest(
            principal: principal, action: action, resource: resource, resourceAccountId: ownerAccount,
            context: context)
    }

    /// One KMS request on `keyArn` as S3 makes it on behalf of a session of `roleArn` in `account` (for Athena
    /// unless `throughAthena` is false), reading an object CloudTrail encrypted for `trailArn`.
    func keyRequest(
        action: String, keyArn: String, account: String, roleArn: String, trailArn: String?,
        session: String = "athena-query", throughAthena: Bool = true
    ) -> AuthorizationRequest? {
        guard
            let (principal, base) = caller(
                account: account, roleArn: roleArn, session: session, throughAthena: throughAthena)
        else { return nil }
        var context = base
        context["aws:CalledVia"] = .multiple((throughAthena ? ["athena.amazonaws.com"] : []) + ["s3.amazonaws.com"])
        context["kms:ViaService"] = .single("s3.\(region).amazonaws.com")
        context["kms:CallerAccount"] = .single(account)
        context["kms:EncryptionContext:aws:cloudtrail:arn"] = trailArn.map(RequestContext.Value.single)
        return AuthorizationRequest(principal: principal, action: action, resource: keyArn, context: context)
    }

    /// The four configuration reads, `s3:ListBucket` under the key space and `s3:GetObject` on a log object.
    func bucketRequests(bucket: String, ownerAccount: String?, account: String, roleArn: String) -> [NamedRequest] {
        let bucketArn = "arn:aws:s3:::\(bucket)"
        let prefix = logKeyPrefix + "\(account)/CloudTrail/"
        let object =
            "\(bucketArn)/\(logKeyPrefix)\(account)/CloudTrail/\(region)/2026/11/28/"
            + "\(account)_CloudTrail_\(region)_20261128T1000Z_trailgate.json.gz"
        let reads: [(description: String, action: String, resource: String, listPrefix: String?)] =
            [
                "s3:GetBucketLogging", "s3:GetBucketObjectLockConfiguration", "s3:GetLifecycleConfiguration",
                "s3:GetEncryptionConfiguration",
            ].map { ("\($0) on \(bucketArn)", $0, bucketArn, nil) } + [
                ("s3:ListBucket on \(bucketArn) with prefix \(prefix)", "s3:ListBucket", bucketArn, prefix),
                ("s3:GetObject on \(object)", "s3:GetObject", object, nil),
            ]
        return reads.compactMap { read in
            bucketRequest(
                action: read.action, resource: read.resource, listPrefix: read.listPrefix, ownerAccount: ownerAccount,
                account: account, roleArn: roleArn
            ).map {
                NamedRequest(description: "\(read.description) by a role in \(account)", request: $0, account: account)
            }
        }
    }

    /// `kms:Decrypt` and `kms:DescribeKey` on `keyArn`, as S3 makes them on the role's behalf for Athena.
    func keyRequests(keyArn: String, account: String, roleArn: String, trailArn: String?) -> [NamedRequest] {
        ["kms:Decrypt", "kms:DescribeKey"].compactMap { action in
            keyRequest(action: action, keyArn: keyArn, account: account, roleArn: roleArn, trailArn: trailArn).map {
                NamedRequest(
                    description: "\(action) on \(keyArn) by a role in \(account)", request: $0, account: account)
            }
        }
    }
}
