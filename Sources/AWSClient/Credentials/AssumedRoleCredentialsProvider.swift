/// Temporary credentials of a role, assumed with the source credentials of another provider (STS AssumeRole):
/// how one session reads several accounts, each through a role in it.
public struct AssumedRoleCredentialsProvider: CredentialsProvider {
    public var request: AssumeRoleRequest
    public var source: any CredentialsProvider
    public var roleAssumer: any RoleAssuming
    /// The Region STS is called in.
    public var region: String

    public init(
        request: AssumeRoleRequest, source: any CredentialsProvider, roleAssumer: any RoleAssuming,
        region: String
    ) {
        self.request = request
        self.source = source
        self.roleAssumer = roleAssumer
        self.region = region
    }

    public func credentials() async throws -> AWSCredentials {
        try await roleAssumer.assumeRole(request, with: try await source.credentials(), region: region)
    }
}
