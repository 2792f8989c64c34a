import Foundation
import OrderedJSON

/// STS over the query protocol: GetCallerIdentity, and AssumeRole for the credential chain.
public struct STSClient: RoleAssuming {
    public let client: AWSServiceClient

    public init(client: AWSServiceClient) {
        self.client = client
    }

    static let callerIdentity = ResponseShape.members([("UserId", .string), ("Account", .string), ("Arn", .string)])

    /// Form-encodes query parameters (RFC 3986 unreserved characters kept).
    static func form(_ parameters: [(String, String)]) -> String {
        let unreserved = CharacterSet(
            charactersIn: "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-._~")
        return parameters.map { "\($0.0)=\($0.1.addingPercentEncoding(withAllowedCharacters: unreserved) ?? $0.1)" }
            .joined(separator: "&")
    }

    private func call(
        _ action: String, _ parameters: [(String, String)], region: String,
        using client: AWSServiceClient
    ) async throws -> XMLDocumentTree {
        var request = HTTPRequest(
            method: "POST", url: client.endpoint(.sts, region),
            body: Data(Self.form([("Action", action), ("Version", "2011-06-15")] + parameters).utf8))
        request.setHeader("Content-Type", "application/x-www-form-urlencoded; charset=utf-8")
        let response = try await client.send(request, service: .sts, region: region, operation: action)
        let document: XMLDocumentTree
        do {
            document = try XMLDocumentTree.parse(response.body)
        } catch {
            throw AWSTransportError(service: "STS", operation: action, reason: "\(error)")
        }
        guard let result = document.first("\(action)Result") else {
            throw AWSTransportError(service: "STS", operation: action, reason: "the answer has no \(action)Result")
        }
        return result
    }

    /// `sts get-caller-identity`.
    public func getCallerIdentity(region: String) async throws -> JSONValue {
        Self.callerIdentity.json(from: try await call("GetCallerIdentity", [], region: region, using: client))
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
        let result = try await call("AssumeRole", parameters, region: region, using: source)
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
