import Foundation
import Testing

@testable import AWSClient

@Suite("Shared config file parsing")
struct ConfigurationFileParsingTests {
    @Test(
        "INI syntax as the CLI's parser reads it",
        arguments: [
            // (file text, section, key, expected value)
            ("[default]\nregion = us-east-1\n", "default", "region", "us-east-1"),
            ("[default]\nregion: eu-west-1\n", "default", "region", "eu-west-1"),
            ("[default]\nREGION = eu-west-2\n", "default", "region", "eu-west-2"),
            ("[default]\n  region   =   ap-south-1   \n", "default", "region", "ap-south-1"),
            (
                "# top comment\n[default]\n; semicolon comment\n  # indented comment\nregion = us-west-2\n", "default",
                "region", "us-west-2"
            ),
            ("[default]\nregion = us-east-1 # not a comment\n", "default", "region", "us-east-1 # not a comment"),
            ("[default]\r\nregion = ca-central-1\r\n", "default", "region", "ca-central-1"),
            ("[default]\nendpoint_url = http://localhost:4566\n", "default", "endpoint_url", "http://localhost:4566"),
            (
                "[default]\ncredential_process = /bin/tool --x=1 --y:2\n", "default", "credential_process",
                "/bin/tool --x=1 --y:2"
            ),
            ("[default]\nregion =\n", "default", "region", ""),
            (
                "[default]\nregion = us-east-1\n[other]\nregion = x\n[default]\noutput = json\n", "default", "region",
                "us-east-1"
            ),
            ("[default]\nregion = us-east-1\n[default]\nregion = eu-north-1\n", "default", "region", "eu-north-1"),
            (
                "[profile a]\nregion = us-east-1\n    [not a header]\n", "profile a", "region",
                "us-east-1\n[not a header]"
            ),
        ] as [(String, String, String, String)])
    func syntax(_ text: String, _ section: String, _ key: String, _ expected: String) {
        let document = INIDocument.parse(text)
        #expect(document.section(named: section)?.values[key] == expected)
    }

    @Test("nested s3 = sub-sections are kept apart and do not break the keys after them")
    func nested() {
        let document = INIDocument.parse(
            """
            [profile dev]
            region = us-east-1
            s3 =
              max_concurrent_requests = 20
              addressing_style = path
            output = json
            sts =
                endpoint_url = http://localhost:4566
            [profile next]
            region = eu-west-1
            """)
        let dev = document.section(named: "profile dev")
        #expect(dev?.values == ["region": "us-east-1", "output": "json"])
        #expect(dev?.subsections["s3"] == ["max_concurrent_requests": "20", "addressing_style": "path"])
        #expect(dev?.subsections["sts"] == ["endpoint_url": "http://localhost:4566"])
        #expect(document.section(named: "profile next")?.values["region"] == "eu-west-1")
    }

    @Test("lines outside sections or without a delimiter are skipped by number, the rest still parses")
    func skipped() {
        let document = INIDocument.parse(
            """
            orphan = 1
            [default]
            this line has no delimiter
            region = us-east-1
            = empty key
            """)
        #expect(document.skippedLines == [1, 3, 5])
        #expect(document.section(named: "default")?.values == ["region": "us-east-1"])
    }

    @Test(
        "profile sections: [profile x] and [default] in config, [x] in credentials",
        arguments: [
            ("default", "default"),
            ("profile dev", "dev"),
            ("profile   spaced", "spaced"),
            ("profile \"my profile\"", "my profile"),
            ("profile 'quoted'", "quoted"),
        ])
    func configProfileNames(_ header: String, _ name: String) {
        #expect(SharedConfigFiles.configProfileName(header) == name)
    }

    @Test(
        "sections that are not profiles in the config file",
        arguments: [
            "profile", "profilefoo", "profile a b", "sso-session corp", "services local", "dev", "plugins",
        ])
    func notProfiles(_ header: String) {
        #expect(SharedConfigFiles.configProfileName(header) == nil)
    }

    @Test("a profile merges both files, the credentials file winning; config-only sections are ignored")
    func merge() throws {
        let files = try SharedConfigFiles.load(
            from: credentialsTestEnvironment(
                config: """
                    [default]
                    region = us-east-1
                    [profile dev]
                    region = eu-west-1
                    output = json
                    s3 =
                      addressing_style = path
                    [dev]
                    region = should-not-be-read
                    [sso-session corp]
                    sso_region = us-east-1
                    """,
                credentials: """
                    [dev]
                    aws_access_key_id = AKIADEV
                    region = eu-central-1
                    [profile ci]
                    aws_access_key_id = AKIACI
                    [only-creds]
                    aws_access_key_id = AKIAONLY
                    """))
        let dev = try #require(files.profile(named: "dev"))
        #expect(dev["region"] == "eu-central-1")
        #expect(dev["output"] == "json")
        #expect(dev.configFileValues["region"] == "eu-west-1")
        #expect(dev.credentialsFileValues["aws_access_key_id"] == "AKIADEV")
        #expect(dev.subsections["s3"] == ["addressing_style": "path"])
        #expect(files.profileNames == ["default", "dev", "profile ci", "only-creds"])
        #expect(files.profile(named: "corp") == nil)
        #expect(files.profile(named: "profile ci")?["aws_access_key_id"] == "AKIACI")
        #expect(files.profile(named: "ci") == nil)
    }

    @Test("[default] and [profile default] both name default; the later section wins")
    func profileDefault() throws {
        let files = try SharedConfigFiles.load(
            from: credentialsTestEnvironment(
                config: """
                    [default]
                    region = us-east-1
                    output = text
                    [profile default]
                    region = eu-west-1
                    """))
        let profile = try #require(files.profile(named: "default"))
        #expect(profile["region"] == "eu-west-1")
        #expect(profile["output"] == nil)
    }
}

@Suite("Shared config file locations and profile selection")
struct ConfigurationLocationTests {
    @Test(
        "file paths: variables first, else $HOME/.aws; ~ and $VARS expanded",
        arguments: [
            ([String: String](), "/home/test/.aws/config", "/home/test/.aws/credentials"),
            (
                ["AWS_CONFIG_FILE": "/etc/aws/cfg", "AWS_SHARED_CREDENTIALS_FILE": "/etc/aws/creds"], "/etc/aws/cfg",
                "/etc/aws/creds"
            ),
            (["AWS_CONFIG_FILE": "~/custom/config"], "/home/test/custom/config", "/home/test/.aws/credentials"),
            (
                ["AWS_SHARED_CREDENTIALS_FILE": "$TEAM_DIR/creds", "TEAM_DIR": "/srv/team"], "/home/test/.aws/config",
                "/srv/team/creds"
            ),
            (
                ["AWS_SHARED_CREDENTIALS_FILE": "${TEAM_DIR}/creds", "TEAM_DIR": "/srv/team"], "/home/test/.aws/config",
                "/srv/team/creds"
            ),
            (["AWS_SHARED_CREDENTIALS_FILE": "$UNSET_DIR/creds"], "/home/test/.aws/config", "$UNSET_DIR/creds"),
            (["AWS_CONFIG_FILE": ""], "/home/test/.aws/config", "/home/test/.aws/credentials"),
        ])
    func paths(_ variables: [String: String], _ config: String, _ credentials: String) {
        let paths = SharedConfigFiles.paths(in: credentialsTestEnvironment(variables))
        #expect(paths.config == config)
        #expect(paths.credentials == credentials)
    }

    @Test("HOME falls back to USERPROFILE, then HOMEDRIVE + HOMEPATH")
    func homeFallbacks() {
        #expect(AWSEnvironment(variables: ["USERPROFILE": "C:\\Users\\a"]).homeDirectory == "C:\\Users\\a")
        #expect(AWSEnvironment(variables: ["HOMEDRIVE": "D:", "HOMEPATH": "\\u"]).homeDirectory == "D:\\u")
        #expect(AWSEnvironment(variables: [:]).homeDirectory == nil)
    }

    @Test("real files in a temporary directory are read through AWS_CONFIG_FILE / AWS_SHARED_CREDENTIALS_FILE")
    func realFiles() throws {
        let temporary = try TemporaryAWSFiles(
            config: "[profile dev]\nregion = eu-west-3\n",
            credentials: "[dev]\naws_access_key_id = AKIATEMP\n")
        defer { temporary.remove() }
        let resolver = try AWSConfigurationResolver(environment: temporary.environment(["AWS_PROFILE": "dev"]))
        #expect(resolver.files.configFilePath == temporary.configPath)
        #expect(try resolver.region() == "eu-west-3")
        #expect(try resolver.selectedProfile()?["aws_access_key_id"] == "AKIATEMP")
    }

    @Test("missing files read as no profiles; default HOME location is used")
    func missingFiles() throws {
        let temporary = try TemporaryAWSFiles()
        defer { temporary.remove() }
        let environment = AWSEnvironment(variables: ["HOME": temporary.directory.path])
        let resolver = try AWSConfigurationResolver(environment: environment)
        #expect(resolver.files.configFilePath == temporary.directory.path + "/.aws/config")
        #expect(resolver.files.configFile == nil && resolver.files.credentialsFile == nil)
        #expect(try resolver.selectedProfile() == nil)
        #expect(try resolver.region() == nil)
    }

    @Test("a file that exists but cannot be read is an error naming its path")
    func unreadable() async throws {
        let temporary = try TemporaryAWSFiles()
        defer { temporary.remove() }
        try FileManager.default.createDirectory(atPath: temporary.configPath, withIntermediateDirectories: true)
        let error = await expectCredentialsError {
            _ = try AWSConfigurationResolver(environment: temporary.environment())
        }
        #expect(error == .unreadableFile(path: temporary.configPath, reason: "it is a directory"))
        #expect(error?.description == "cannot read \(temporary.configPath): it is a directory")

        let memory = AWSEnvironment(
            variables: ["HOME": "/h"],
            files: InMemoryAWSFiles(files: [:], unreadable: ["/h/.aws/credentials"]))
        let memoryError = await expectCredentialsError { _ = try AWSConfigurationResolver(environment: memory) }
        #expect(memoryError == .unreadableFile(path: "/h/.aws/credentials", reason: "permission denied"))
    }

    @Test(
        "profile: --profile, else AWS_PROFILE, else default",
        arguments: [
            (String?.none, [String: String](), "default", SettingSource.defaultValue),
            (nil, ["AWS_PROFILE": "envprof"], "envprof", .environment("AWS_PROFILE")),
            ("cli", ["AWS_PROFILE": "envprof"], "cli", .option("--profile")),
            ("", ["AWS_PROFILE": "envprof"], "envprof", .environment("AWS_PROFILE")),
            (nil, ["AWS_PROFILE": ""], "default", .defaultValue),
        ])
    func profileSelection(_ option: String?, _ variables: [String: String], _ name: String, _ source: SettingSource)
        throws
    {
        let resolver = try AWSConfigurationResolver(
            environment: credentialsTestEnvironment(variables),
            options: AWSConfigurationOptions(profile: option))
        #expect(resolver.profileName == name)
        #expect(resolver.profileSource == source)
        #expect(resolver.isProfileExplicit == (source == .option("--profile")))
    }

    @Test("a named profile that does not exist is one error naming the profile and both files")
    func missingProfile() async throws {
        for (option, variables) in [("ghost", [String: String]()), (nil, ["AWS_PROFILE": "ghost"])] {
            let resolver = try AWSConfigurationResolver(
                environment: credentialsTestEnvironment(variables, config: "[default]\n"),
                options: AWSConfigurationOptions(profile: option))
            let error = await expectCredentialsError { _ = try resolver.selectedProfile() }
            #expect(
                error
                    == .profileNotFound(
                        profile: "ghost", configFile: "/home/test/.aws/config",
                        credentialsFile: "/home/test/.aws/credentials"))
            #expect(
                error?.description
                    == "profile \"ghost\" not found in /home/test/.aws/config or /home/test/.aws/credentials")
        }
        // The implicit default profile may be missing.
        #expect(try AWSConfigurationResolver(environment: credentialsTestEnvironment()).selectedProfile() == nil)
    }
}

@Suite("Region and endpoint resolution")
struct ConfigurationResolutionTests {
    static let config = """
        [default]
        region = us-west-1
        [profile dev]
        region = eu-west-1
        endpoint_url = https://profile.example.com
        services = local
        [profile ignoring]
        endpoint_url = https://profile.example.com
        ignore_configured_endpoint_urls = true
        [profile noregion]
        output = json
        [services local]
        s3 =
          endpoint_url = http://localhost:4566
        cloudtrail =
          endpoint_url = http://localhost:4567
        """

    @Test(
        "region precedence: --region, AWS_REGION, AWS_DEFAULT_REGION, profile region",
        arguments: [
            (
                "ap-east-1", ["AWS_REGION": "eu-north-1", "AWS_DEFAULT_REGION": "sa-east-1"], "dev", "ap-east-1",
                SettingSource.option("--region")
            ),
            (
                nil, ["AWS_REGION": "eu-north-1", "AWS_DEFAULT_REGION": "sa-east-1"], "dev", "eu-north-1",
                .environment("AWS_REGION")
            ),
            (nil, ["AWS_DEFAULT_REGION": "sa-east-1"], "dev", "sa-east-1", .environment("AWS_DEFAULT_REGION")),
            (nil, [:], "dev", "eu-west-1", .profile("dev", key: "region")),
            (nil, [:], "default", "us-west-1", .profile("default", key: "region")),
            (nil, ["AWS_REGION": ""], "dev", "eu-west-1", .profile("dev", key: "region")),
        ] as [(String?, [String: String], String, String, SettingSource)])
    func region(
        _ option: String?, _ variables: [String: String], _ profile: String, _ expected: String, _ source: SettingSource
    ) throws {
        var variables = variables
        variables["AWS_PROFILE"] = profile
        let resolver = try AWSConfigurationResolver(
            environment: credentialsTestEnvironment(variables, config: Self.config),
            options: AWSConfigurationOptions(region: option))
        #expect(try resolver.resolveRegion() == ResolvedSetting(value: expected, source: source))
    }

    @Test(
        "no region anywhere is nil; an invalid region is an error; a missing named profile is only an error when read")
    func regionEdges() async throws {
        let none = try AWSConfigurationResolver(
            environment: credentialsTestEnvironment(["AWS_PROFILE": "noregion"], config: Self.config))
        #expect(try none.region() == nil)

        let invalid = try AWSConfigurationResolver(environment: credentialsTestEnvironment(["AWS_REGION": "us east 1"]))
        let error = await expectCredentialsError { _ = try invalid.region() }
        #expect(
            error?.description
                == "invalid region \"us east 1\" from AWS_REGION: expected a region name such as us-east-1")

        let ghostWithVariable = try AWSConfigurationResolver(
            environment: credentialsTestEnvironment(["AWS_PROFILE": "ghost", "AWS_REGION": "us-east-2"]))
        #expect(try ghostWithVariable.region() == "us-east-2")
        let ghost = try AWSConfigurationResolver(environment: credentialsTestEnvironment(["AWS_PROFILE": "ghost"]))
        let ghostError = await expectCredentialsError { _ = try ghost.region() }
        #expect(
            ghostError
                == .profileNotFound(
                    profile: "ghost", configFile: "/home/test/.aws/config",
                    credentialsFile: "/home/test/.aws/credentials"))
    }

    @Test(
        "service endpoint variable names",
        arguments: [
            ("S3", "AWS_ENDPOINT_URL_S3", "s3"),
            ("CloudTrail", "AWS_ENDPOINT_URL_CLOUDTRAIL", "cloudtrail"),
            ("STS", "AWS_ENDPOINT_URL_STS", "sts"),
            ("KMS", "AWS_ENDPOINT_URL_KMS", "kms"),
            ("Organizations", "AWS_ENDPOINT_URL_ORGANIZATIONS", "organizations"),
            ("Cognito Identity Provider", "AWS_ENDPOINT_URL_COGNITO_IDENTITY_PROVIDER", "cognito_identity_provider"),
        ])
    func endpointNames(_ service: String, _ variable: String, _ key: String) {
        #expect(AWSConfigurationResolver.endpointVariable(forService: service) == variable)
        #expect(AWSConfigurationResolver.servicesSectionKey(forService: service) == key)
    }

    @Test(
        "endpoint precedence: --endpoint-url, AWS_ENDPOINT_URL_<SERVICE>, AWS_ENDPOINT_URL, [services], endpoint_url",
        arguments: [
            (
                "http://cli:1", ["AWS_ENDPOINT_URL_S3": "http://svc:2", "AWS_ENDPOINT_URL": "http://all:3"], "dev",
                "S3",
                "http://cli:1", SettingSource.option("--endpoint-url")
            ),
            (
                nil, ["AWS_ENDPOINT_URL_S3": "http://svc:2", "AWS_ENDPOINT_URL": "http://all:3"], "dev", "S3",
                "http://svc:2", .environment("AWS_ENDPOINT_URL_S3")
            ),
            (
                nil, ["AWS_ENDPOINT_URL_S3": "http://svc:2", "AWS_ENDPOINT_URL": "http://all:3"], "dev", "CloudTrail",
                "http://all:3", .environment("AWS_ENDPOINT_URL")
            ),
            (
                nil, ["AWS_ENDPOINT_URL_CLOUDTRAIL": "http://trail:5"], "dev", "CloudTrail",
                "http://trail:5", .environment("AWS_ENDPOINT_URL_CLOUDTRAIL")
            ),
            (nil, [:], "dev", "S3", "http://localhost:4566", .servicesSection("local", service: "s3")),
            (nil, [:], "dev", "CloudTrail", "http://localhost:4567", .servicesSection("local", service: "cloudtrail")),
            (nil, [:], "dev", "KMS", "https://profile.example.com", .profile("dev", key: "endpoint_url")),
            (
                "http://cli:1", ["AWS_IGNORE_CONFIGURED_ENDPOINT_URLS": "true"], "dev", "S3", "http://cli:1",
                .option("--endpoint-url")
            ),
        ] as [(String?, [String: String], String, String, String, SettingSource)])
    func endpoint(
        _ option: String?, _ variables: [String: String], _ profile: String, _ service: String,
        _ expected: String, _ source: SettingSource
    ) throws {
        var variables = variables
        variables["AWS_PROFILE"] = profile
        let resolver = try AWSConfigurationResolver(
            environment: credentialsTestEnvironment(variables, config: Self.config),
            options: AWSConfigurationOptions(endpointURL: option))
        let resolved = try resolver.resolveEndpointURL(forService: service)
        #expect(resolved?.value.absoluteString == expected)
        #expect(resolved?.source == source)
    }

    @Test(
        "no endpoint configured, or configured ones ignored, gives nil",
        arguments: [
            ([String: String](), "default"),
            (["AWS_IGNORE_CONFIGURED_ENDPOINT_URLS": "true", "AWS_ENDPOINT_URL": "http://all:3"], "dev"),
            (["AWS_IGNORE_CONFIGURED_ENDPOINT_URLS": "TRUE"], "dev"),
            (["AWS_ENDPOINT_URL_STS": "http://sts:9"], "ignoring"),
            ([:], "ignoring"),
        ])
    func noEndpoint(_ variables: [String: String], _ profile: String) throws {
        var variables = variables
        variables["AWS_PROFILE"] = profile
        let resolver = try AWSConfigurationResolver(
            environment: credentialsTestEnvironment(variables, config: Self.config))
        #expect(try resolver.endpointURL(forService: "STS") == nil)
    }

    @Test("AWS_IGNORE_CONFIGURED_ENDPOINT_URLS=false overrides the profile's ignore setting")
    func ignoreOverride() throws {
        let resolver = try AWSConfigurationResolver(
            environment: credentialsTestEnvironment(
                ["AWS_PROFILE": "ignoring", "AWS_IGNORE_CONFIGURED_ENDPOINT_URLS": "false"], config: Self.config))
        #expect(try resolver.endpointURL(forService: "STS")?.absoluteString == "https://profile.example.com")
    }

    @Test("an endpoint that is not an http(s) URL is an error naming where it came from")
    func invalidEndpoint() async throws {
        let resolver = try AWSConfigurationResolver(
            environment: credentialsTestEnvironment(["AWS_ENDPOINT_URL_KMS": "localhost:4566"]))
        let error = await expectCredentialsError { _ = try resolver.endpointURL(forService: "KMS") }
        #expect(
            error?.description
                == "invalid endpoint URL \"localhost:4566\" from AWS_ENDPOINT_URL_KMS: expected an http or https URL with a host"
        )
    }
}
