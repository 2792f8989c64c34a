import Foundation

/// One profile's settings from the shared config files, as the AWS CLI sees them.
public struct ProfileSettings: Sendable, Equatable {
    public var name: String
    /// The profile's settings in the config file (`[profile name]`, or `[default]`).
    public var configFileValues: [String: String]
    /// The profile's settings in the credentials file (`[name]`).
    public var credentialsFileValues: [String: String]
    /// Nested settings (`s3 =` followed by indented `key = value` lines), the credentials file's winning.
    public var subsections: [String: [String: String]]

    public init(
        name: String, configFileValues: [String: String] = [:], credentialsFileValues: [String: String] = [:],
        subsections: [String: [String: String]] = [:]
    ) {
        self.name = name
        self.configFileValues = configFileValues
        self.credentialsFileValues = credentialsFileValues
        self.subsections = subsections
    }

    /// The setting `key` as the CLI reads it: the credentials file's value over the config file's (botocore merges
    /// the credentials file into the config file's profiles). An empty value counts as unset.
    public subscript(key: String) -> String? {
        if let value = credentialsFileValues[key], !value.isEmpty { return value }
        if let value = configFileValues[key], !value.isEmpty { return value }
        return nil
    }

    /// Whether `key` is set (non-empty) in either file.
    public func has(_ key: String) -> Bool { self[key] != nil }
}

/// The shared `config` and `credentials` files, their paths and parsed contents.
public struct SharedConfigFiles: Sendable, Equatable {
    /// Where the config file is (`AWS_CONFIG_FILE`, else `~/.aws/config`), expanded.
    public var configFilePath: String
    /// Where the credentials file is (`AWS_SHARED_CREDENTIALS_FILE`, else `~/.aws/credentials`), expanded.
    public var credentialsFilePath: String
    /// The parsed config file; nil when there is no file.
    public var configFile: INIDocument?
    /// The parsed credentials file; nil when there is no file.
    public var credentialsFile: INIDocument?

    public init(
        configFilePath: String, credentialsFilePath: String, configFile: INIDocument?, credentialsFile: INIDocument?
    ) {
        self.configFilePath = configFilePath
        self.credentialsFilePath = credentialsFilePath
        self.configFile = configFile
        self.credentialsFile = credentialsFile
    }

    /// The two paths for `environment`: `AWS_CONFIG_FILE` / `AWS_SHARED_CREDENTIALS_FILE`, else under `~/.aws/`,
    /// with `~` and `$VARIABLES` expanded.
    public static func paths(in environment: AWSEnvironment) -> (config: String, credentials: String) {
        let config = environment["AWS_CONFIG_FILE"] ?? "~/.aws/config"
        let credentials = environment["AWS_SHARED_CREDENTIALS_FILE"] ?? "~/.aws/credentials"
        return (environment.expandingPath(config), environment.expandingPath(credentials))
    }

    /// Reads and parses both files. A missing file is no error (it reads as no profiles); a file that exists
    /// but cannot be read throws `CredentialsError.unreadableFile`.
    public static func load(from environment: AWSEnvironment) throws -> SharedConfigFiles {
        let (configPath, credentialsPath) = paths(in: environment)
        let config = try environment.readText(atPath: configPath).map(INIDocument.parse)
        let credentials = try environment.readText(atPath: credentialsPath).map(INIDocument.parse)
        return SharedConfigFiles(
            configFilePath: configPath, credentialsFilePath: credentialsPath,
            configFile: config, credentialsFile: credentials)
    }

    /// The profile name a config-file section header names: `default`, or `profile NAME` (with shell quoting,
    /// so `[profile "my name"]` works); nil for other sections (`sso-session`, `services`, …).
    static func configProfileName(_ header: String) -> String? {
        if header == "default" { return "default" }
        guard header.hasPrefix("profile"), let words = try? ShellWords.split(header),
            words.count == 2, words[0] == "profile"
        else { return nil }
        return words[1]
    }

    /// The config file's profile sections by profile name. `[default]` and `[profile default]` both name
    /// `default`; the later section wins, as in botocore.
    private var configProfiles: [String: INIDocument.Section] {
        var profiles: [String: INIDocument.Section] = [:]
        for section in configFile?.sections ?? [] {
            if let name = Self.configProfileName(section.name) { profiles[name] = section }
        }
        return profiles
    }

    /// Every profile name in either file: config file order, then credentials-file-only names.
    public var profileNames: [String] {
        var names: [String] = []
        for section in configFile?.sections ?? [] {
            if let name = Self.configProfileName(section.name), !names.contains(name) { names.append(name) }
        }
        for section in credentialsFile?.sections ?? [] where !names.contains(section.name) {
            names.append(section.name)
        }
        return names
    }

    /// The profile `name`, merged from both files; nil when neither file has it.
    public func profile(named name: String) -> ProfileSettings? {
        let config = configProfiles[name]
        let credentials = credentialsFile?.section(named: name)
        guard config != nil || credentials != nil else { return nil }
        var subsections = config?.subsections ?? [:]
        subsections.merge(credentials?.subsections ?? [:]) { _, new in new }
        return ProfileSettings(
            name: name, configFileValues: config?.values ?? [:],
            credentialsFileValues: credentials?.values ?? [:], subsections: subsections)
    }

    /// The nested settings of a `[services NAME]` section of the config file, by service key (`s3`, `sts`, …).
    public func servicesSection(named name: String) -> [String: [String: String]]? {
        for section in (configFile?.sections ?? []).reversed() where section.name.hasPrefix("services") {
            if let words = try? ShellWords.split(section.name), words.count == 2, words[0] == "services",
                words[1] == name
            {
                return section.subsections
            }
        }
        return nil
    }
}
