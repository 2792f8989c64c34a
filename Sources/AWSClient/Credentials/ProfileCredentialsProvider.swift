import Foundation

/// The providers a profile's `credential_source` can name, by the CLI's canonical names (compared
/// case-insensitively): `Environment`, `EcsContainer`, `Ec2InstanceMetadata`.
public struct CredentialSources: Sendable {
    public var environment: (any ChainableCredentialsProvider)?
    public var container: (any ChainableCredentialsProvider)?
    public var instanceMetadata: (any ChainableCredentialsProvider)?

    public init(
        environment: (any ChainableCredentialsProvider)? = nil, container: (any ChainableCredentialsProvider)? = nil,
        instanceMetadata: (any ChainableCredentialsProvider)? = nil
    ) {
        self.environment = environment
        self.container = container
        self.instanceMetadata = instanceMetadata
    }

    /// The provider for `name`; nil for an unknown name.
    func provider(named name: String) -> (any ChainableCredentialsProvider)?? {
        switch name.lowercased() {
        case "environment": return .some(environment)
        case "ecscontainer": return .some(container)
        case "ec2instancemetadata": return .some(instanceMetadata)
        default: return nil
        }
    }
}

/// Credentials from a profile of the shared files, resolved in the AWS CLI's order:
///
/// 1. `role_arn` (without `web_identity_token_file`): STS AssumeRole through the `RoleAssuming` seam, with the
///    source credentials from `source_profile` (recursively, rejecting cycles) or `credential_source`, and the
///    profile's `external_id`, `role_session_name` (default `trailgate-<epoch seconds>`) and `duration_seconds`;
/// 2. `aws_access_key_id` / `aws_secret_access_key` / `aws_session_token` in the credentials file;
/// 3. `credential_process`;
/// 4. the same static keys in the config file.
///
/// A `source_profile` is resolved like the CLI does: when it has static keys (or no `role_arn`) its own
/// steps 2–4 give the source credentials; otherwise its role is assumed in turn. A profile may name itself as
/// `source_profile` only when it has static keys. IAM Identity Center (`sso_*`), web identity
/// (`web_identity_token_file`, or `AWS_WEB_IDENTITY_TOKEN_FILE` when `webIdentityEnvironment` is given) and
/// `mfa_serial` are reported as unsupported instead of being skipped, so no other identity is used silently.
public struct ProfileCredentialsProvider: ChainableCredentialsProvider {
    public let profileName: String
    public let files: SharedConfigFiles
    /// When true a missing profile is `CredentialsError.profileNotFound`; when false it is "not set up".
    public let profileMustExist: Bool
    public let roleAssumer: any RoleAssuming
    /// The region passed to `RoleAssuming.assumeRole`.
    public let stsRegion: String
    public let processRunner: any CredentialProcessRunning
    public let credentialSources: CredentialSources
    /// The environment whose `AWS_WEB_IDENTITY_TOKEN_FILE` the CLI would use; nil when `--profile` was given.
    public let webIdentityEnvironment: AWSEnvironment?
    public let now: @Sendable () -> Date

    public init(
        profileName: String, files: SharedConfigFiles, profileMustExist: Bool = false,
        roleAssumer: any RoleAssuming, stsRegion: String = "us-east-1",
        processRunner: any CredentialProcessRunning = FoundationProcessRunner(),
        credentialSources: CredentialSources = CredentialSources(),
        webIdentityEnvironment: AWSEnvironment? = nil,
        now: @escaping @Sendable () -> Date = { Date() }
    ) {
        self.profileName = profileName
        self.files = files
        self.profileMustExist = profileMustExist
        self.roleAssumer = roleAssumer
        self.stsRegion = stsRegion
        self.processRunner = processRunner
        self.credentialSources = credentialSources
        self.webIdentityEnvironment = webIdentityEnvironment
        self.now = now
    }

    public var sourceName: String { "profile \"\(profileName)\"" }

    public func lookUpCredentials() async throws -> CredentialsLookup {
        guard let profile = files.profile(named: profileName) else {
            if profileMustExist {
                throw CredentialsError.profileNotFound(
                    profile: profileName, configFile: files.configFilePath,
                    credentialsFile: files.credentialsFilePath)
            }
            try rejectEnvironmentWebIdentity()
            return .notConfigured("no such profile in \(files.configFilePath) or \(files.credentialsFilePath)")
        }
        if Self.hasRoleConfiguration(profile) {
            return .found(try await assumeRole(profile, visited: [profileName]))
        }
        if let credentials = try await ownCredentials(profile, topLevel: true) { return .found(credentials) }
        return .notConfigured("no role_arn, credential_process or access keys in the profile")
    }

    // MARK: The profile's own credentials

    /// botocore's profile providers after the role: web identity and SSO (unsupported here), static keys in
    /// the credentials file, `credential_process`, static keys in the config file.
    private func ownCredentials(_ profile: ProfileSettings, topLevel: Bool) async throws -> AWSCredentials? {
        if topLevel { try rejectEnvironmentWebIdentity() }
        if profile.has("web_identity_token_file") {
            throw CredentialsError.unsupportedProfileSetting(profile: profile.name, setting: "web_identity_token_file")
        }
        // botocore's SSO provider takes a profile with any of these (a bare sso_session is only for `aws sso login`).
        if let key = ["sso_start_url", "sso_region", "sso_role_name", "sso_account_id"].first(where: profile.has) {
            throw CredentialsError.unsupportedProfileSetting(
                profile: profile.name, setting: "\(key) (IAM Identity Center)")
        }
        if let credentials = try staticCredentials(
            profile.credentialsFileValues, profile: profile.name, file: files.credentialsFilePath)
        {
            return credentials
        }
        if let command = profile["credential_process"] {
            return try await CredentialProcess(profile: profile.name, command: command, runner: processRunner)
                .credentials()
        }
        return try staticCredentials(profile.configFileValues, profile: profile.name, file: files.configFilePath)
    }

    /// The CLI's web identity provider also reads `AWS_WEB_IDENTITY_TOKEN_FILE` (EKS IRSA) for the top-level
    /// profile unless `--profile` was given; not supported here, so say so rather than fall through to another
    /// identity (the container or the node's instance role).
    private func rejectEnvironmentWebIdentity() throws {
        if webIdentityEnvironment?["AWS_WEB_IDENTITY_TOKEN_FILE"] != nil {
            throw CredentialsError.unsupportedEnvironmentSetting(variable: "AWS_WEB_IDENTITY_TOKEN_FILE")
        }
    }

    /// Keys in one file's section: none without `aws_access_key_id`; an access key without a secret is partial.
    private func staticCredentials(_ values: [String: String], profile: String, file: String) throws -> AWSCredentials?
    {
        guard let accessKeyId = values["aws_access_key_id"], !accessKeyId.isEmpty else { return nil }
        guard let secret = values["aws_secret_access_key"], !secret.isEmpty else {
            throw CredentialsError.partialCredentials(
                source: "profile \"\(profile)\" in \(file)", missing: "aws_secret_access_key")
        }
        let token = [values["aws_security_token"], values["aws_session_token"]].compactMap { $0 }.first { !$0.isEmpty }
        return AWSCredentials(accessKeyId: accessKeyId, secretAccessKey: secret, sessionToken: token)
    }

    // MARK: Roles

    static func hasRoleConfiguration(_ profile: ProfileSettings) -> Bool {
        profile.has("role_arn") && !profile.has("web_identity_token_file")
    }

    static func hasStaticKeys(_ profile: ProfileSettings) -> Bool {
        profile.has("aws_access_key_id") || profile.has("aws_secret_access_key")
    }

    /// Assumes `profile`'s role; `visited` holds the profiles on the `source_profile` path so far.
    private func assumeRole(_ profile: ProfileSettings, visited: [String]) async throws -> AWSCredentials {
        let roleArn = profile["role_arn"]!
        let sourceProfileName = profile["source_profile"]
        let credentialSource = profile["credential_source"]
        switch (sourceProfileName, credentialSource) {
        case (.some, .some):
            throw CredentialsError.invalidProfile(
                profile: profile.name, reason: "sets both source_profile and credential_source")
        case (nil, nil):
            throw CredentialsError.invalidProfile(
                profile: profile.name,
                reason: "sets role_arn but neither source_profile nor credential_source")
        default:
            break
        }
        if profile.has("mfa_serial") {
            throw CredentialsError.unsupportedProfileSetting(
                profile: profile.name, setting: "mfa_serial (an MFA code prompt)")
        }

        let sourceCredentials: AWSCredentials
        if let credentialSource {
            sourceCredentials = try await credentials(fromSource: credentialSource, profile: profile.name)
        } else {
            let sourceName = sourceProfileName!
            guard let source = files.profile(named: sourceName) else {
                throw CredentialsError.sourceProfileNotFound(profile: profile.name, sourceProfile: sourceName)
            }
            if visited.contains(sourceName) {
                // A profile may source itself only for its own static keys, as in the CLI.
                if sourceName != profile.name || !Self.hasStaticKeys(source) {
                    throw CredentialsError.sourceProfileCycle(profiles: visited + [sourceName])
                }
            }
            sourceCredentials = try await credentials(
                fromSourceProfile: source, referencedBy: profile.name,
                visited: visited + [sourceName])
        }

        let request = AssumeRoleRequest(
            roleArn: roleArn,
            roleSessionName: profile["role_session_name"] ?? "trailgate-\(Int(now().timeIntervalSince1970))",
            externalId: profile["external_id"],
            // Like botocore, a duration_seconds that is not an integer is ignored.
            durationSeconds: profile["duration_seconds"].flatMap { Int($0.trimmingCharacters(in: .whitespaces)) })
        do {
            return try await roleAssumer.assumeRole(request, with: sourceCredentials, region: stsRegion)
        } catch let error as CancellationError {
            throw error
        } catch {
            throw CredentialsError.assumeRoleFailed(
                profile: profile.name, roleArn: roleArn, reason: String(describing: error))
        }
    }

    private func credentials(
        fromSourceProfile source: ProfileSettings, referencedBy profile: String,
        visited: [String]
    ) async throws -> AWSCredentials {
        if Self.hasStaticKeys(source) || !Self.hasRoleConfiguration(source) {
            guard let credentials = try await ownCredentials(source, topLevel: false) else {
                throw CredentialsError.sourceProfileHasNoCredentials(profile: profile, sourceProfile: source.name)
            }
            return credentials
        }
        return try await assumeRole(source, visited: visited)
    }

    private func credentials(fromSource name: String, profile: String) async throws -> AWSCredentials {
        guard let entry = credentialSources.provider(named: name) else {
            throw CredentialsError.invalidProfile(
                profile: profile,
                reason: "has credential_source \"\(name)\"; expected Environment, EcsContainer or Ec2InstanceMetadata")
        }
        guard let provider = entry, case .found(let credentials) = try await provider.lookUpCredentials() else {
            throw CredentialsError.credentialSourceEmpty(profile: profile, credentialSource: name)
        }
        return credentials
    }
}
