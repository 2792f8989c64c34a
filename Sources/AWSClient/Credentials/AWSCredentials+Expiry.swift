import Foundation

extension AWSCredentials {
    /// Whether these credentials expire (temporary credentials); long-term keys have no expiration.
    public var isTemporary: Bool { expiration != nil }

    /// Whether these credentials expire within `window` of `now` (or already have); never for long-term keys.
    public func expires(within window: Duration, of now: Date) -> Bool {
        guard let expiration else { return false }
        let seconds = Double(window.components.seconds) + Double(window.components.attoseconds) / 1e18
        return now >= expiration.addingTimeInterval(-seconds)
    }
}

extension AWSConfigurationResolver {
    /// The AWS CLI's credential chain for this configuration (see `CredentialsProviderChain.standard`), behind a
    /// `CachingCredentialsProvider` that refreshes temporary credentials 5 minutes before they expire.
    public func credentialsProvider(
        roleAssumer: any RoleAssuming,
        transport: any HTTPTransport,
        processRunner: any CredentialProcessRunning = FoundationProcessRunner(),
        now: @escaping @Sendable () -> Date = { Date() }
    ) throws -> CachingCredentialsProvider {
        let chain = try CredentialsProviderChain.standard(
            configuration: self, roleAssumer: roleAssumer, transport: transport,
            processRunner: processRunner, now: now)
        return CachingCredentialsProvider(wrapping: chain, now: now)
    }
}
