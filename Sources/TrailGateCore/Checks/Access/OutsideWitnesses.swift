import IAMPolicy

/// Concrete requests from outside the organization that might slip through unbound Allow statements: anonymous
/// callers, roles in an account without organization, in another organization and in every other organization the
/// statements' `aws:PrincipalOrgID` conditions name (named like the service's roles, since anyone can name a role
/// that way), and every principal the statements name, each listing and reading under the trail's key space,
/// through Athena and directly.
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
        var organizations = [OutsideAccessCheck.otherOrganization]
        for statement in statements {
            for condition in statement.conditions
            where condition.key.lowercased() == "aws:principalorgid" && !condition.conditionOperator.base.isNegated {
                for value in condition.values where value != context.organizationId && !organizations.contains(value) {
                    organizations.append(value)
                }
            }
        }
        let outsiders =
            [(OutsideAccessCheck.outsideAccount, nil as String?)]
            + organizations.map { (OutsideAccessCheck.otherOrganizationAccount, $0 as String?) }
        for (account, organization) in outsiders {
            if let session = RequestPrincipal(parsing: "arn:aws:sts::\(account):assumed-role/\(roleName)/s") {
                principals.append((session, organization))
            }
        }
        for statement in statements {
            for value in statement.principal?.aws ?? [] {
                let text = value.count == 12 ? "arn:aws:iam::\(value):root" : value
                if let principal = RequestPrincipal(
                    parsing: text.replacingOccurrences(of: ":root", with: ":role/\(roleName)"))
                {
                    principals.append((principal, nil))
                }
            }
        }
        let object =
            "\(bucketArn)/\(context.logKeyPrefix)\(OutsideAccessCheck.outsideAccount)/CloudTrail/us-east-1/2026/11/28/log.json.gz"
        var witnesses: [Witness] = []
        for (principal, organization) in principals {
            for calledVia in principal.kind == .anonymous ? [false] : [true, false] {
                var base = RequestContext(["aws:SecureTransport": .single("true")])
                if calledVia { base["aws:CalledVia"] = .multiple(["athena.amazonaws.com"]) }
                if let organization { base["aws:PrincipalOrgID"] = .single(organization) }
                let via = calledVia ? " through Athena" : ""
                let who = organization.map { "\(principal) (organization \($0))" } ?? "\(principal)"
                var list = base
                list["s3:prefix"] = .single(context.logKeyPrefix)
                witnesses.append(
                    Witness(
                        description: "\(who) listing \(bucketArn) under \(context.logKeyPrefix)\(via)",
                        request: AuthorizationRequest(
                            principal: principal, action: "s3:ListBucket", resource: bucketArn,
                            resourceAccountId: owner, context: list)))
                for action in OutsideAccessCheck.readActions.dropFirst() {
                    witnesses.append(
                        Witness(
                            description: "\(who) calling \(action) on \(object)\(via)",
                            request: AuthorizationRequest(
                                principal: principal, action: action, resource: object,
                                resourceAccountId: owner, context: base)))
                }
            }
        }
        requests = witnesses
    }
}
