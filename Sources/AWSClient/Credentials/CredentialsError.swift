import Foundation

/// Which metadata endpoint an error is about.
public enum MetadataEndpoint: String, Sendable, Equatable, CustomStringConvertible {
    /// The ECS / EKS container credentials endpoint.
    case container = "container credentials endpoint"
    /// The EC2 instance metadata service.
    case instanceMetadata = "EC2 instance metadata service"

    public var description: String { rawValue }
}

/// Why credentials or configuration could not be resolved. Each case carries what failed; `description` is one
/// line and never contains a secret access key, session token or authorization token.
public enum CredentialsError: Error, Sendable, Equatable, CustomStringConvertible {
    /// A profile named by `--profile` or `AWS_PROFILE` is in neither shared file.
    case profileNotFound(profile: String, configFile: String, credentialsFile: String)
    /// A file exists but cannot be read.
    case unreadableFile(path: String, reason: String)
    /// An access key id without its secret (or the reverse where the CLI checks it); `missing` names the variable
    /// or key.
    case partialCredentials(source: String, missing: String)
    /// A setting has a value that cannot be used; `value` is never a secret (regions, URLs, times, numbers).
    case invalidSetting(name: String, value: String, source: String, expected: String)
    /// A profile is set up in a way the CLI rejects too (e.g. both `source_profile` and `credential_source`).
    case invalidProfile(profile: String, reason: String)
    /// A profile uses a credential source TrailGate does not implement (SSO, web identity, MFA prompts).
    case unsupportedProfileSetting(profile: String, setting: String)
    /// An environment variable selects a credential source TrailGate does not implement (web identity).
    case unsupportedEnvironmentSetting(variable: String)
    /// `source_profile` names a profile that does not exist.
    case sourceProfileNotFound(profile: String, sourceProfile: String)
    /// `source_profile` references loop; `profiles` is the path, ending with the repeated profile.
    case sourceProfileCycle(profiles: [String])
    /// A `source_profile` yields no credentials.
    case sourceProfileHasNoCredentials(profile: String, sourceProfile: String)
    /// `credential_source` was valid but that source had no credentials.
    case credentialSourceEmpty(profile: String, credentialSource: String)
    /// STS AssumeRole failed; `reason` is the role assumer's error description.
    case assumeRoleFailed(profile: String, roleArn: String, reason: String)
    /// `credential_process` could not be started (or its command line could not be split).
    case processNotStarted(profile: String, command: String, reason: String)
    /// `credential_process` exited with a non-zero code; `standardError` is the end of what it wrote to standard
    /// error, on one line, secrets redacted (or empty).
    case processFailed(profile: String, command: String, exitCode: Int32, standardError: String)
    /// `credential_process` ran longer than `timeout` and was stopped; `standardError` as for ``processFailed``.
    case processTimedOut(profile: String, command: String, timeout: Duration, standardError: String)
    /// `credential_process` printed something other than the version 1 JSON document; `reason` never quotes it.
    case processOutputInvalid(profile: String, command: String, reason: String)
    /// A metadata endpoint answered with an HTTP status other than 200.
    case metadataEndpointStatus(endpoint: MetadataEndpoint, url: String, status: Int)
    /// A metadata endpoint could not be reached (connection, timeout).
    case metadataEndpointUnreachable(endpoint: MetadataEndpoint, url: String, reason: String)
    /// A metadata endpoint answered 200 with a body that is not a credentials document; `reason` never quotes it.
    case metadataResponseInvalid(endpoint: MetadataEndpoint, url: String, reason: String)
    /// `AWS_CONTAINER_CREDENTIALS_FULL_URI` is plain HTTP to a host that is neither loopback nor an ECS/EKS
    /// agent address.
    case containerEndpointNotAllowed(url: String)
    /// The container authorization token (from `source`, a variable or a file) holds a line break.
    case invalidContainerAuthorizationToken(source: String)
    /// IMDSv1 fallback is needed but disabled (`AWS_EC2_METADATA_V1_DISABLED` / `ec2_metadata_v1_disabled`).
    case instanceMetadataTokenUnavailable(url: String, reason: String)
    /// No source in the chain had credentials; `tried` lists each source and why it had none.
    case noCredentials(tried: [String])

    public var description: String {
        switch self {
        case let .profileNotFound(profile, configFile, credentialsFile):
            return "profile \"\(profile)\" not found in \(configFile) or \(credentialsFile)"
        case let .unreadableFile(path, reason):
            return "cannot read \(path): \(reason)"
        case let .partialCredentials(source, missing):
            return "incomplete credentials in \(source): \(missing) is missing"
        case let .invalidSetting(name, value, source, expected):
            return "invalid \(name) \"\(Self.oneLine(value))\" from \(source): expected \(expected)"
        case let .invalidProfile(profile, reason):
            return "profile \"\(profile)\" \(reason)"
        case let .unsupportedProfileSetting(profile, setting):
            return
                "profile \"\(profile)\" uses \(setting), which TrailGate does not support; use credential_process = aws configure export-credentials --profile \(profile) --format process in another profile"
        case let .unsupportedEnvironmentSetting(variable):
            return
                "\(variable) is set (web identity federation), which TrailGate does not support; unset it or use EKS Pod Identity, a profile or instance credentials"
        case let .sourceProfileNotFound(profile, sourceProfile):
            return "source_profile \"\(sourceProfile)\" of profile \"\(profile)\" does not exist"
        case let .sourceProfileCycle(profiles):
            return "source_profile cycle: " + profiles.map { "\"\($0)\"" }.joined(separator: " -> ")
        case let .sourceProfileHasNoCredentials(profile, sourceProfile):
            return "source_profile \"\(sourceProfile)\" of profile \"\(profile)\" has no credentials"
        case let .credentialSourceEmpty(profile, credentialSource):
            return "credential_source \(credentialSource) of profile \"\(profile)\" found no credentials"
        case let .assumeRoleFailed(profile, roleArn, reason):
            return "assuming role \(roleArn) for profile \"\(profile)\" failed: \(Self.oneLine(reason))"
        case let .processNotStarted(profile, command, reason):
            return
                "credential_process of profile \"\(profile)\" (\(Self.oneLine(command))) could not start: \(Self.oneLine(reason))"
        case let .processFailed(profile, command, exitCode, standardError):
            let detail = standardError.isEmpty ? "" : ": \(Self.oneLine(standardError))"
            return
                "credential_process of profile \"\(profile)\" (\(Self.oneLine(command))) exited with code \(exitCode)\(detail)"
        case let .processTimedOut(profile, command, timeout, standardError):
            let detail = standardError.isEmpty ? "" : ": \(Self.oneLine(standardError))"
            return
                "credential_process of profile \"\(profile)\" (\(Self.oneLine(command))) did not finish within \(AWSServiceClient.seconds(timeout)) and was stopped\(detail)"
        case let .processOutputInvalid(profile, command, reason):
            return
                "credential_process of profile \"\(profile)\" (\(Self.oneLine(command))) printed invalid output: \(reason)"
        case let .metadataEndpointStatus(endpoint, url, status):
            return "\(endpoint) returned HTTP \(status) for \(url)"
        case let .metadataEndpointUnreachable(endpoint, url, reason):
            return "\(endpoint) unreachable at \(url): \(Self.oneLine(reason))"
        case let .metadataResponseInvalid(endpoint, url, reason):
            return "\(endpoint) returned an invalid credentials document from \(url): \(reason)"
        case let .containerEndpointNotAllowed(url):
            return
                "container credentials URL \(url) must use https or a loopback, 169.254.170.2, 169.254.170.23 or fd00:ec2::23 host"
        case let .invalidContainerAuthorizationToken(source):
            return "container authorization token from \(source) contains a line break"
        case let .instanceMetadataTokenUnavailable(url, reason):
            return
                "EC2 instance metadata token request to \(url) failed (\(Self.oneLine(reason))) and IMDSv1 fallback is disabled"
        case let .noCredentials(tried):
            return "no AWS credentials found; tried " + tried.joined(separator: "; ")
        }
    }

    /// `text` on one line: line breaks become spaces, and it is cut at 300 characters.
    static func oneLine(_ text: String) -> String {
        let flat = text.split(whereSeparator: \.isNewline).joined(separator: " ")
        return flat.count > 300 ? String(flat.prefix(300)) + "…" : flat
    }
}
