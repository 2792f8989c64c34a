import TrailGateBasics

/// Who makes a request: an IAM identity, a role session, an AWS service, or an anonymous caller.
public struct RequestPrincipal: Sendable, Hashable, CustomStringConvertible {
    public enum Kind: String, Sendable, Hashable {
        case anonymous
        /// The account itself (`arn:aws:iam::<account>:root`).
        case account
        case user
        case role
        case roleSession
        case federatedUser
        case service
    }

    public var kind: Kind
    /// The ARN the request is made with (a session ARN for role sessions); nil for services and anonymous callers.
    public var arn: String?
    public var accountId: String?
    /// For role sessions, the role's ARN (`arn:aws:iam::<account>:role/<name>`).
    public var roleArn: String?
    /// For services, the service principal, e.g. `cloudtrail.amazonaws.com`.
    public var serviceName: String?

    public static let anonymous = RequestPrincipal(kind: .anonymous)

    init(kind: Kind, arn: String? = nil, accountId: String? = nil, roleArn: String? = nil, serviceName: String? = nil) {
        self.kind = kind
        self.arn = arn
        self.accountId = accountId
        self.roleArn = roleArn
        self.serviceName = serviceName
    }

    /// Reads an IAM or STS ARN, a service principal (`s3.amazonaws.com`) or `anonymous`; nil for anything else.
    public init?(parsing text: String) {
        if text == "anonymous" || text == "*" {
            self = .anonymous
            return
        }
        if !text.hasPrefix("arn:") {
            guard text.hasSuffix(".amazonaws.com") || text.hasSuffix(".amazonaws.com.cn") else { return nil }
            self.init(kind: .service, serviceName: text)
            return
        }
        guard let arn = ARN(text), !arn.account.isEmpty else { return nil }
        let account = arn.account
        let resource = arn.resource
        switch arn.service {
        case "iam":
            if resource == "root" {
                self.init(kind: .account, arn: text, accountId: account)
            } else if resource.hasPrefix("user/") {
                self.init(kind: .user, arn: text, accountId: account)
            } else if resource.hasPrefix("role/") {
                self.init(kind: .role, arn: text, accountId: account, roleArn: text)
            } else {
                return nil
            }
        case "sts":
            if resource.hasPrefix("assumed-role/") {
                let pieces = resource.split(separator: "/", omittingEmptySubsequences: false)
                guard pieces.count >= 3 else { return nil }
                self.init(
                    kind: .roleSession, arn: text, accountId: account,
                    roleArn: "arn:\(arn.partition):iam::\(account):role/\(pieces[1])")
            } else if resource.hasPrefix("federated-user/") {
                self.init(kind: .federatedUser, arn: text, accountId: account)
            } else {
                return nil
            }
        default:
            return nil
        }
    }

    /// The value of `aws:PrincipalArn`: the role ARN for a role session, otherwise the principal's ARN.
    public var principalArn: String? { kind == .roleSession ? roleArn : arn }

    public var description: String {
        switch kind {
        case .anonymous: return "anonymous"
        case .service: return serviceName ?? "service"
        default: return arn ?? kind.rawValue
        }
    }
}
