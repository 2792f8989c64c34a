import Foundation

/// Credentials from `AWS_ACCESS_KEY_ID`, `AWS_SECRET_ACCESS_KEY`, `AWS_SESSION_TOKEN` (or the older
/// `AWS_SECURITY_TOKEN`, which the CLI reads first) and `AWS_CREDENTIAL_EXPIRATION`.
public struct EnvironmentCredentialsProvider: ChainableCredentialsProvider {
    public let environment: AWSEnvironment

    public init(environment: AWSEnvironment) {
        self.environment = environment
    }

    public var sourceName: String { "environment variables" }

    /// Not set up without `AWS_ACCESS_KEY_ID`; an access key without a secret is `partialCredentials`.
    public func lookUpCredentials() async throws -> CredentialsLookup {
        guard let accessKeyId = environment["AWS_ACCESS_KEY_ID"] else {
            return .notConfigured("AWS_ACCESS_KEY_ID not set")
        }
        guard let secret = environment["AWS_SECRET_ACCESS_KEY"] else {
            throw CredentialsError.partialCredentials(source: sourceName, missing: "AWS_SECRET_ACCESS_KEY")
        }
        let token = environment["AWS_SECURITY_TOKEN"] ?? environment["AWS_SESSION_TOKEN"]
        var expiration: Date?
        if let text = environment["AWS_CREDENTIAL_EXPIRATION"] {
            guard let date = CredentialsDocument.parseTime(text) else {
                throw CredentialsError.invalidSetting(
                    name: "AWS_CREDENTIAL_EXPIRATION", value: text, source: sourceName,
                    expected: "an ISO 8601 time such as 2024-05-01T12:00:00Z")
            }
            expiration = date
        }
        return .found(
            AWSCredentials(
                accessKeyId: accessKeyId, secretAccessKey: secret, sessionToken: token, expiration: expiration))
    }
}
