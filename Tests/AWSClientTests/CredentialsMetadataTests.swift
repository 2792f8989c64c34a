import Foundation
import Testing

@testable import AWSClient

private func container(
    _ variables: [String: String], files: [String: String] = [:],
    _ answers: [String: [MetadataStubTransport.Answer]]
) -> (ContainerCredentialsProvider, MetadataStubTransport) {
    let transport = MetadataStubTransport(answers)
    let provider = ContainerCredentialsProvider(
        environment: credentialsTestEnvironment(variables, files: files), transport: transport,
        retryDelay: .zero)
    return (provider, transport)
}

private let containerURL = "http://169.254.170.2/v2/credentials/abc"
private let imdsBase = "http://169.254.169.254"
private let imdsList = "\(imdsBase)/latest/meta-data/iam/security-credentials/"

@Suite("Container credentials")
struct CredentialsContainerTests {
    @Test("relative URI: GET http://169.254.170.2 + path with Accept, 2 s timeout, the ECS document read")
    func relative() async throws {
        let (provider, transport) = container(
            ["AWS_CONTAINER_CREDENTIALS_RELATIVE_URI": "/v2/credentials/abc"],
            ["GET \(containerURL)": [MetadataStubTransport.containerAnswer()]])
        let credentials = try await provider.credentials()
        #expect(
            credentials
                == AWSCredentials(
                    accessKeyId: "ASIACONTAINER", secretAccessKey: "containerSecretKEY",
                    sessionToken: "containerTOKEN", expiration: Date(timeIntervalSince1970: 1_893_456_000)))
        let request = try #require(transport.requests.first)
        #expect(request.method == "GET")
        #expect(request.header("Accept") == "application/json")
        #expect(request.header("Authorization") == nil)
        #expect(transport.timeouts == [.seconds(2)])
    }

    @Test(
        "full URI with the authorization token: the token file wins over the variable and is sent as is",
        arguments: [
            (["AWS_CONTAINER_AUTHORIZATION_TOKEN": "containerAuthTOKEN"], "containerAuthTOKEN"),
            (
                [
                    "AWS_CONTAINER_AUTHORIZATION_TOKEN_FILE": "/var/run/token",
                    "AWS_CONTAINER_AUTHORIZATION_TOKEN": "other",
                ], "containerAuthTOKEN-file"
            ),
            (["AWS_CONTAINER_AUTHORIZATION_TOKEN_FILE": "/var/run/token"], "containerAuthTOKEN-file"),
        ])
    func fullURI(_ variables: [String: String], _ expected: String) async throws {
        let url = "http://169.254.170.23/v1/credentials"
        let (provider, transport) = container(
            variables.merging(["AWS_CONTAINER_CREDENTIALS_FULL_URI": url]) { $1 },
            files: ["/var/run/token": "containerAuthTOKEN-file"],
            ["GET \(url)": [MetadataStubTransport.containerAnswer()]])
        #expect(try await provider.credentials().accessKeyId == "ASIACONTAINER")
        #expect(transport.requests.first?.header("Authorization") == expected)
    }

    @Test("the relative URI wins over the full URI")
    func relativeFirst() async throws {
        let (provider, transport) = container(
            [
                "AWS_CONTAINER_CREDENTIALS_RELATIVE_URI": "/v2/credentials/abc",
                "AWS_CONTAINER_CREDENTIALS_FULL_URI": "http://localhost:9/x",
            ],
            ["GET \(containerURL)": [MetadataStubTransport.containerAnswer()]])
        _ = try await provider.credentials()
        #expect(transport.requests.map(\.url.absoluteString) == [containerURL])
    }

    @Test(
        "full URI hosts: loopback, localhost and the ECS/EKS agent addresses only, whatever the scheme",
        arguments: [
            ("http://127.0.0.1:8080/creds", true),
            ("http://127.1.2.3/creds", true),
            ("http://localhost/creds", true),
            ("http://169.254.170.2/creds", true),
            ("http://169.254.170.23/v1/credentials", true),
            ("http://[fd00:ec2::23]/v1/credentials", true),
            ("http://[::1]:8080/creds", true),
            ("http://example.com/creds", false),
            ("https://example.com/creds", false),
            ("http://10.0.0.1/creds", false),
            ("http://169.254.169.254/creds", false),
            ("http://128.0.0.1/creds", false),
        ])
    func allowedHosts(_ url: String, _ allowed: Bool) async throws {
        let (provider, transport) = container(
            ["AWS_CONTAINER_CREDENTIALS_FULL_URI": url],
            ["GET \(url)": [MetadataStubTransport.containerAnswer()]])
        if allowed {
            #expect(try await provider.credentials().accessKeyId == "ASIACONTAINER")
        } else {
            let error = await expectCredentialsError { _ = try await provider.credentials() }
            #expect(error == .containerEndpointNotAllowed(url: url))
            #expect(transport.requests.isEmpty)
        }
    }

    @Test("non-200 answers are retried 3 times, then reported with the status; the body is never quoted")
    func retries() async throws {
        let (failing, failingTransport) = container(
            ["AWS_CONTAINER_CREDENTIALS_RELATIVE_URI": "/v2/credentials/abc"],
            ["GET \(containerURL)": [.response(status: 500, body: "containerSecretKEY")]])
        let error = await expectCredentialsError { _ = try await failing.credentials() }
        #expect(error?.description == "container credentials endpoint returned HTTP 500 for \(containerURL)")
        #expect(failingTransport.requests.count == 3)

        let (recovering, recoveringTransport) = container(
            ["AWS_CONTAINER_CREDENTIALS_RELATIVE_URI": "/v2/credentials/abc"],
            ["GET \(containerURL)": [.failure("connection reset"), MetadataStubTransport.containerAnswer()]])
        #expect(try await recovering.credentials().accessKeyId == "ASIACONTAINER")
        #expect(recoveringTransport.requests.count == 2)
    }

    @Test(
        "container errors, one line, no secret",
        arguments: [
            (
                ["AWS_CONTAINER_AUTHORIZATION_TOKEN": "containerAuthTOKEN\nInjected: 1"], [String: String](),
                "container authorization token from AWS_CONTAINER_AUTHORIZATION_TOKEN contains a line break"
            ),
            (
                ["AWS_CONTAINER_AUTHORIZATION_TOKEN_FILE": "/t"], ["/t": "containerAuthTOKEN\n"],
                "container authorization token from AWS_CONTAINER_AUTHORIZATION_TOKEN_FILE (/t) contains a line break"
            ),
            (["AWS_CONTAINER_AUTHORIZATION_TOKEN_FILE": "/missing"], [:], "cannot read /missing: no such file"),
        ])
    func tokenErrors(_ variables: [String: String], _ files: [String: String], _ message: String) async throws {
        let (provider, transport) = container(
            variables.merging(["AWS_CONTAINER_CREDENTIALS_RELATIVE_URI": "/v2/credentials/abc"]) { $1 },
            files: files, ["GET \(containerURL)": [MetadataStubTransport.containerAnswer()]])
        let error = await expectCredentialsError { _ = try await provider.credentials() }
        #expect(error?.description == message)
        #expect(transport.requests.isEmpty)
    }

    @Test(
        "bad documents and unreachable endpoints",
        arguments: [
            (
                MetadataStubTransport.Answer.response(status: 200, body: "SecretAccessKey=containerSecretKEY"),
                "container credentials endpoint returned an invalid credentials document from \(containerURL): not JSON (line 1, column 1: unexpected character)"
            ),
            (
                .response(status: 200, body: #"{"AccessKeyId": "A", "Token": "containerTOKEN"}"#),
                "container credentials endpoint returned an invalid credentials document from \(containerURL): SecretAccessKey is missing"
            ),
            (
                .failure("connection refused"),
                "container credentials endpoint unreachable at \(containerURL): connection refused"
            ),
        ])
    func badAnswers(_ answer: MetadataStubTransport.Answer, _ message: String) async throws {
        let (provider, _) = container(
            ["AWS_CONTAINER_CREDENTIALS_RELATIVE_URI": "/v2/credentials/abc"], ["GET \(containerURL)": [answer]])
        let error = await expectCredentialsError { _ = try await provider.credentials() }
        #expect(error?.description == message)
    }
}

@Suite("EC2 instance metadata credentials")
struct CredentialsInstanceMetadataTests {
    private func provider(
        _ answers: [String: [MetadataStubTransport.Answer]],
        settings: InstanceMetadataSettings = InstanceMetadataSettings()
    )
        -> (InstanceMetadataCredentialsProvider, MetadataStubTransport)
    {
        let transport = MetadataStubTransport(answers)
        return (InstanceMetadataCredentialsProvider(settings: settings, transport: transport), transport)
    }

    @Test("IMDSv2: PUT a token with its TTL header, then GET the role and its credentials with the token header")
    func imdsV2() async throws {
        let (provider, transport) = provider(MetadataStubTransport.instanceMetadata())
        let credentials = try await provider.credentials()
        #expect(
            credentials
                == AWSCredentials(
                    accessKeyId: "ASIAIMDS", secretAccessKey: "imdsSecretKEY", sessionToken: "imdsTOKEN",
                    expiration: Date(timeIntervalSince1970: 1_893_456_000)))
        let requests = transport.requests
        #expect(
            requests.map { "\($0.method) \($0.url.absoluteString)" } == [
                "PUT \(imdsBase)/latest/api/token", "GET \(imdsList)", "GET \(imdsList)trailgate-role",
            ])
        #expect(requests[0].header("X-aws-ec2-metadata-token-ttl-seconds") == "21600")
        #expect(requests[0].header("X-aws-ec2-metadata-token") == nil)
        #expect(requests[1].header("X-aws-ec2-metadata-token") == "imdsSessionTOKEN")
        #expect(requests[2].header("X-aws-ec2-metadata-token") == "imdsSessionTOKEN")
        #expect(transport.timeouts == [.seconds(1), .seconds(1), .seconds(1)])
    }

    @Test(
        "settings: endpoint, mode, v1, timeout and attempts from the environment, then the profile",
        arguments: [
            ([String: String](), [String: String](), InstanceMetadataSettings()),
            (
                ["AWS_EC2_METADATA_SERVICE_ENDPOINT": "http://127.0.0.1:1338/"],
                ["ec2_metadata_service_endpoint": "http://x"],
                InstanceMetadataSettings(endpoint: "http://127.0.0.1:1338/")
            ),
            (
                [:], ["ec2_metadata_service_endpoint": "http://10.1.1.1"],
                InstanceMetadataSettings(endpoint: "http://10.1.1.1")
            ),
            (
                ["AWS_EC2_METADATA_SERVICE_ENDPOINT_MODE": "IPv6"], [:],
                InstanceMetadataSettings(endpoint: "http://[fd00:ec2::254]")
            ),
            (
                [:], ["ec2_metadata_service_endpoint_mode": "ipv6"],
                InstanceMetadataSettings(endpoint: "http://[fd00:ec2::254]")
            ),
            (
                ["AWS_EC2_METADATA_DISABLED": "TRUE", "AWS_EC2_METADATA_V1_DISABLED": "true"], [:],
                InstanceMetadataSettings(disabled: true, v1Disabled: true)
            ),
            (
                [:],
                [
                    "ec2_metadata_v1_disabled": "true", "metadata_service_timeout": "2.5",
                    "metadata_service_num_attempts": "3",
                ],
                InstanceMetadataSettings(v1Disabled: true, timeout: .milliseconds(2500), attempts: 3)
            ),
            (
                ["AWS_METADATA_SERVICE_TIMEOUT": "5", "AWS_METADATA_SERVICE_NUM_ATTEMPTS": "2"],
                ["metadata_service_timeout": "9"],
                InstanceMetadataSettings(timeout: .seconds(5), attempts: 2)
            ),
            (
                ["AWS_METADATA_SERVICE_TIMEOUT": "soon", "AWS_METADATA_SERVICE_NUM_ATTEMPTS": "0"], [:],
                InstanceMetadataSettings()
            ),
        ])
    func settings(_ variables: [String: String], _ profile: [String: String], _ expected: InstanceMetadataSettings) {
        let settings = InstanceMetadataSettings.resolve(
            environment: credentialsTestEnvironment(variables),
            profile: ProfileSettings(name: "p", configFileValues: profile))
        #expect(settings == expected)
    }

    @Test("an overridden endpoint is used, with or without a trailing slash")
    func endpointOverride() async throws {
        for endpoint in ["http://127.0.0.1:1338", "http://127.0.0.1:1338/"] {
            let (provider, transport) = provider(
                MetadataStubTransport.instanceMetadata(base: "http://127.0.0.1:1338"),
                settings: InstanceMetadataSettings(endpoint: endpoint))
            #expect(try await provider.credentials().accessKeyId == "ASIAIMDS")
            #expect(transport.requests.first?.url.absoluteString == "http://127.0.0.1:1338/latest/api/token")
        }
    }

    @Test(
        "token refused (403/404/405) or unreachable: IMDSv1 without the token header, as the CLI falls back",
        arguments: [
            MetadataStubTransport.Answer.response(status: 403, body: ""), .response(status: 404, body: ""),
            .response(status: 405, body: ""), .failure("timed out"),
        ])
    func v1Fallback(_ tokenAnswer: MetadataStubTransport.Answer) async throws {
        var answers = MetadataStubTransport.instanceMetadata()
        answers["PUT \(imdsBase)/latest/api/token"] = [tokenAnswer]
        let (provider, transport) = provider(answers)
        #expect(try await provider.credentials().accessKeyId == "ASIAIMDS")
        #expect(transport.requests.dropFirst().allSatisfy { $0.header("X-aws-ec2-metadata-token") == nil })
    }

    @Test("with IMDSv1 disabled a refused token is an error; 400 is always an error")
    func tokenErrors() async throws {
        var answers = MetadataStubTransport.instanceMetadata()
        answers["PUT \(imdsBase)/latest/api/token"] = [.response(status: 403, body: "")]
        let (v1Off, _) = provider(answers, settings: InstanceMetadataSettings(v1Disabled: true))
        let error = await expectCredentialsError { _ = try await v1Off.credentials() }
        #expect(
            error?.description
                == "EC2 instance metadata token request to \(imdsBase)/latest/api/token failed (HTTP 403) and IMDSv1 fallback is disabled"
        )

        answers["PUT \(imdsBase)/latest/api/token"] = [.response(status: 400, body: "")]
        let (badRequest, transport) = provider(answers)
        let badRequestError = await expectCredentialsError { _ = try await badRequest.credentials() }
        #expect(
            badRequestError
                == .metadataEndpointStatus(
                    endpoint: .instanceMetadata, url: "\(imdsBase)/latest/api/token", status: 400))
        #expect(transport.requests.count == 1)
    }

    @Test("no role attached (404) or disabled is 'not set up'")
    func notConfigured() async throws {
        var answers = MetadataStubTransport.instanceMetadata()
        answers["GET \(imdsList)"] = [.response(status: 404, body: "")]
        let (noRole, _) = provider(answers)
        #expect(
            try await noRole.lookUpCredentials()
                == .notConfigured("no IAM role attached to the instance (HTTP 404 from \(imdsList))"))

        let (disabled, transport) = provider(answers, settings: InstanceMetadataSettings(disabled: true))
        #expect(try await disabled.lookUpCredentials() == .notConfigured("disabled by AWS_EC2_METADATA_DISABLED"))
        #expect(transport.requests.isEmpty)
    }

    @Test(
        "metadata errors carry the HTTP status or the reason, never the document",
        arguments: [
            (
                "GET \(imdsList)", MetadataStubTransport.Answer.response(status: 500, body: "imdsSecretKEY"),
                "EC2 instance metadata service returned HTTP 500 for \(imdsList)"
            ),
            (
                "GET \(imdsList)trailgate-role", .response(status: 401, body: ""),
                "EC2 instance metadata service returned HTTP 401 for \(imdsList)trailgate-role"
            ),
            (
                "GET \(imdsList)trailgate-role",
                .response(
                    status: 200,
                    body:
                        #"{"Code": "Success", "AccessKeyId": "A", "SecretAccessKey": "imdsSecretKEY", "Expiration": "2030-01-01T00:00:00Z"}"#
                ),
                "EC2 instance metadata service returned an invalid credentials document from \(imdsList)trailgate-role: Token is missing"
            ),
            (
                "GET \(imdsList)trailgate-role",
                .response(status: 200, body: #"{"Code": "AssumeRoleUnauthorizedAccess", "Message": "x"}"#),
                "EC2 instance metadata service returned an invalid credentials document from \(imdsList)trailgate-role: Code is AssumeRoleUnauthorizedAccess, not Success"
            ),
            (
                "GET \(imdsList)trailgate-role", .response(status: 200, body: "imdsSecretKEY imdsTOKEN"),
                "EC2 instance metadata service returned an invalid credentials document from \(imdsList)trailgate-role: not JSON (line 1, column 1: unexpected character)"
            ),
            (
                "GET \(imdsList)", .failure("connection refused"),
                "EC2 instance metadata service unreachable at \(imdsList): connection refused"
            ),
        ])
    func errors(_ key: String, _ answer: MetadataStubTransport.Answer, _ message: String) async throws {
        var answers = MetadataStubTransport.instanceMetadata()
        answers[key] = [answer]
        let (provider, _) = provider(answers)
        let error = await expectCredentialsError { _ = try await provider.credentials() }
        #expect(error?.description == message)
    }

    @Test("server errors are retried up to metadata_service_num_attempts")
    func attempts() async throws {
        var answers = MetadataStubTransport.instanceMetadata()
        answers["GET \(imdsList)"] = [
            .response(status: 503, body: ""), .failure("reset"), .response(status: 200, body: "trailgate-role"),
        ]
        let (provider, transport) = provider(answers, settings: InstanceMetadataSettings(attempts: 3))
        #expect(try await provider.credentials().accessKeyId == "ASIAIMDS")
        #expect(transport.requests.filter { $0.url.absoluteString == imdsList }.count == 3)
    }

    @Test("in the standard chain IMDS failures do not end the search; they are listed")
    func inChain() async throws {
        var answers = MetadataStubTransport.instanceMetadata()
        answers["GET \(imdsList)trailgate-role"] = [.response(status: 500, body: "")]
        let resolver = try AWSConfigurationResolver(environment: credentialsTestEnvironment())
        let chain = try CredentialsProviderChain.standard(
            configuration: resolver, roleAssumer: RecordingRoleAssumer(),
            transport: MetadataStubTransport(answers), processRunner: StubProcessRunner([:]))
        let error = await expectCredentialsError { _ = try await chain.credentials() }
        #expect(
            error?.description.hasSuffix(
                "; EC2 instance metadata (EC2 instance metadata service returned HTTP 500 for \(imdsList)trailgate-role)"
            ) == true)
    }
}
