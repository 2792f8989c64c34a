import Foundation
import IAMPolicy
import TrailGateBasics

/// Whether a policy already grants what the required statements exist for, judged by the policy evaluator rather
/// than by comparing text: a representative role for each principal pattern, in a member account other than the
/// resource's, makes the service's Athena requests.
public struct RequiredAccess: Sendable {
    public let inputs: PolicyInputs

    /// The account the representative roles sit in, and the account that owns the bucket or key.
    static let roleAccount = "000011112222"
    static let resourceAccount = "000033334444"
    static let keyArn = "arn:aws:kms:us-east-1:000033334444:key/00000000-0000-0000-0000-000000000000"

    public init(_ inputs: PolicyInputs) {
        self.inputs = inputs
    }

    /// A concrete role ARN that `pattern` matches, with wildcards filled in.
    static func sampleRole(for pattern: String) -> (account: String, arn: String) {
        guard var arn = ARN(pattern) else { return (roleAccount, pattern) }
        var account = arn.account.replacingOccurrences(of: "?", with: "0")
        if account.contains("*") {
            let fill = String(repeating: "0", count: max(0, 12 - account.count + 1))
            account = account.replacingOccurrences(of: "*", with: fill)
        }
        if account.isEmpty { account = roleAccount }
        arn.account = account
        arn.resource = arn.resource.replacingOccurrences(of: "*", with: "trailgate").replacingOccurrences(
            of: "?", with: "x")
        return (account, arn.description)
    }

    /// The requests that `policy`, as the bucket or key policy, does not grant, each with the evaluator's reason.
    public func missing(in policy: PolicyDocument, kind: PolicyKind) -> [(request: String, reason: String)] {
        let keySpace = (inputs.prefix.map { $0 + "/" } ?? "") + "AWSLogs/"
        let requests = AthenaAccessRequests(
            organizationId: inputs.organizationId, logKeyPrefix: keySpace, region: "us-east-1")
        let all = inputs.principalArnPatterns.flatMap { pattern -> [AthenaAccessRequests.NamedRequest] in
            let role = Self.sampleRole(for: pattern)
            switch kind {
            case .bucket:
                return requests.bucketRequests(
                    bucket: inputs.bucket, ownerAccount: Self.resourceAccount, account: role.account,
                    roleArn: role.arn)
            case .key:
                return requests.keyRequests(
                    keyArn: Self.keyArn, account: role.account, roleArn: role.arn, trailArn: nil)
            }
        }
        return all.compactMap { named in
            let evaluation = PolicyEvaluator().evaluate(
                named.request, policies: PolicySet(identityPolicies: nil, resourcePolicy: policy))
            return evaluation.grantedByResourcePolicy ? nil : (named.description, evaluation.reason)
        }
    }
}
