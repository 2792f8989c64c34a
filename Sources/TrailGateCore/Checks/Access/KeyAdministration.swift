import IAMPolicy
import OrderedJSON
import TrailGateBasics

/// The lock-out guard for key policies: a new policy must still let the account (through its root principal, which
/// delegates to IAM) or the caller administer the key whenever the old one did.
struct KeyAdministration {
    let keyArn: String
    let callerArn: String?

    private var account: String? { ARN(keyArn)?.account }

    /// Why `after` would lock out an administrator `before` lets in; nil when it does not.
    func lockedOut(before: JSONValue, after: JSONValue) -> String? {
        guard let beforePolicy = try? PolicyDocument(json: before), let afterPolicy = try? PolicyDocument(json: after)
        else {
            return "the merged policy cannot be evaluated"
        }
        let administrators = [account.map { "arn:aws:iam::\($0):root" }, callerArn].compactMap { $0 }
        for administrator in administrators {
            guard let principal = RequestPrincipal(parsing: administrator) else { continue }
            let request = AuthorizationRequest(principal: principal, action: "kms:PutKeyPolicy", resource: keyArn)
            if grants(beforePolicy, request), !grants(afterPolicy, request) {
                return
                    "the new policy would no longer let \(administrator) call kms:PutKeyPolicy, locking it out of the key."
            }
        }
        return nil
    }

    private func grants(_ policy: PolicyDocument, _ request: AuthorizationRequest) -> Bool {
        PolicyEvaluator().evaluate(request, policies: PolicySet(identityPolicies: nil, resourcePolicy: policy))
            .grantedByResourcePolicy
    }
}
