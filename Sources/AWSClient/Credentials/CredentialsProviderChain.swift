import Foundation

/// What one credential source found.
public enum CredentialsLookup: Sendable, Equatable {
    case found(AWSCredentials)
    /// The source is not set up; the text says why (e.g. `AWS_ACCESS_KEY_ID not set`), for the chain's
    /// "tried …" message.
    case notConfigured(String)
}

/// A credential source that can say "not set up here", so a chain can move on to the next source.
public protocol ChainableCredentialsProvider: CredentialsProvider {
    /// How the chain names this source in its "tried …" message, e.g. `environment variables`.
    var sourceName: String { get }
    /// Credentials, or `.notConfigured` when this source is not set up. Throws a `CredentialsError` when the
    /// source is set up but fails.
    func lookUpCredentials() async throws -> CredentialsLookup
    /// Whether a failure of this source ends a chain (true for every source but instance metadata, whose failures
    /// the CLI treats as "no credentials here").
    var failureEndsChain: Bool { get }
}

extension ChainableCredentialsProvider {
    public var failureEndsChain: Bool { true }

    /// The credentials; throws `CredentialsError.noCredentials` naming this source when it is not set up.
    public func credentials() async throws -> AWSCredentials {
        switch try await lookUpCredentials() {
        case .found(let credentials): return credentials
        case .notConfigured(let reason): throw CredentialsError.noCredentials(tried: ["\(sourceName) (\(reason))"])
        }
    }
}

/// Tries credential sources in order and returns the first credentials found. A source that is set up but fails
/// ends the search with its error (as the AWS CLI does), except sources whose `failureEndsChain` is false; when
/// nothing is found the error lists every source tried and why.
public struct CredentialsProviderChain: ChainableCredentialsProvider {
    public var providers: [any ChainableCredentialsProvider]

    public init(_ providers: [any ChainableCredentialsProvider]) {
        self.providers = providers
    }

    public var sourceName: String { "credential chain" }

    public func lookUpCredentials() async throws -> CredentialsLookup {
        let (credentials, tried) = try await walk()
        return credentials.map(CredentialsLookup.found) ?? .notConfigured(tried.joined(separator: "; "))
    }

    /// The first credentials found; `CredentialsError.noCredentials` listing every source when none has any.
    public func credentials() async throws -> AWSCredentials {
        let (credentials, tried) = try await walk()
        guard let credentials else { throw CredentialsError.noCredentials(tried: tried) }
        return credentials
    }

    private func walk() async throws -> (AWSCredentials?, [String]) {
        var tried: [String] = []
        for provider in providers {
            do {
                switch try await provider.lookUpCredentials() {
                case .found(let credentials): return (credentials, tried)
                case .notConfigured(let reason): tried.append("\(provider.sourceName) (\(reason))")
                }
            } catch let error as CredentialsError where !provider.failureEndsChain {
                tried.append("\(provider.sourceName) (\(error.description))")
            }
        }
        return (nil, tried)
    }
}

extension CredentialsProviderChain {
    /// The AWS CLI's chain for `configuration`:
    /// 1. environment variables (`AWS_ACCESS_KEY_ID`, …), left out when `--profile` was given;
    /// 2. the selected profile (role, static keys, `credential_process`);
    /// 3. the container endpoint (`AWS_CONTAINER_CREDENTIALS_RELATIVE_URI` / `_FULL_URI`);
    /// 4. EC2 instance metadata (IMDSv2).
    ///
    /// Throws `CredentialsError.profileNotFound` now when a profile named by `--profile` or `AWS_PROFILE` does not
    /// exist (the CLI fails on it even when the environment has keys), and `invalidSetting` for a bad region.
    /// Roles are assumed in the resolved region, else `us-east-1`. Wrap the chain in a
    /// `CachingCredentialsProvider` to reuse temporary credentials until they are about to expire.
    public static func standard(
        configuration: AWSConfigurationResolver,
        roleAssumer: any RoleAssuming,
        transport: any HTTPTransport,
        processRunner: any CredentialProcessRunning = FoundationProcessRunner(),
        now: @escaping @Sendable () -> Date = { Date() }
    ) throws -> CredentialsProviderChain {
        let profile = try configuration.selectedProfile()
        let region = try configuration.region() ?? "us-east-1"
        let environment = EnvironmentCredentialsProvider(environment: configuration.environment)
        let container = ContainerCredentialsProvider(environment: configuration.environment, transport: transport)
        let instance = InstanceMetadataCredentialsProvider(
            settings: InstanceMetadataSettings.resolve(environment: configuration.environment, profile: profile),
            transport: transport)
        let profileProvider = ProfileCredentialsProvider(
            profileName: configuration.profileName,
            files: configuration.files,
            profileMustExist: configuration.isProfileNamed,
            roleAssumer: roleAssumer,
            stsRegion: region,
            processRunner: processRunner,
            credentialSources: CredentialSources(
                environment: environment, container: container, instanceMetadata: instance),
            webIdentityEnvironment: configuration.isProfileExplicit ? nil : configuration.environment,
            now: now)
        var providers: [any ChainableCredentialsProvider] = []
        if !configuration.isProfileExplicit { providers.append(environment) }
        providers += [profileProvider, container, instance]
        return CredentialsProviderChain(providers)
    }
}
