import OrderedJSON

/// The principals a statement's `Principal` or `NotPrincipal` element names.
public struct PrincipalSet: Sendable, Hashable {
    /// True for `"*"` (or `{"AWS": "*"}`): every principal, anonymous callers included.
    public var everyone: Bool
    /// `AWS` values: account ids, `:root` ARNs, user, role and session ARNs.
    public var aws: [String]
    /// `Service` values, e.g. `cloudtrail.amazonaws.com`.
    public var service: [String]
    /// `Federated` values.
    public var federated: [String]
    /// `CanonicalUser` values (S3).
    public var canonicalUser: [String]

    public init(
        everyone: Bool = false, aws: [String] = [], service: [String] = [], federated: [String] = [],
        canonicalUser: [String] = []
    ) {
        self.everyone = everyone
        self.aws = aws
        self.service = service
        self.federated = federated
        self.canonicalUser = canonicalUser
    }

    init(json: JSONValue, path: String) throws(PolicyError) {
        self.init()
        if case .string("*") = json {
            everyone = true
            return
        }
        guard case .object(let members) = json else {
            throw PolicyError(path: path, reason: "expected \"*\" or an object of principal types")
        }
        for member in members {
            let values = try PolicyDocument.strings(member.value, path: "\(path).\(member.key)")
            switch member.key {
            case "AWS":
                if values.contains("*") { everyone = true }
                aws += values.filter { $0 != "*" }
            case "Service": service += values
            case "Federated": federated += values
            case "CanonicalUser": canonicalUser += values
            default: throw PolicyError(path: "\(path).\(member.key)", reason: "unknown principal type")
            }
        }
    }
}
