import Foundation
import OrderedJSON

/// STS over the query protocol: GetCallerIdentity, and AssumeRole for the credential chain.
public struct STSClient: RoleAssuming {
    public let client: AWSServiceClient

    public init(client: AWSServiceClient) {
        self.client = client
    }

    static let callerIdentity = ResponseShape.members([("UserId", .string), ("Account", .string), ("Arn", .string)])

    private func query(_ client: AWSServiceClient) -> QueryProtocolClient {
        QueryProtocolClient(client: client, service: .sts, version: "2011-06-15")
    }

    /// `sts get-caller-identity`.
    public func getCallerIdentity(region: String) async throws -> JSONValue {
        Self.callerIdentity.json(from: try await query(client).call("GetCallerIdentity", [], region: region))
    }

    /// STS AssumeRole with `credentials` as the caller (the role's source credentials).
    public func assumeRole(_ request: AssumeRoleRequest, with credentials: AWSCredentials, region: String) async throws
        -> AWSCredentials
    {
        var parameters = [("RoleArn", request.roleArn), ("RoleSessionName", request.roleSessionName)]
        if let externalId = request.externalId { parameters.append(("ExternalId", externalId)) }
        if let duration = request.durationSeconds { parameters.append(("DurationSeconds", String(duration))) }
        var source = client
        source.credentials = StaticCredentials(credentials)
        let result = try await query(source).call("AssumeRole", parameters, region: region)
        guard let issued = result.child("Credentials"), let access = issued.child("AccessKeyId")?.text,
            let secret = issued.child("SecretAccessKey")?.text
        else {
            throw AWSTransportError(service: "STS", operation: "AssumeRole", reason: "the answer has no credentials")
        }
        let formatter = ISO8601DateFormatter()
        formatter.formatOptions = [.withInternetDateTime, .withFractionalSeconds]
        let expiration = issued.child("Expiration").flatMap {
            formatter.date(from: $0.text) ?? ISO8601DateFormatter().date(from: $0.text)
        }
        return AWSCredentials(
            accessKeyId: access, secretAccessKey: secret, sessionToken: issued.child("SessionToken")?.text,
            expiration: expiration)
    }
}

/// Credentials that never change.
public struct StaticCredentials: CredentialsProvider {
    let value: AWSCredentials

    public init(_ value: AWSCredentials) {
        self.value = value
    }

    public func credentials() async throws -> AWSCredentials { value }
}
