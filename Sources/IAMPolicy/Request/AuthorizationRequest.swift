import TrailGateBasics

/// One request to authorize: who, what action, on which resource, in which context.
public struct AuthorizationRequest: Sendable {
    public var principal: RequestPrincipal
    /// `service:Action`, e.g. `s3:GetObject`.
    public var action: String
    /// The resource ARN (`*` for actions without a resource).
    public var resource: String
    /// The account that owns the resource; needed for S3 ARNs, which carry no account.
    public var resourceAccountId: String?
    public var context: RequestContext

    public init(
        principal: RequestPrincipal, action: String, resource: String, resourceAccountId: String? = nil,
        context: RequestContext = RequestContext()
    ) {
        self.principal = principal
        self.action = action
        self.resource = resource
        self.resourceAccountId = resourceAccountId
        self.context = context
    }

    /// The owning account: the one given, else the account field of the resource ARN.
    public var owningAccountId: String? {
        if let resourceAccountId { return resourceAccountId }
        return ARN.account(in: resource)
    }

    /// The context with the keys AWS derives from the principal added where the caller did not set them:
    /// `aws:PrincipalArn`, `aws:PrincipalAccount`, `aws:PrincipalType`, `aws:username` (IAM users).
    public var effectiveContext: RequestContext {
        var context = self.context
        func fill(_ key: String, _ value: String?) {
            if context[key] == nil, let value { context[key] = .single(value) }
        }
        fill("aws:PrincipalArn", principal.principalArn)
        fill("aws:PrincipalAccount", principal.accountId)
        switch principal.kind {
        case .user:
            fill("aws:PrincipalType", "User")
            fill("aws:username", principal.arn.flatMap { $0.split(separator: "/").last.map(String.init) })
        case .roleSession, .role: fill("aws:PrincipalType", "AssumedRole")
        case .account: fill("aws:PrincipalType", "Account")
        case .federatedUser: fill("aws:PrincipalType", "FederatedUser")
        case .anonymous: fill("aws:PrincipalType", "Anonymous")
        case .service: fill("aws:PrincipalServiceName", principal.serviceName)
        }
        return context
    }
}
