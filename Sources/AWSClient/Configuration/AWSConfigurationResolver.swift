import Foundation

/// The command-line options that override configuration (`--profile`, `--region`, `--endpoint-url`).
public struct AWSConfigurationOptions: Sendable, Equatable {
    public var profile: String?
    public var region: String?
    public var endpointURL: String?

    public init(profile: String? = nil, region: String? = nil, endpointURL: String? = nil) {
        self.profile = profile
        self.region = region
        self.endpointURL = endpointURL
    }
}

/// Where a resolved setting came from, for messages such as "region us-east-1 (from AWS_REGION)".
public enum SettingSource: Sendable, Equatable, CustomStringConvertible {
    /// A command-line option, e.g. `--region`.
    case option(String)
    /// An environment variable.
    case environment(String)
    /// A key of a profile in the shared files.
    case profile(String, key: String)
    /// `endpoint_url` under a service key of a `[services NAME]` section.
    case servicesSection(String, service: String)
    /// Nothing was set; a built-in default.
    case defaultValue

    public var description: String {
        switch self {
        case .option(let name): return name
        case .environment(let name): return name
        case .profile(let profile, let key): return "\(key) of profile \"\(profile)\""
        case .servicesSection(let section, let service): return "\(service).endpoint_url of [services \(section)]"
        case .defaultValue: return "default"
        }
    }
}

/// A resolved setting and where it came from.
public struct ResolvedSetting<Value: Sendable & Equatable>: Sendable, Equatable {
    public var value: Value
    public var source: SettingSource

    public init(value: Value, source: SettingSource) {
        self.value = value
        self.source = source
    }
}

/// Resolves the profile, region and endpoint the way the AWS CLI does, from options, the environment and the
/// shared config files.
public struct AWSConfigurationResolver: Sendable {
    public let environment: AWSEnvironment
    public let options: AWSConfigurationOptions
    public let files: SharedConfigFiles
    /// The selected profile: `--profile`, else `AWS_PROFILE`, else `default`.
    public let profileName: String
    /// Where `profileName` came from.
    public let profileSource: SettingSource

    /// Reads the shared files of `environment`. Throws `CredentialsError.unreadableFile` when one exists but
    /// cannot be read.
    public init(environment: AWSEnvironment, options: AWSConfigurationOptions = AWSConfigurationOptions()) throws {
        try self.init(environment: environment, options: options, files: SharedConfigFiles.load(from: environment))
    }

    /// Uses already loaded `files`.
    public init(environment: AWSEnvironment, options: AWSConfigurationOptions, files: SharedConfigFiles) {
        self.environment = environment
        self.options = options
        self.files = files
        if let profile = options.profile, !profile.isEmpty {
            (profileName, profileSource) = (profile, .option("--profile"))
        } else if let profile = environment["AWS_PROFILE"] {
            (profileName, profileSource) = (profile, .environment("AWS_PROFILE"))
        } else {
            (profileName, profileSource) = ("default", .defaultValue)
        }
    }

    /// Whether the profile was given on the command line, which turns off environment-variable credentials.
    public var isProfileExplicit: Bool {
        if case .option = profileSource { return true }
        return false
    }

    /// Whether the profile was named at all (`--profile` or `AWS_PROFILE`), so that it must exist.
    public var isProfileNamed: Bool { profileSource != .defaultValue }

    /// The selected profile's settings. Nil when the implicit `default` profile does not exist; throws
    /// `CredentialsError.profileNotFound` when a profile named by `--profile` or `AWS_PROFILE` does not exist.
    public func selectedProfile() throws -> ProfileSettings? {
        if let profile = files.profile(named: profileName) { return profile }
        if isProfileNamed {
            throw CredentialsError.profileNotFound(
                profile: profileName, configFile: files.configFilePath,
                credentialsFile: files.credentialsFilePath)
        }
        return nil
    }

    // MARK: Region

    /// The region: `--region`, `AWS_REGION`, `AWS_DEFAULT_REGION`, then the profile's `region`; nil when none is
    /// set. Throws for an invalid region name, or when the named profile is missing and has to be read.
    public func resolveRegion() throws -> ResolvedSetting<String>? {
        var candidate: ResolvedSetting<String>?
        if let region = options.region, !region.isEmpty {
            candidate = ResolvedSetting(value: region, source: .option("--region"))
        } else if let region = environment["AWS_REGION"] {
            candidate = ResolvedSetting(value: region, source: .environment("AWS_REGION"))
        } else if let region = environment["AWS_DEFAULT_REGION"] {
            candidate = ResolvedSetting(value: region, source: .environment("AWS_DEFAULT_REGION"))
        } else if let profile = try selectedProfile(), let region = profile["region"] {
            candidate = ResolvedSetting(value: region, source: .profile(profile.name, key: "region"))
        }
        guard let candidate else { return nil }
        guard Self.isValidRegionName(candidate.value) else {
            throw CredentialsError.invalidSetting(
                name: "region", value: candidate.value,
                source: candidate.source.description,
                expected: "a region name such as us-east-1")
        }
        return candidate
    }

    /// The region's name only; see `resolveRegion()`.
    public func region() throws -> String? { try resolveRegion()?.value }

    /// botocore's check: 1 to 63 letters, digits and hyphens, not starting or ending with a hyphen.
    static func isValidRegionName(_ name: String) -> Bool {
        let characters = Array(name.utf8)
        guard (1...63).contains(characters.count) else { return false }
        let allowed = { (c: UInt8) in (c >= 48 && c <= 57) || (c >= 65 && c <= 90) || (c >= 97 && c <= 122) || c == 45 }
        return characters.allSatisfy(allowed) && characters.first != 45 && characters.last != 45
    }

    // MARK: Endpoint

    /// `AWS_ENDPOINT_URL_` and the service id upper-cased with spaces and hyphens as underscores, e.g.
    /// `AWS_ENDPOINT_URL_S3`, `AWS_ENDPOINT_URL_CLOUDTRAIL`.
    public static func endpointVariable(forService serviceId: String) -> String {
        "AWS_ENDPOINT_URL_" + serviceKey(serviceId).uppercased()
    }

    /// The key of a service in a `[services NAME]` section: the service id lower-cased with spaces and hyphens
    /// as underscores, e.g. `s3`, `cloudtrail`.
    public static func servicesSectionKey(forService serviceId: String) -> String {
        serviceKey(serviceId).lowercased()
    }

    private static func serviceKey(_ serviceId: String) -> String {
        serviceId.trimmingCharacters(in: .whitespaces).replacingOccurrences(of: " ", with: "_")
            .replacingOccurrences(of: "-", with: "_")
    }

    /// The endpoint for the service `serviceId` (its SDK service id: `S3`, `CloudTrail`, `STS`, `KMS`,
    /// `Organizations`): `--endpoint-url`; then, unless `AWS_IGNORE_CONFIGURED_ENDPOINT_URLS` or the profile's
    /// `ignore_configured_endpoint_urls` is true, `AWS_ENDPOINT_URL_<SERVICE>`, `AWS_ENDPOINT_URL`, the
    /// profile's `[services]` section entry, and the profile's `endpoint_url`. Nil means the default endpoint.
    public func resolveEndpointURL(forService serviceId: String) throws -> ResolvedSetting<URL>? {
        if let url = options.endpointURL, !url.isEmpty {
            return try Self.endpoint(url, source: .option("--endpoint-url"))
        }
        let profile = try selectedProfile()
        let ignore =
            environment.isTrue("AWS_IGNORE_CONFIGURED_ENDPOINT_URLS")
            ?? (profile?["ignore_configured_endpoint_urls"]?.lowercased() == "true")
        if ignore { return nil }
        let serviceVariable = Self.endpointVariable(forService: serviceId)
        if let url = environment[serviceVariable] {
            return try Self.endpoint(url, source: .environment(serviceVariable))
        }
        if let url = environment["AWS_ENDPOINT_URL"] {
            return try Self.endpoint(url, source: .environment("AWS_ENDPOINT_URL"))
        }
        guard let profile else { return nil }
        if let sectionName = profile["services"], let services = files.servicesSection(named: sectionName) {
            let key = Self.servicesSectionKey(forService: serviceId)
            if let url = services[key]?["endpoint_url"], !url.isEmpty {
                return try Self.endpoint(url, source: .servicesSection(sectionName, service: key))
            }
        }
        if let url = profile["endpoint_url"] {
            return try Self.endpoint(url, source: .profile(profile.name, key: "endpoint_url"))
        }
        return nil
    }

    /// The endpoint URL only; see `resolveEndpointURL(forService:)`.
    public func endpointURL(forService serviceId: String) throws -> URL? {
        try resolveEndpointURL(forService: serviceId)?.value
    }

    private static func endpoint(_ text: String, source: SettingSource) throws -> ResolvedSetting<URL> {
        guard let url = URL(string: text), let scheme = url.scheme?.lowercased(), scheme == "http" || scheme == "https",
            let host = url.host, !host.isEmpty
        else {
            throw CredentialsError.invalidSetting(
                name: "endpoint URL", value: text, source: source.description,
                expected: "an http or https URL with a host")
        }
        return ResolvedSetting(value: url, source: source)
    }
}
