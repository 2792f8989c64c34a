import IAMPolicy

/// Concrete requests from outside the organization that might slip through unbound Allow statements: anonymous
/// callers, roles in an account without organization and in another organization (named like the service's roles,
/// since anyone can name a role that way), and every principal the statements name, each listing and reading under
/// the trail's key space, through Athena and directly.
struct OutsideWitnesses {
    struct Witness {
        var description: String
        var request: AuthorizationRequest
    }

    let requests: [Witness]

    init(context: TrailContext, bucketArn: String, statements: [Statement]) {
        let owner = context.bucket?.ownerAccountId ?? context.trail.ownerAccountId
        var principals: [(RequestPrincipal, organization: String?)] = [(.anonymous, nil)]
        let roleName = "ams-access-outsider"
        for (account, organization) in [(OutsideAccessCheck.outsideAccount, nil as String?),
                                         (OutsideAccessCheck.otherOrganizationAccount, OutsideAccessCheck.otherOrganization)] {
            if let session = RequestPrincipal(parsing: "arn:aws:sts::\(account):assumed-role/\(roleName)/s") {
                principals.append((session, organization))
            }
        }
        for statement in statements {
            for value in statement.principal?.aws ?? [] {
                let text = value.count == 12 ? "arn:aws:iam::\(value):root" : value
                if let principal = RequestPrincipal(parsing: text.replacingOccurrences(of: ":root", with: ":role/\(roleName)")) {
                    principals.append((principal, nil))
                }
            }
        }
        let object = "\(bucketArn)/\(context.logKeyPrefix)\(OutsideAccessCheck.outsideAccount)/CloudTrail/us-east-1/2026/11/28/log.json.gz"
        var witnesses: [Witness] = []
        for (principal, organization) in principals {
            for calledVia in [true, false] {
                var base = RequestContext(["aws:SecureTransport": .single("true")])
                if calledVia { base["aws:CalledVia"] = .multiple(["athena.amazonaws.com"]) }
                if let organization { base["aws:PrincipalOrgID"] = .single(organization) }
                let via = calledVia ? " through Athena" : ""
                var list = base
                list["s3:prefix"] = .single(context.logKeyPrefix)
                witnesses.append(Witness(
                    description: "\(principal) listing \(bucketArn) under \(context.logKeyPrefix)\(via)",
                    request: AuthorizationRequest(principal: principal, action: "s3:ListBucket", resource: bucketArn,
                                                  resourceAccountId: owner, context: list)))
                for action in OutsideAccessCheck.readActions.dropFirst() {
                    witnesses.append(Witness(
                        description: "\(principal) calling \(action) on \(object)\(via)",
                        request: AuthorizationRequest(principal: principal, action: action, resource: object,
                                                      resourceAccountId: owner, context: base)))
                }
            }
        }
        requests = witnesses
    }
}
