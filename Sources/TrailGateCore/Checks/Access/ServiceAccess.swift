import IAMPolicy
import TrailGateBasics

/// The service's requests for a representative `ams-access-*` role in each account in scope of a trail.
struct ServiceAccess {
    /// The role name used for the representative role in every account.
    static let roleName = "ams-access-trailgate-check"
    /// An account that stands for "any other member account of the organization".
    static let otherMemberAccount = "000011112222"

    let context: TrailContext
    /// The accounts whose representative roles make the requests.
    let accounts: [String]
    private let requests: AthenaAccessRequests

    /// With a centralized bucket the roles sit in every member account: the trail's, the bucket owner's and any
    /// other (represented by one); otherwise they sit in the trail's own account.
    init(context: TrailContext, organizationId: String?) {
        self.context = context
        var accounts: [String] = []
        let candidates =
            context.bucketPlacement.isCentralized
            ? [context.trail.ownerAccountId, context.bucket?.ownerAccountId, Self.otherMemberAccount]
            : [context.trail.ownerAccountId]
        for account in candidates.compactMap({ $0 }) where !accounts.contains(account) {
            accounts.append(account)
        }
        self.accounts = accounts
        requests = AthenaAccessRequests(
            organizationId: organizationId, logKeyPrefix: context.logKeyPrefix,
            region: context.trail.region ?? "us-east-1")
    }

    private func roleArn(_ account: String) -> String { "arn:aws:iam::\(account):role/\(Self.roleName)" }

    /// The bucket requests of every account's role.
    func bucketRequests(bucket: String, ownerAccount: String) -> [AthenaAccessRequests.NamedRequest] {
        accounts.flatMap {
            requests.bucketRequests(bucket: bucket, ownerAccount: ownerAccount, account: $0, roleArn: roleArn($0))
        }
    }

    /// The key requests of every account's role on `keyArn`.
    func keyRequests(keyArn: String) -> [AthenaAccessRequests.NamedRequest] {
        let region = ARN.region(in: keyArn)
        let keyRequests = AthenaAccessRequests(
            organizationId: requests.organizationId, logKeyPrefix: requests.logKeyPrefix,
            region: region ?? requests.region)
        return accounts.flatMap {
            keyRequests.keyRequests(keyArn: keyArn, account: $0, roleArn: roleArn($0), trailArn: context.trail.trailARN)
        }
    }
}
