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

    /// A session of `roleArn` in `account` as Athena uses it, and its identity context.
    private func caller(account: String, roleArn: String) -> (RequestPrincipal, RequestContext)? {
        let roleName = roleArn.split(separator: "/").last.map(String.init) ?? "role"
        guard let principal = RequestPrincipal(parsing: "arn:aws:sts::\(account):assumed-role/\(roleName)/athena-query")
        else { return nil }
        var context = RequestContext([
            "aws:PrincipalArn": .single(roleArn),
            "aws:PrincipalAccount": .single(account),
            "aws:SecureTransport": .single("true"),
            "aws:CalledVia": .multiple(["athena.amazonaws.com"]),
        ])
        context["aws:PrincipalOrgID"] = organizationId.map(RequestContext.Value.single)
        return (principal, context)
    }

    /// The four configuration reads, `s3:ListBucket` under the key space and `s3:GetObject` on a log object.
    func bucketRequests(bucket: String, ownerAccount: String?, account: String, roleArn: String) -> [NamedRequest] {
        guard let (principal, base) = caller(account: account, roleArn: roleArn) else { return [] }
        let bucketArn = "arn:aws:s3:::\(bucket)"
        var requests = [
            "s3:GetBucketLogging", "s3:GetBucketObjectLockConfiguration", "s3:GetLifecycleConfiguration",
            "s3:GetEncryptionConfiguration",
        ].map { action in
            NamedRequest(
                description: "\(action) on \(bucketArn) by a role in \(account)",
                request: AuthorizationRequest(
                    principal: principal, action: action, resource: bucketArn,
                    resourceAccountId: ownerAccount, context: base), account: account)
        }
        var list = base
        let prefix = logKeyPrefix + "\(account)/CloudTrail/"
        list["s3:prefix"] = .single(prefix)
        requests.append(
            NamedRequest(
                description: "s3:ListBucket on \(bucketArn) with prefix \(prefix) by a role in \(account)",
                request: AuthorizationRequest(
                    principal: principal, action: "s3:ListBucket", resource: bucketArn,
                    resourceAccountId: ownerAccount, context: list), account: account))
        let object =
            "\(bucketArn)/\(logKeyPrefix)\(account)/CloudTrail/\(region)/2026/11/28/"
            + "\(account)_CloudTrail_\(region)_20261128T1000Z_trailgate.json.gz"
        requests.append(
            NamedRequest(
                description: "s3:GetObject on \(object) by a role in \(account)",
                request: AuthorizationRequest(
                    principal: principal, action: "s3:GetObject", resource: object,
                    resourceAccountId: ownerAccount, context: base), account: account))
        return requests
    }

    /// `kms:Decrypt` and `kms:DescribeKey` on `keyArn`, as S3 makes them on the role's behalf for Athena.
    func keyRequests(keyArn: String, account: String, roleArn: String, trailArn: String?) -> [NamedRequest] {
        guard let (principal, base) = caller(account: account, roleArn: roleArn) else { return [] }
        var context = base
        context["aws:CalledVia"] = .multiple(["athena.amazonaws.com", "s3.amazonaws.com"])
        context["kms:ViaService"] = .single("s3.\(region).amazonaws.com")
        context["kms:CallerAccount"] = .single(account)
        context["kms:EncryptionContext:aws:cloudtrail:arn"] = trailArn.map(RequestContext.Value.single)
        return ["kms:Decrypt", "kms:DescribeKey"].map { action in
            NamedRequest(
                description: "\(action) on \(keyArn) by a role in \(account)",
                request: AuthorizationRequest(principal: principal, action: action, resource: keyArn, context: context),
                account: account)
        }
    }
}
