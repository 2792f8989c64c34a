/// How a statement's principal element matched a request's principal.
enum PrincipalMatch: Sendable, Equatable {
    /// `"*"`: every principal.
    case everyone
    /// The principal itself is named (user, role, session, service, …); `role` when a role ARN named it.
    case named(role: Bool)
    /// The principal's account is named (account id or `:root`): a delegation to that account's IAM policies.
    case account(String)
    case none

    var matched: Bool { self != .none }

    /// How much the match grants by itself: naming the principal (or everyone), then naming its role (still
    /// limited by boundaries and session policies), then delegating to its account's IAM policies.
    var strength: Int {
        switch self {
        case .everyone, .named(role: false): return 3
        case .named(role: true): return 2
        case .account: return 1
        case .none: return 0
        }
    }

    var description: String {
        switch self {
        case .everyone: return "everyone (\"*\")"
        case .named(let role): return role ? "the principal's role by ARN" : "the principal by name"
        case .account(let id): return "the principal's account \(id) (delegated to its IAM policies)"
        case .none: return "not this principal"
        }
    }
}

extension PrincipalSet {
    /// How this set names `principal`, the strongest form first.
    func match(_ principal: RequestPrincipal) -> PrincipalMatch {
        if everyone { return .everyone }
        var result = PrincipalMatch.none
        for value in aws {
            switch Self.match(value, principal) {
            case .named(let role): return .named(role: role)
            case .account(let id): result = .account(id)
            default: break
            }
        }
        if let service = principal.serviceName, self.service.contains(service) { return .named(role: false) }
        if let arn = principal.arn, federated.contains(arn) || canonicalUser.contains(arn) {
            return .named(role: false)
        }
        return result
    }

    private static func match(_ value: String, _ principal: RequestPrincipal) -> PrincipalMatch {
        guard principal.kind != .anonymous, principal.kind != .service, let account = principal.accountId else {
            return .none
        }
        if value == account || value == "arn:aws:iam::\(account):root" {
            return principal.kind == .account ? .named(role: false) : .account(account)
        }
        if value == principal.arn { return .named(role: principal.kind == .role) }
        if principal.kind == .roleSession, let roleArn = principal.roleArn,
            value.hasPrefix("arn:aws:iam::\(account):role/"),
            value.split(separator: "/").last == roleArn.split(separator: "/").last
        {
            return .named(role: true)
        }
        return .none
    }
}
