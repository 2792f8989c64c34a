import Foundation
import Testing

@testable import AWSClient

/// Builds the standard chain over in-memory files and stubs.
private func standardChain(
    _ variables: [String: String] = [:], config: String? = nil, credentials: String? = nil,
    files: [String: String] = [:],
    options: AWSConfigurationOptions = AWSConfigurationOptions(),
    transport: MetadataStubTransport = MetadataStubTransport([:]),
    roleAssumer: RecordingRoleAssumer = RecordingRoleAssumer(),
    processRunner: any CredentialProcessRunning = StubProcessRunner([:]),
    clock: CredentialsTestClock = CredentialsTestClock()
) throws -> CredentialsProviderChain {
    let environment = credentialsTestEnvironment(variables, config: config, credentials: credentials, files: files)
    let resolver = try AWSConfigurationResolver(environment: environment, options: options)
    return try .standard(
        configuration: resolver, roleAssumer: roleAssumer, transport: transport,
        processRunner: processRunner, now: clock.closure)
}

private let environmentKeys = ["AWS_ACCESS_KEY_ID": "AKIAENV", "AWS_SECRET_ACCESS_KEY": "envSecretKEY"]
private let profileCredentials = """
    [default]
    aws_access_key_id = AKIADEFAULT
    aws_secret_access_key = credsFileSecretKEY
    [dev]
    aws_access_key_id = AKIADEV
    aws_secret_access_key = credsFileSecretKEY
    """
private let containerVariables = ["AWS_CONTAINER_CREDENTIALS_RELATIVE_URI": "/v2/credentials/abc"]
private let containerAnswers: [String: [MetadataStubTransport.Answer]] = [
    "GET http://169.254.170.2/v2/credentials/abc": [MetadataStubTransport.containerAnswer()]
]

@Suite("Credential chain precedence")
struct CredentialsChainPrecedenceTests {
    enum Source: String, CaseIterable, Sendable { case environment, profile, container, imds }

    @Test(
        "the first configured source wins: environment, profile, container, IMDS",
        arguments: [
            (
                [Source.environment, .profile, .container, .imds], [String: String](), AWSConfigurationOptions(),
                "AKIAENV"
            ),
            ([.profile, .container, .imds], [:], AWSConfigurationOptions(), "AKIADEFAULT"),
            ([.container, .imds], [:], AWSConfigurationOptions(), "ASIACONTAINER"),
            ([.imds], [:], AWSConfigurationOptions(), "ASIAIMDS"),
            // --profile turns environment keys off, as in the CLI.
            ([.environment, .profile], [:], AWSConfigurationOptions(profile: "dev"), "AKIADEV"),
            // AWS_PROFILE does not: environment keys still win.
            ([.environment, .profile], ["AWS_PROFILE": "dev"], AWSConfigurationOptions(), "AKIAENV"),
            ([.profile], ["AWS_PROFILE": "dev"], AWSConfigurationOptions(), "AKIADEV"),
            // With --profile and no keys in it, the chain goes on to the container.
            ([.environment, .container], [:], AWSConfigurationOptions(profile: "empty"), "ASIACONTAINER"),
        ] as [([Source], [String: String], AWSConfigurationOptions, String)])
    func precedence(
        _ sources: [Source], _ extra: [String: String], _ options: AWSConfigurationOptions, _ expected: String
    ) async throws {
        var variables = extra
        var answers: [String: [MetadataStubTransport.Answer]] = [:]
        var credentials = "[empty]\nregion = us-east-1\n"
        if sources.contains(.environment) { variables.merge(environmentKeys) { $1 } }
        if sources.contains(.profile) { credentials += profileCredentials }
        if sources.contains(.container) {
            variables.merge(containerVariables) { $1 }
            answers.merge(containerAnswers) { $1 }
        }
        if sources.contains(.imds) { answers.merge(MetadataStubTransport.instanceMetadata()) { $1 } }
        let chain = try standardChain(
            variables, credentials: credentials, options: options,
            transport: MetadataStubTransport(answers))
        #expect(try await chain.credentials().accessKeyId == expected)
    }

    @Test("nothing configured: one line listing every source tried and why")
    func nothing() async throws {
        let chain = try standardChain()
        let error = await expectCredentialsError { _ = try await chain.credentials() }
        guard case .noCredentials(let tried)? = error else {
            Issue.record("unexpected \(String(describing: error))"); return
        }
        #expect(tried.count == 4)
        #expect(tried[0] == "environment variables (AWS_ACCESS_KEY_ID not set)")
        #expect(
            tried[1] == "profile \"default\" (no such profile in /home/test/.aws/config or /home/test/.aws/credentials)"
        )
        #expect(
            tried[2]
                == "container credentials endpoint (AWS_CONTAINER_CREDENTIALS_RELATIVE_URI and AWS_CONTAINER_CREDENTIALS_FULL_URI not set)"
        )
        #expect(
            tried[3].hasPrefix(
                "EC2 instance metadata (EC2 instance metadata service unreachable at http://169.254.169.254/latest/meta-data/iam/security-credentials/"
            ))
        #expect(
            error!.description.hasPrefix(
                "no AWS credentials found; tried environment variables (AWS_ACCESS_KEY_ID not set); profile \"default\""
            ))
    }

    @Test("IMDS disabled and a profile without keys are listed as tried")
    func disabledIMDS() async throws {
        let chain = try standardChain(["AWS_EC2_METADATA_DISABLED": "true"], config: "[default]\nregion = us-east-1\n")
        let error = await expectCredentialsError { _ = try await chain.credentials() }
        #expect(
            error?.description == "no AWS credentials found; tried environment variables (AWS_ACCESS_KEY_ID not set); "
                + "profile \"default\" (no role_arn, credential_process or access keys in the profile); container credentials endpoint "
                + "(AWS_CONTAINER_CREDENTIALS_RELATIVE_URI and AWS_CONTAINER_CREDENTIALS_FULL_URI not set); "
                + "EC2 instance metadata (disabled by AWS_EC2_METADATA_DISABLED)")
    }

    @Test("a missing profile named by --profile or AWS_PROFILE fails before anything else, even with environment keys")
    func missingProfile() async throws {
        for (options, variables) in [
            (AWSConfigurationOptions(profile: "ghost"), environmentKeys),
            (AWSConfigurationOptions(), environmentKeys.merging(["AWS_PROFILE": "ghost"]) { $1 }),
        ] {
            let error = await expectCredentialsError {
                _ = try standardChain(variables, credentials: profileCredentials, options: options)
            }
            #expect(
                error?.description
                    == "profile \"ghost\" not found in /home/test/.aws/config or /home/test/.aws/credentials")
        }
    }

    @Test("a configured source that fails ends the chain (the CLI does not fall through to IMDS)")
    func failureEndsChain() async throws {
        let transport = MetadataStubTransport(MetadataStubTransport.instanceMetadata())
        let chain = try standardChain(
            ["AWS_CONTAINER_CREDENTIALS_FULL_URI": "http://example.com/creds"], transport: transport)
        let error = await expectCredentialsError { _ = try await chain.credentials() }
        #expect(error == .containerEndpointNotAllowed(url: "http://example.com/creds"))
        #expect(transport.requests.isEmpty)
    }
}

@Suite("Environment and static profile credentials")
struct CredentialsStaticTests {
    @Test("environment variables, with the session token and expiration")
    func environment() async throws {
        let provider = EnvironmentCredentialsProvider(
            environment: credentialsTestEnvironment(
                environmentKeys.merging([
                    "AWS_SESSION_TOKEN": "envSessionTOKEN", "AWS_CREDENTIAL_EXPIRATION": "2030-01-02T03:04:05Z",
                ]) { $1 }))
        let credentials = try await provider.credentials()
        #expect(
            credentials
                == AWSCredentials(
                    accessKeyId: "AKIAENV", secretAccessKey: "envSecretKEY", sessionToken: "envSessionTOKEN",
                    expiration: Date(timeIntervalSince1970: 1_893_553_445)))
        CredentialsTestSecrets.expectAbsent(in: credentials.description)
    }

    @Test(
        "environment errors",
        arguments: [
            (
                ["AWS_ACCESS_KEY_ID": "AKIAENV"],
                "incomplete credentials in environment variables: AWS_SECRET_ACCESS_KEY is missing"
            ),
            (
                ["AWS_ACCESS_KEY_ID": "AKIAENV", "AWS_SECRET_ACCESS_KEY": ""],
                "incomplete credentials in environment variables: AWS_SECRET_ACCESS_KEY is missing"
            ),
            (
                environmentKeys.merging(["AWS_CREDENTIAL_EXPIRATION": "tomorrow"]) { $1 },
                "invalid AWS_CREDENTIAL_EXPIRATION \"tomorrow\" from environment variables: expected an ISO 8601 time such as 2024-05-01T12:00:00Z"
            ),
        ])
    func environmentErrors(_ variables: [String: String], _ message: String) async throws {
        let provider = EnvironmentCredentialsProvider(environment: credentialsTestEnvironment(variables))
        let error = await expectCredentialsError { _ = try await provider.credentials() }
        #expect(error?.description == message)
    }

    @Test("only a secret in the environment is not set up (the CLI looks at the access key id)")
    func secretOnly() async throws {
        let provider = EnvironmentCredentialsProvider(
            environment: credentialsTestEnvironment(["AWS_SECRET_ACCESS_KEY": "envSecretKEY"]))
        #expect(try await provider.lookUpCredentials() == .notConfigured("AWS_ACCESS_KEY_ID not set"))
    }

    @Test(
        "static keys: credentials file before config file; session token from either key name",
        arguments: [
            (
                "[profile p]\naws_access_key_id = AKIACONFIG\naws_secret_access_key = configFileSecretKEY\n",
                "[p]\naws_access_key_id = AKIACREDS\naws_secret_access_key = credsFileSecretKEY\naws_session_token = credsFileTOKEN\n",
                AWSCredentials(
                    accessKeyId: "AKIACREDS", secretAccessKey: "credsFileSecretKEY", sessionToken: "credsFileTOKEN")
            ),
            (
                "[profile p]\naws_access_key_id = AKIACONFIG\naws_secret_access_key = configFileSecretKEY\naws_security_token = credsFileTOKEN\n",
                "[p]\nregion = us-east-1\n",
                AWSCredentials(
                    accessKeyId: "AKIACONFIG", secretAccessKey: "configFileSecretKEY", sessionToken: "credsFileTOKEN")
            ),
            (
                "", "[p]\naws_access_key_id = AKIACREDS\naws_secret_access_key = credsFileSecretKEY\n",
                AWSCredentials(accessKeyId: "AKIACREDS", secretAccessKey: "credsFileSecretKEY")
            ),
        ])
    func staticKeys(_ config: String, _ credentials: String, _ expected: AWSCredentials) async throws {
        let chain = try standardChain(["AWS_PROFILE": "p"], config: config, credentials: credentials)
        #expect(try await chain.credentials() == expected)
    }

    @Test("an access key without its secret names the profile and file")
    func partialProfile() async throws {
        let chain = try standardChain(["AWS_PROFILE": "p"], credentials: "[p]\naws_access_key_id = AKIAHALF\n")
        let error = await expectCredentialsError { _ = try await chain.credentials() }
        #expect(
            error?.description
                == "incomplete credentials in profile \"p\" in /home/test/.aws/credentials: aws_secret_access_key is missing"
        )
    }

    @Test("the credentials file's keys come before credential_process, which comes before the config file's keys")
    func profileOrder() async throws {
        let runner = StubProcessRunner([
            ["/bin/creds"]: StubProcessRunner.json(
                #"{"Version": 1, "AccessKeyId": "AKIAPROCESS", "SecretAccessKey": "processSecretKEY"}"#)
        ])
        let config =
            "[profile p]\ncredential_process = /bin/creds\naws_access_key_id = AKIACONFIG\naws_secret_access_key = configFileSecretKEY\n"
        let withCredentialsFile = try standardChain(
            ["AWS_PROFILE": "p"], config: config,
            credentials: "[p]\naws_access_key_id = AKIACREDS\naws_secret_access_key = credsFileSecretKEY\n",
            processRunner: runner)
        #expect(try await withCredentialsFile.credentials().accessKeyId == "AKIACREDS")
        #expect(runner.calls.isEmpty)
        let withoutCredentialsFile = try standardChain(["AWS_PROFILE": "p"], config: config, processRunner: runner)
        #expect(try await withoutCredentialsFile.credentials().accessKeyId == "AKIAPROCESS")
    }

    @Test("a bare sso_session (used only by aws sso login) is not an SSO profile")
    func bareSSOSession() async throws {
        let chain = try standardChain(
            ["AWS_PROFILE": "p"], config: "[profile p]\nsso_session = corp\n",
            credentials: "[p]\naws_access_key_id = AKIAP\naws_secret_access_key = credsFileSecretKEY\n")
        #expect(try await chain.credentials().accessKeyId == "AKIAP")
    }

    @Test(
        "AWS_WEB_IDENTITY_TOKEN_FILE is reported instead of silently using another identity, unless --profile is given")
    func environmentWebIdentity() async throws {
        let variables = [
            "AWS_WEB_IDENTITY_TOKEN_FILE": "/var/run/secrets/token", "AWS_ROLE_ARN": "arn:aws:iam::1:role/irsa",
        ]
        .merging(containerVariables) { $1 }
        for credentials in [
            nil, "[default]\naws_access_key_id = AKIADEFAULT\naws_secret_access_key = credsFileSecretKEY\n",
        ] {
            let chain = try standardChain(
                variables, credentials: credentials, transport: MetadataStubTransport(containerAnswers))
            let error = await expectCredentialsError { _ = try await chain.credentials() }
            #expect(error == .unsupportedEnvironmentSetting(variable: "AWS_WEB_IDENTITY_TOKEN_FILE"))
        }
        let explicit = try standardChain(
            variables, credentials: profileCredentials, options: AWSConfigurationOptions(profile: "dev"))
        #expect(try await explicit.credentials().accessKeyId == "AKIADEV")
        let withEnvironmentKeys = try standardChain(variables.merging(environmentKeys) { $1 })
        #expect(try await withEnvironmentKeys.credentials().accessKeyId == "AKIAENV")
    }

    @Test(
        "unsupported profile kinds are reported, not skipped",
        arguments: [
            ("sso_session = corp\nsso_account_id = 1\nsso_role_name = r\n", "sso_role_name (IAM Identity Center)"),
            ("sso_start_url = https://x.awsapps.com/start\n", "sso_start_url (IAM Identity Center)"),
            ("role_arn = arn:aws:iam::1:role/r\nweb_identity_token_file = /t\n", "web_identity_token_file"),
        ])
    func unsupported(_ settings: String, _ setting: String) async throws {
        let chain = try standardChain(["AWS_PROFILE": "p"], config: "[profile p]\n" + settings)
        let error = await expectCredentialsError { _ = try await chain.credentials() }
        #expect(error == .unsupportedProfileSetting(profile: "p", setting: setting))
        #expect(error?.description.contains("aws configure export-credentials --profile p --format process") == true)
    }
}

@Suite("Assumed roles")
struct CredentialsRoleTests {
    static let config = """
        [profile base]
        region = eu-west-1
        [profile admin]
        role_arn = arn:aws:iam::111111111111:role/admin
        source_profile = base
        external_id = ext-123
        role_session_name = alice
        duration_seconds = 1800
        [profile plain]
        role_arn = arn:aws:iam::111111111111:role/plain
        source_profile = base
        [profile chained]
        role_arn = arn:aws:iam::222222222222:role/chained
        source_profile = admin
        [profile loop-a]
        role_arn = arn:aws:iam::1:role/a
        source_profile = loop-b
        [profile loop-b]
        role_arn = arn:aws:iam::1:role/b
        source_profile = loop-a
        [profile self]
        role_arn = arn:aws:iam::1:role/self
        source_profile = self
        aws_access_key_id = AKIASELF
        aws_secret_access_key = sourceSecretKEY
        [profile self-nokeys]
        role_arn = arn:aws:iam::1:role/self
        source_profile = self-nokeys
        [profile from-env]
        role_arn = arn:aws:iam::1:role/env
        credential_source = Environment
        [profile from-ecs]
        role_arn = arn:aws:iam::1:role/ecs
        credential_source = ecscontainer
        [profile from-ec2]
        role_arn = arn:aws:iam::1:role/ec2
        credential_source = Ec2InstanceMetadata
        [profile both]
        role_arn = arn:aws:iam::1:role/x
        source_profile = base
        credential_source = Environment
        [profile neither]
        role_arn = arn:aws:iam::1:role/x
        [profile bad-source]
        role_arn = arn:aws:iam::1:role/x
        credential_source = Magic
        [profile dangling]
        role_arn = arn:aws:iam::1:role/x
        source_profile = nowhere
        [profile empty-source]
        role_arn = arn:aws:iam::1:role/x
        source_profile = no-keys
        [profile no-keys]
        output = json
        [profile mfa]
        role_arn = arn:aws:iam::1:role/x
        source_profile = base
        mfa_serial = arn:aws:iam::1:mfa/alice
        [profile bad-duration]
        role_arn = arn:aws:iam::1:role/plain
        source_profile = base
        duration_seconds = one hour
        [profile keys-and-role]
        role_arn = arn:aws:iam::1:role/keys
        source_profile = base
        aws_access_key_id = AKIAKEYSROLE
        aws_secret_access_key = sourceSecretKEY
        [profile via-keys-and-role]
        role_arn = arn:aws:iam::1:role/outer
        source_profile = keys-and-role
        """
    static let credentials = "[base]\naws_access_key_id = AKIABASE\naws_secret_access_key = sourceSecretKEY\n"
    static let baseCredentials = AWSCredentials(accessKeyId: "AKIABASE", secretAccessKey: "sourceSecretKEY")

    @Test("source_profile: the request carries role, external id, session name and duration; source keys and region")
    func sourceProfile() async throws {
        let assumer = RecordingRoleAssumer()
        let chain = try standardChain(
            ["AWS_PROFILE": "admin"], config: Self.config, credentials: Self.credentials, roleAssumer: assumer)
        let credentials = try await chain.credentials()
        #expect(credentials.accessKeyId == "ASIA-admin")
        #expect(assumer.calls.count == 1)
        let call = try #require(assumer.calls.first)
        #expect(
            call.request
                == AssumeRoleRequest(
                    roleArn: "arn:aws:iam::111111111111:role/admin", roleSessionName: "alice",
                    externalId: "ext-123", durationSeconds: 1800))
        #expect(call.source == Self.baseCredentials)
        #expect(call.region == "us-east-1")
    }

    @Test(
        "default session name trailgate-<epoch>; region from configuration; bad duration ignored like the CLI",
        arguments: [
            ("plain", [String: String](), "us-east-1"),
            ("plain", ["AWS_REGION": "ap-southeast-2"], "ap-southeast-2"),
            ("bad-duration", ["AWS_DEFAULT_REGION": "eu-central-1"], "eu-central-1"),
        ])
    func defaults(_ profile: String, _ variables: [String: String], _ region: String) async throws {
        let assumer = RecordingRoleAssumer()
        let clock = CredentialsTestClock(Date(timeIntervalSince1970: 1_712_345_678.9))
        let chain = try standardChain(
            variables.merging(["AWS_PROFILE": profile]) { $1 }, config: Self.config,
            credentials: Self.credentials, roleAssumer: assumer, clock: clock)
        _ = try await chain.credentials()
        let call = try #require(assumer.calls.first)
        #expect(call.request.roleSessionName == "trailgate-1712345678")
        #expect(call.request.externalId == nil)
        #expect(call.request.durationSeconds == nil)
        #expect(call.region == region)
    }

    @Test("a chain of roles assumes each in turn, the inner role's credentials sourcing the outer")
    func chained() async throws {
        let assumer = RecordingRoleAssumer()
        let chain = try standardChain(
            ["AWS_PROFILE": "chained"], config: Self.config, credentials: Self.credentials, roleAssumer: assumer)
        #expect(try await chain.credentials().accessKeyId == "ASIA-chained")
        #expect(
            assumer.calls.map(\.request.roleArn) == [
                "arn:aws:iam::111111111111:role/admin", "arn:aws:iam::222222222222:role/chained",
            ])
        #expect(assumer.calls[0].source == Self.baseCredentials)
        #expect(assumer.calls[1].source.accessKeyId == "ASIA-admin")
    }

    @Test("a profile may source itself for its own keys; a source profile with keys uses them, not its role")
    func selfAndKeys() async throws {
        let assumer = RecordingRoleAssumer()
        let selfChain = try standardChain(["AWS_PROFILE": "self"], config: Self.config, roleAssumer: assumer)
        #expect(try await selfChain.credentials().accessKeyId == "ASIA-self")
        #expect(assumer.calls.last?.source.accessKeyId == "AKIASELF")

        let viaKeys = try standardChain(["AWS_PROFILE": "via-keys-and-role"], config: Self.config, roleAssumer: assumer)
        #expect(try await viaKeys.credentials().accessKeyId == "ASIA-outer")
        #expect(assumer.calls.last?.source.accessKeyId == "AKIAKEYSROLE")
        // At the top level the role wins over the profile's own keys.
        let top = try standardChain(
            ["AWS_PROFILE": "keys-and-role"], config: Self.config, credentials: Self.credentials, roleAssumer: assumer)
        #expect(try await top.credentials().accessKeyId == "ASIA-keys")
    }

    @Test("credential_source: Environment, EcsContainer, Ec2InstanceMetadata (case-insensitive)")
    func credentialSources() async throws {
        let variables = environmentKeys.merging(containerVariables) { $1 }
        let answers = containerAnswers.merging(MetadataStubTransport.instanceMetadata()) { $1 }
        for (profile, expectedSource) in [
            ("from-env", "AKIAENV"), ("from-ecs", "ASIACONTAINER"), ("from-ec2", "ASIAIMDS"),
        ] {
            let assumer = RecordingRoleAssumer()
            // --profile: environment keys are not used directly, only as the role's source.
            let chain = try standardChain(
                variables, config: Self.config, options: AWSConfigurationOptions(profile: profile),
                transport: MetadataStubTransport(answers), roleAssumer: assumer)
            #expect(try await chain.credentials().accessKeyId.hasPrefix("ASIA-"))
            #expect(assumer.calls.first?.source.accessKeyId == expectedSource)
        }
    }

    @Test(
        "role configuration errors, one line each",
        arguments: [
            ("loop-a", "source_profile cycle: \"loop-a\" -> \"loop-b\" -> \"loop-a\""),
            ("self-nokeys", "source_profile cycle: \"self-nokeys\" -> \"self-nokeys\""),
            ("both", "profile \"both\" sets both source_profile and credential_source"),
            ("neither", "profile \"neither\" sets role_arn but neither source_profile nor credential_source"),
            (
                "bad-source",
                "profile \"bad-source\" has credential_source \"Magic\"; expected Environment, EcsContainer or Ec2InstanceMetadata"
            ),
            ("dangling", "source_profile \"nowhere\" of profile \"dangling\" does not exist"),
            ("empty-source", "source_profile \"no-keys\" of profile \"empty-source\" has no credentials"),
            ("from-env", "credential_source Environment of profile \"from-env\" found no credentials"),
        ])
    func roleErrors(_ profile: String, _ message: String) async throws {
        let assumer = RecordingRoleAssumer()
        let chain = try standardChain(
            ["AWS_PROFILE": profile], config: Self.config, credentials: Self.credentials, roleAssumer: assumer)
        let error = await expectCredentialsError { _ = try await chain.credentials() }
        #expect(error?.description == message)
        #expect(assumer.calls.isEmpty)
    }

    @Test("the cycle case carries the profile path")
    func cycleCase() async throws {
        let chain = try standardChain(["AWS_PROFILE": "loop-b"], config: Self.config)
        let error = await expectCredentialsError { _ = try await chain.credentials() }
        #expect(error == .sourceProfileCycle(profiles: ["loop-b", "loop-a", "loop-b"]))
    }

    @Test("mfa_serial is reported as unsupported")
    func mfa() async throws {
        let chain = try standardChain(["AWS_PROFILE": "mfa"], config: Self.config, credentials: Self.credentials)
        let error = await expectCredentialsError { _ = try await chain.credentials() }
        #expect(error == .unsupportedProfileSetting(profile: "mfa", setting: "mfa_serial (an MFA code prompt)"))
    }

    @Test("an STS failure names the profile and role, without the source secret")
    func stsFailure() async throws {
        let assumer = RecordingRoleAssumer(failure: "AccessDenied: not authorized to perform sts:AssumeRole")
        let chain = try standardChain(
            ["AWS_PROFILE": "admin"], config: Self.config, credentials: Self.credentials, roleAssumer: assumer)
        let error = await expectCredentialsError { _ = try await chain.credentials() }
        #expect(
            error?.description == "assuming role arn:aws:iam::111111111111:role/admin for profile \"admin\" failed: "
                + "AccessDenied: not authorized to perform sts:AssumeRole")
    }
}

@Suite("credential_process")
struct CredentialsProcessTests {
    static let config = """
        [profile p]
        credential_process = /opt/bin/get-creds --account "prod account" --role 'read only'
        """
    static let arguments = ["/opt/bin/get-creds", "--account", "prod account", "--role", "read only"]

    private func run(_ output: ProcessOutput) async throws -> AWSCredentials {
        let runner = StubProcessRunner([Self.arguments: output])
        let chain = try standardChain(["AWS_PROFILE": "p"], config: Self.config, processRunner: runner)
        defer { #expect(runner.calls == [Self.arguments]) }
        return try await chain.credentials()
    }

    @Test("the command is split like a shell and its JSON read, expiration included")
    func success() async throws {
        let credentials = try await run(
            StubProcessRunner.json(
                """
                {"Version": 1, "AccessKeyId": "ASIAPROCESS", "SecretAccessKey": "processSecretKEY",
                 "SessionToken": "processTOKEN", "Expiration": "2030-01-01T00:00:00.000Z"}
                """))
        #expect(
            credentials
                == AWSCredentials(
                    accessKeyId: "ASIAPROCESS", secretAccessKey: "processSecretKEY",
                    sessionToken: "processTOKEN", expiration: Date(timeIntervalSince1970: 1_893_456_000)))
    }

    @Test("long-term keys without token or expiration")
    func longTerm() async throws {
        let credentials = try await run(
            StubProcessRunner.json(#"{"Version":1,"AccessKeyId":"AKIAPROC","SecretAccessKey":"processSecretKEY"}"#))
        #expect(credentials.sessionToken == nil && credentials.expiration == nil)
    }

    static let command = "/opt/bin/get-creds --account \"prod account\" --role 'read only'"

    @Test(
        "failures are one line with the command, the exit code or the reason, and no secret",
        arguments: [
            (
                ProcessOutput(
                    exitCode: 3,
                    standardOutput: Data(#"{"SecretAccessKey":"processSecretKEY","SessionToken":"processTOKEN"}"#.utf8),
                    standardError: Data("\n  token expired, run login\nsecond line processTOKEN\n".utf8)),
                "credential_process of profile \"p\" (\(command)) exited with code 3: token expired, run login | second line <redacted>"
            ),
            (ProcessOutput(exitCode: 1), "credential_process of profile \"p\" (\(command)) exited with code 1"),
            (
                StubProcessRunner.json("AccessKeyId=AKIA SecretAccessKey=processSecretKEY"),
                "credential_process of profile \"p\" (\(command)) printed invalid output: not JSON (line 1, column 1: unexpected character)"
            ),
            (
                StubProcessRunner.json(
                    #"{"Version": 2, "AccessKeyId": "AKIA", "SecretAccessKey": "processSecretKEY"}"#),
                "credential_process of profile \"p\" (\(command)) printed invalid output: Version must be 1"
            ),
            (
                StubProcessRunner.json(
                    #"{"Version": "1", "AccessKeyId": "AKIA", "SecretAccessKey": "processSecretKEY"}"#),
                "credential_process of profile \"p\" (\(command)) printed invalid output: Version must be 1"
            ),
            (
                StubProcessRunner.json(#"{"Version": 1, "AccessKeyId": "AKIA"}"#),
                "credential_process of profile \"p\" (\(command)) printed invalid output: SecretAccessKey is missing"
            ),
            (
                StubProcessRunner.json(
                    #"{"Version": 1, "AccessKeyId": "AKIA", "SecretAccessKey": "processSecretKEY", "Expiration": "soon"}"#
                ),
                "credential_process of profile \"p\" (\(command)) printed invalid output: Expiration is not an ISO 8601 time"
            ),
            (
                StubProcessRunner.json(#"["processSecretKEY"]"#),
                "credential_process of profile \"p\" (\(command)) printed invalid output: not a JSON object"
            ),
        ])
    func failures(_ output: ProcessOutput, _ message: String) async throws {
        let error = await expectCredentialsError { _ = try await run(output) }
        #expect(error?.description == message)
    }

    /// A runner whose command always runs past its timeout.
    struct HangingRunner: CredentialProcessRunning {
        func run(_ arguments: [String]) async throws -> ProcessOutput {
            throw CredentialProcessTimedOut(
                timeout: .seconds(2), standardError: Data("starting\naws_session_token = FwoGZXIvYXdzEBAaD\n".utf8))
        }
    }

    @Test("a command stopped at its timeout is one line with the timeout and the end of its stderr, redacted")
    func timedOut() async throws {
        let chain = try standardChain(["AWS_PROFILE": "p"], config: Self.config, processRunner: HangingRunner())
        let error = await expectCredentialsError { _ = try await chain.credentials() }
        #expect(
            error?.description
                == "credential_process of profile \"p\" (\(Self.command)) did not finish within 2 s and was stopped: starting | aws_session_token = <redacted>"
        )
    }

    @Test("a command that cannot start, or cannot be split, is one clear error")
    func notStarted() async throws {
        let chain = try standardChain(["AWS_PROFILE": "p"], config: Self.config, processRunner: StubProcessRunner([:]))
        let error = await expectCredentialsError { _ = try await chain.credentials() }
        guard case .processNotStarted(let profile, let command, _)? = error else {
            Issue.record("got \(String(describing: error))"); return
        }
        #expect(profile == "p" && command == Self.command)

        let unbalanced = try standardChain(
            ["AWS_PROFILE": "p"], config: "[profile p]\ncredential_process = /bin/x 'open\n")
        let splitError = await expectCredentialsError { _ = try await unbalanced.credentials() }
        #expect(
            splitError?.description
                == "credential_process of profile \"p\" (/bin/x 'open) could not start: unterminated quotation")
    }

    @Test(
        "shell word splitting",
        arguments: [
            ("a b  c", ["a", "b", "c"]),
            (#"a "b c" 'd e'"#, ["a", "b c", "d e"]),
            (#"a "x\"y" 'it''s'"#, ["a", "x\"y", "its"]),
            (#"a\ b "c\d""#, ["a b", "c\\d"]),
            (#"--json={"k":1}"#, [#"--json={k:1}"#]),
            ("", []),
        ])
    func shellWords(_ text: String, _ words: [String]) throws {
        #expect(try ShellWords.split(text) == words)
    }

    @Test("the end of a command's standard error is shown: the last 3 lines, at most 300 characters, secrets redacted")
    func standardErrorExcerpt() {
        let redactor = SecretRedactor(secrets: ["knownSecretValue"])
        let lines = "one\n\ntwo\nthree knownSecretValue\n  four SessionToken: abc  \n"
        #expect(
            CredentialProcess.excerpt(Data(lines.utf8), redacting: redactor)
                == "two | three <redacted> | four SessionToken: <redacted>")
        let key = "wJalrXUtnFEMI/K7MDENG/bPxRfiCYzEXAMPLEKEY"
        #expect(
            CredentialProcess.excerpt(Data("unexpected output \(key)\n".utf8), redacting: redactor)
                == "unexpected output <redacted>")
        let long = CredentialProcess.excerpt(
            Data((String(repeating: "x ", count: 400) + "end").utf8), redacting: redactor)
        #expect(long.count == 300 && long.hasPrefix("…") && long.hasSuffix("x end"))
    }

    @Test("the real runner stops a command that runs past its timeout, grandchildren included, keeping its stderr")
    func realRunnerTimeout() async throws {
        let runner = FoundationProcessRunner(timeout: .milliseconds(500))
        let pidFile = FileManager.default.temporaryDirectory.appendingPathComponent(UUID().uuidString)
        defer { try? FileManager.default.removeItem(at: pidFile) }
        await #expect {
            _ = try await runner.run([
                "/bin/sh", "-c", "echo waiting >&2; sleep 100 & echo $! > '\(pidFile.path)'; wait",
            ])
        } throws: { error in
            (error as? CredentialProcessTimedOut)
                == CredentialProcessTimedOut(timeout: .milliseconds(500), standardError: Data("waiting\n".utf8))
        }
        let grandchild = try #require(
            Int32(try String(contentsOf: pidFile, encoding: .utf8).trimmingCharacters(in: .whitespacesAndNewlines)))
        var alive = true
        for _ in 0..<100 where alive {
            let stat = (try? String(contentsOfFile: "/proc/\(grandchild)/stat", encoding: .utf8)) ?? ""
            alive = kill(grandchild, 0) == 0 && !stat.contains(") Z ")
            if alive { try await Task.sleep(for: .milliseconds(20)) }
        }
        #expect(!alive, "the background sleep was stopped with its parent (a zombie counts as stopped)")
    }

    @Test("the real runner runs a command without a shell and captures its output and exit code")
    func realRunner() async throws {
        let runner = FoundationProcessRunner()
        let success = try await runner.run(["/bin/sh", "-c", #"printf '{"Version": 1}'; printf 'warn\n' >&2"#])
        #expect(
            success
                == ProcessOutput(
                    exitCode: 0, standardOutput: Data(#"{"Version": 1}"#.utf8), standardError: Data("warn\n".utf8)))
        let failure = try await runner.run(["sh", "-c", "echo nope >&2; exit 7"])
        #expect(failure.exitCode == 7)
        #expect(failure.standardError == Data("nope\n".utf8))

        let temporary = try TemporaryAWSFiles(
            config: """
                [profile real]
                credential_process = /bin/sh -c "printf '{\\"Version\\": 1, \\"AccessKeyId\\": \\"AKIAREAL\\", \\"SecretAccessKey\\": \\"processSecretKEY\\"}'"
                """)
        defer { temporary.remove() }
        let resolver = try AWSConfigurationResolver(environment: temporary.environment(["AWS_PROFILE": "real"]))
        let chain = try CredentialsProviderChain.standard(
            configuration: resolver, roleAssumer: RecordingRoleAssumer(),
            transport: MetadataStubTransport([:]))
        #expect(try await chain.credentials().accessKeyId == "AKIAREAL")
    }
}
