import AWSClient
import Foundation

/// How to reach AWS, as the AWS CLI's options and environment say.
public struct LiveOptions: Sendable {
    public var profile: String?
    public var region: String?
    public var endpointURL: String?
    public var timeout: Duration
    /// Receives one log entry per HTTP exchange (credentials redacted) when set.
    public var log: (@Sendable (String) -> Void)?

    public init(profile: String? = nil, region: String? = nil, endpointURL: String? = nil, timeout: Duration = .seconds(30),
                log: (@Sendable (String) -> Void)? = nil) {
        self.profile = profile
        self.region = region
        self.endpointURL = endpointURL
        self.timeout = timeout
        self.log = log
    }
}

/// A configuration problem found before any call: no Region, a bad endpoint, a missing profile.
public struct LiveConfigurationError: Error, Sendable, CustomStringConvertible {
    public var description: String
}

/// The live AWS connection of one command: the shared HTTP client, credentials resolved like the AWS CLI's, and a
/// snapshot collector. Call ``shutdown()`` before exiting.
public final class LiveSession: Sendable {
    public let transport: AsyncHTTPTransport
    public let collector: SnapshotCollector

    public init(options: LiveOptions, environment: AWSEnvironment = .current()) throws {
        let resolver = try AWSConfigurationResolver(
            environment: environment,
            options: AWSConfigurationOptions(profile: options.profile, region: options.region, endpointURL: options.endpointURL))
        guard let region = try resolver.region() else {
            throw LiveConfigurationError(description: "no AWS Region: pass --region, set AWS_REGION, or set region in the profile")
        }
        var custom: [String: URL] = [:]
        for id in ["STS", "Organizations", "CloudTrail", "S3", "KMS"] {
            custom[id] = try resolver.endpointURL(forService: id)
        }
        let endpoints = custom
        let endpoint: @Sendable (ServiceDescriptor, String) -> URL = { service, region in
            endpoints[service.serviceId] ?? AWSServiceClient.defaultEndpoint(service, region)
        }
        let transport = AsyncHTTPTransport(readTimeout: options.timeout)
        let bootstrap = AWSServiceClient(transport: transport, credentials: UnresolvedCredentials(), endpoint: endpoint,
                                         timeout: options.timeout, log: options.log)
        let credentials: CachingCredentialsProvider
        do {
            credentials = try resolver.credentialsProvider(roleAssumer: STSClient(client: bootstrap), transport: transport)
        } catch {
            transport.shutdownBeforeUse()
            throw error
        }
        let client = AWSServiceClient(transport: transport, credentials: credentials, endpoint: endpoint,
                                      timeout: options.timeout, log: options.log)
        self.transport = transport
        collector = SnapshotCollector(client: client, region: region, pathStyleS3: endpoints["S3"] != nil)
    }

    public func shutdown() async {
        try? await transport.shutdown()
    }
}

/// Stands in for the credentials of the client that only assumes roles: AssumeRole is always signed with the
/// source credentials it is given, so these are never asked for.
private struct UnresolvedCredentials: CredentialsProvider {
    func credentials() async throws -> AWSCredentials {
        throw LiveConfigurationError(description: "no credentials for the role-assuming client")
    }
}
