import Foundation

/// An AWS access key, and a session token for temporary credentials. Never printed: `description` redacts.
public struct AWSCredentials: Sendable, Equatable, CustomStringConvertible {
    public var accessKeyId: String
    public var secretAccessKey: String
    public var sessionToken: String?
    /// When temporary credentials stop working; nil for long-term keys.
    public var expiration: Date?

    public init(accessKeyId: String, secretAccessKey: String, sessionToken: String? = nil, expiration: Date? = nil) {
        self.accessKeyId = accessKeyId
        self.secretAccessKey = secretAccessKey
        self.sessionToken = sessionToken
        self.expiration = expiration
    }

    /// The access key id only; the secret and the token are never shown.
    public var description: String {
        "AWSCredentials(\(accessKeyId), secret redacted\(sessionToken == nil ? "" : ", token redacted"))"
    }
}

/// Something that yields credentials: the environment, a profile, a role, a process, a container or instance endpoint.
public protocol CredentialsProvider: Sendable {
    func credentials() async throws -> AWSCredentials
}

/// Exchanges credentials for a role's temporary credentials (STS AssumeRole); the seam between the credential
/// chain and the STS client.
public protocol RoleAssuming: Sendable {
    func assumeRole(_ request: AssumeRoleRequest, with credentials: AWSCredentials, region: String) async throws
        -> AWSCredentials
}

/// The parameters of STS AssumeRole that profiles can set.
public struct AssumeRoleRequest: Sendable, Equatable {
    public var roleArn: String
    public var roleSessionName: String
    public var externalId: String?
    public var durationSeconds: Int?

    public init(roleArn: String, roleSessionName: String, externalId: String? = nil, durationSeconds: Int? = nil) {
        self.roleArn = roleArn
        self.roleSessionName = roleSessionName
        self.externalId = externalId
        self.durationSeconds = durationSeconds
    }
}
