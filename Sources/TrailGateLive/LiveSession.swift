import AWSClient
import Foundation

/// How to reach AWS, as the AWS CLI's options and environment say.
public struct LiveOptions: Sendable {
    public var profile: String?
    public var region: String?
    public var endpointURL: String?
    /// The deadline of one AWS request, its retries included, and the most a `credential_process` may run.
    public var timeout: Duration
    /// The most one attempt may take to open a connection.
    public var connectTimeout: Duration
    /// Receives one log entry per HTTP exchange (credentials redacted) when set.
    public var log: (@Sendable (String) -> Void)?

    public init(
        profile: String? = nil, region: String? = nil, endpointURL: String? = nil,
        timeout: Duration = .seconds(30), connectTimeout: Duration = .seconds(5),
        log: (@Sendable (String) -> Void)? = nil
    ) {
        self.profile = profile
        self.region = region
        self.endpointURL = endpointURL
        self.timeout = timeout
        self.connectTimeout = connectTimeout
        self.log = log
    }
}

/// A configuration problem found before any call: no Region, a bad endpoint, a missing profile.
public struct LiveConfigurationError: Error, Sendable, CustomStringConvertible {
    public var description: String
}

/// The clients of every AWS service TrailGate calls, all signing with the same credentials.
public struct ServiceClients: Sendable {
    public let sts: STSClient
    public let organizations: OrganizationsClient
    public let cloudTrail: CloudTrailClient
    public let s3: S3Client
    public let kms: KMSClient
    public let athena: AthenaClient
    public let iam: IAMClient

    /// Clients over `client`; `pathStyleS3` for endpoints (moto, LocalStack) that do not serve bucket subdomains.
    public init(client: AWSServiceClient, pathStyleS3: Bool) {
        sts = STSClient(client: client)
        organizations = OrganizationsClient(client: client)
        cloudTrail = CloudTrailClient(client: client)
        s3 = S3Client(client: client, pathStyle: pathStyleS3)
        kms = KMSClient(client: client)
        athena = AthenaClient(client: client)
        iam = IAMClient(client: client)
    }
}

/// The live AWS connection of one command: one HTTP client, credentials resolved like the AWS CLI's, endpoints for
/// every service, and the service clients. Sessions for other accounts (``assumingRole(_:sessionName:externalId:region:)``) share
/// its HTTP client; ``shutdown()`` of the first session closes it. ``with(_:environment:_:)`` shuts down for you.
public final class LiveSession: Sendable {
    /// The Region calls go to unless a call names its own.
    public let region: String
    /// The service clients, signing with this session's credentials.
    public let clients: ServiceClients
    /// The signed client behind ``clients``.
    private let client: AWSServiceClient
    private let transport: AsyncHTTPTransport
    private let pathStyleS3: Bool
    private let ownsTransport: Bool

    /// A session as `options` and the environment say; a problem with them (no Region, an unreadable or invalid
    /// configuration file, a bad endpoint) is a ``LiveConfigurationError``, one with credentials a
    /// `CredentialsError`.
    public convenience init(options: LiveOptions, environment: AWSEnvironment = .current()) throws {
        let resolver: AWSConfigurationResolver
        let region: String?
        var endpoints: [String: URL] = [:]
        do {
            resolver = try AWSConfigurationResolver(
                environment: environment,
                options: AWSConfigurationOptions(
                    profile: options.profile, region: options.region, endpointURL: options.endpointURL))
            region = try resolver.region()
            for service in ServiceDescriptor.all {
                endpoints[service.serviceId] = try resolver.endpointURL(forService: service.serviceId)
            }
        } catch let error as CredentialsError {
            throw error
        } catch {
            throw LiveConfigurationError(description: String(describing: error))
        }
        guard let region else {
            throw LiveConfigurationError(
                description: "no AWS Region: pass --region, set AWS_REGION, or set region in the profile")
        }
        let custom = endpoints
        let endpoint: @Sendable (ServiceDescriptor, String) -> URL = { service, region in
            custom[service.serviceId] ?? AWSServiceClient.defaultEndpoint(service, region)
        }
        let transport = AsyncHTTPTransport(connectTimeout: options.connectTimeout, readTimeout: options.timeout)
        let bootstrap = AWSServiceClient(
            transport: transport, credentials: UnresolvedCredentials(), endpoint: endpoint, timeout: options.timeout,
            log: options.log)
        let credentials: CachingCredentialsProvider
        do {
            credentials = try resolver.credentialsProvider(
                roleAssumer: STSClient(client: bootstrap), transport: transport,
                processRunner: FoundationProcessRunner(timeout: options.timeout))
        } catch {
            transport.shutdownBeforeUse()
            throw error
        }
        var client = bootstrap
        client.credentials = credentials
        self.init(
            region: region, client: client, transport: transport, pathStyleS3: custom["S3"] != nil,
            ownsTransport: true)
    }

    private init(
        region: String, client: AWSServiceClient, transport: AsyncHTTPTransport, pathStyleS3: Bool,
        ownsTransport: Bool
    ) {
        self.region = region
        self.client = client
        self.transport = transport
        self.pathStyleS3 = pathStyleS3
        self.ownsTransport = ownsTransport
        clients = ServiceClients(client: client, pathStyleS3: pathStyleS3)
    }

    /// Opens a session, runs `body` with it and shuts it down, whether `body` returns or throws.
    public static func with<T: Sendable>(
        _ options: LiveOptions, environment: AWSEnvironment = .current(),
        _ body: (LiveSession) async throws -> T
    ) async throws -> T {
        let session = try LiveSession(options: options, environment: environment)
        do {
            let result = try await body(session)
            await session.shutdown()
            return result
        } catch {
            await session.shutdown()
            throw error
        }
    }

    /// A session in another account (or with other rights): the role's temporary credentials, assumed with this
    /// session's (and `externalId` when the role's trust policy asks for one) and renewed before they expire, over
    /// the same HTTP client and endpoints.
    public func assumingRole(
        _ roleArn: String, sessionName: String = "trailgate", externalId: String? = nil, region: String? = nil
    ) -> LiveSession {
        let request = AssumeRoleRequest(roleArn: roleArn, roleSessionName: sessionName, externalId: externalId)
        let assumed = AssumedRoleCredentialsProvider(
            request: request, source: client.credentials, roleAssumer: clients.sts, region: region ?? self.region)
        var roleClient = client
        roleClient.credentials = CachingCredentialsProvider(wrapping: assumed)
        return LiveSession(
            region: region ?? self.region, client: roleClient, transport: transport,
            pathStyleS3: pathStyleS3, ownsTransport: false)
    }

    /// A snapshot collector reading through this session's clients.
    public var collector: SnapshotCollector { SnapshotCollector(clients: clients, region: region) }

    /// Closes the HTTP client (for a session made by ``assumingRole(_:sessionName:externalId:region:)``, its first session's
    /// shutdown does).
    public func shutdown() async {
        guard ownsTransport else { return }
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
