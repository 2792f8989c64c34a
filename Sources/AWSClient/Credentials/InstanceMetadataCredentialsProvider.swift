import Foundation

/// How to reach the EC2 instance metadata service, resolved as the AWS CLI does (environment variable first,
/// then the profile's setting).
public struct InstanceMetadataSettings: Sendable, Equatable {
    /// Base URL: `AWS_EC2_METADATA_SERVICE_ENDPOINT` / `ec2_metadata_service_endpoint`, else by endpoint mode
    /// (`AWS_EC2_METADATA_SERVICE_ENDPOINT_MODE` / `ec2_metadata_service_endpoint_mode`): `http://169.254.169.254`
    /// for IPv4, `http://[fd00:ec2::254]` for IPv6.
    public var endpoint: String
    /// `AWS_EC2_METADATA_DISABLED=true` turns the service off.
    public var disabled: Bool
    /// `AWS_EC2_METADATA_V1_DISABLED` / `ec2_metadata_v1_disabled`: no fallback to IMDSv1 when no token can be had.
    public var v1Disabled: Bool
    /// Per request: `AWS_METADATA_SERVICE_TIMEOUT` / `metadata_service_timeout` seconds, default 1.
    public var timeout: Duration
    /// `AWS_METADATA_SERVICE_NUM_ATTEMPTS` / `metadata_service_num_attempts`, default 1.
    public var attempts: Int
    /// Lifetime asked for the session token (`X-aws-ec2-metadata-token-ttl-seconds`): 21600, as the CLI.
    public var tokenTTLSeconds: Int

    public static let ipv4Endpoint = "http://169.254.169.254"
    public static let ipv6Endpoint = "http://[fd00:ec2::254]"

    public init(
        endpoint: String = InstanceMetadataSettings.ipv4Endpoint, disabled: Bool = false, v1Disabled: Bool = false,
        timeout: Duration = .seconds(1), attempts: Int = 1, tokenTTLSeconds: Int = 21600
    ) {
        self.endpoint = endpoint
        self.disabled = disabled
        self.v1Disabled = v1Disabled
        self.timeout = timeout
        self.attempts = max(1, attempts)
        self.tokenTTLSeconds = tokenTTLSeconds
    }

    /// The settings from `environment` and the selected `profile`. Unparsable numbers fall back to the defaults.
    public static func resolve(environment: AWSEnvironment, profile: ProfileSettings?) -> InstanceMetadataSettings {
        func setting(_ variable: String, _ key: String) -> String? { environment[variable] ?? profile?[key] }
        var settings = InstanceMetadataSettings()
        if let endpoint = setting("AWS_EC2_METADATA_SERVICE_ENDPOINT", "ec2_metadata_service_endpoint") {
            settings.endpoint = endpoint
        } else if setting("AWS_EC2_METADATA_SERVICE_ENDPOINT_MODE", "ec2_metadata_service_endpoint_mode")?.lowercased()
            == "ipv6"
        {
            settings.endpoint = ipv6Endpoint
        }
        settings.disabled = environment.isTrue("AWS_EC2_METADATA_DISABLED") ?? false
        settings.v1Disabled =
            setting("AWS_EC2_METADATA_V1_DISABLED", "ec2_metadata_v1_disabled")?.lowercased() == "true"
        if let text = setting("AWS_METADATA_SERVICE_TIMEOUT", "metadata_service_timeout"), let seconds = Double(text),
            seconds > 0, seconds.isFinite
        {
            settings.timeout = .milliseconds(Int64((seconds * 1000).rounded()))
        }
        if let text = setting("AWS_METADATA_SERVICE_NUM_ATTEMPTS", "metadata_service_num_attempts"),
            let count = Int(text), count > 0
        {
            settings.attempts = count
        }
        return settings
    }
}

/// The EC2 instance role's credentials from IMDS, as the AWS CLI fetches them:
///
/// 1. `PUT /latest/api/token` with `X-aws-ec2-metadata-token-ttl-seconds: 21600` (IMDSv2). On 403/404/405, a
///    timeout or a connection failure the CLI goes on without a token (IMDSv1), unless v1 is disabled; 400 is an
///    error.
/// 2. `GET /latest/meta-data/iam/security-credentials/` with `X-aws-ec2-metadata-token` → the role name
///    (404: no role attached, which counts as "not set up").
/// 3. `GET /latest/meta-data/iam/security-credentials/<role>` → `{"Code": "Success", "AccessKeyId",
///    "SecretAccessKey", "Token", "Expiration", …}`.
///
/// Its failures do not end a chain (the CLI's instance-metadata provider reports "no credentials" instead); they
/// show in the chain's "tried" message.
public struct InstanceMetadataCredentialsProvider: ChainableCredentialsProvider {
    public static let tokenPath = "/latest/api/token"
    public static let credentialsPath = "/latest/meta-data/iam/security-credentials/"
    public static let tokenTTLHeader = "X-aws-ec2-metadata-token-ttl-seconds"
    public static let tokenHeader = "X-aws-ec2-metadata-token"

    public let settings: InstanceMetadataSettings
    public let transport: any HTTPTransport

    public init(settings: InstanceMetadataSettings = InstanceMetadataSettings(), transport: any HTTPTransport) {
        self.settings = settings
        self.transport = transport
    }

    public var sourceName: String { "EC2 instance metadata" }
    public var failureEndsChain: Bool { false }

    public func lookUpCredentials() async throws -> CredentialsLookup {
        if settings.disabled { return .notConfigured("disabled by AWS_EC2_METADATA_DISABLED") }
        let base = settings.endpoint.hasSuffix("/") ? String(settings.endpoint.dropLast()) : settings.endpoint
        guard let baseURL = URL(string: base), let scheme = baseURL.scheme?.lowercased(),
            scheme == "http" || scheme == "https",
            baseURL.host != nil
        else {
            throw CredentialsError.invalidSetting(
                name: "EC2 metadata endpoint", value: settings.endpoint,
                source: "AWS_EC2_METADATA_SERVICE_ENDPOINT or ec2_metadata_service_endpoint",
                expected: "an http or https URL")
        }
        let token = try await fetchToken(base: base)
        let listURL = base + Self.credentialsPath
        let list = try await get(listURL, token: token)
        if list.status == 404 {
            return .notConfigured("no IAM role attached to the instance (HTTP 404 from \(listURL))")
        }
        guard list.status == 200 else {
            throw CredentialsError.metadataEndpointStatus(
                endpoint: .instanceMetadata, url: listURL, status: list.status)
        }
        guard let role = CredentialProcess.firstLine(list.body).nilIfEmpty else {
            return .notConfigured("no IAM role attached to the instance (empty list from \(listURL))")
        }
        let roleURL = listURL + (role.addingPercentEncoding(withAllowedCharacters: .urlPathAllowed) ?? role)
        let document = try await get(roleURL, token: token)
        guard document.status == 200 else {
            throw CredentialsError.metadataEndpointStatus(
                endpoint: .instanceMetadata, url: roleURL, status: document.status)
        }
        do throws(CredentialsDocument.Invalid) {
            let object = try CredentialsDocument.object(document.body)
            if let code = object["Code"]?.stringValue, code != "Success" {
                throw CredentialsDocument.Invalid(reason: "Code is \(CredentialsError.oneLine(code)), not Success")
            }
            return .found(
                try CredentialsDocument.credentials(
                    object, tokenKey: "Token", tokenRequired: true,
                    expirationRequired: true))
        } catch {
            throw CredentialsError.metadataResponseInvalid(
                endpoint: .instanceMetadata, url: roleURL, reason: error.reason)
        }
    }

    /// The IMDSv2 session token, or nil to go on with IMDSv1.
    private func fetchToken(base: String) async throws -> String? {
        let urlText = base + Self.tokenPath
        let request = HTTPRequest(
            method: "PUT", url: URL(string: urlText)!,
            headers: [(Self.tokenTTLHeader, String(settings.tokenTTLSeconds))])
        var fallbackReason = "no answer"
        for _ in 1...settings.attempts {
            do {
                let response = try await transport.send(request, timeout: settings.timeout)
                switch response.status {
                case 200:
                    let token = String(decoding: response.body, as: UTF8.self).trimmingCharacters(
                        in: .whitespacesAndNewlines)
                    if !token.isEmpty { return token }
                    fallbackReason = "empty token"
                case 400:
                    throw CredentialsError.metadataEndpointStatus(
                        endpoint: .instanceMetadata, url: urlText, status: 400)
                case 403, 404, 405:
                    return try v1Fallback(urlText, reason: "HTTP \(response.status)")
                default:
                    fallbackReason = "HTTP \(response.status)"
                }
            } catch let error as CredentialsError {
                throw error
            } catch let error as CancellationError {
                throw error
            } catch {
                fallbackReason = String(describing: error)
            }
        }
        return try v1Fallback(urlText, reason: fallbackReason)
    }

    private func v1Fallback(_ urlText: String, reason: String) throws -> String? {
        if settings.v1Disabled { throw CredentialsError.instanceMetadataTokenUnavailable(url: urlText, reason: reason) }
        return nil
    }

    /// GET with the token header, retrying transport failures, 5xx and empty 200 answers up to `attempts` times.
    private func get(_ urlText: String, token: String?) async throws -> HTTPResponse {
        var request = HTTPRequest(method: "GET", url: URL(string: urlText)!)
        if let token { request.setHeader(Self.tokenHeader, token) }
        var last: Result<HTTPResponse, CredentialsError> = .failure(
            .metadataEndpointUnreachable(endpoint: .instanceMetadata, url: urlText, reason: "no answer"))
        for _ in 1...settings.attempts {
            do {
                let response = try await transport.send(request, timeout: settings.timeout)
                last = .success(response)
                if response.status < 500, !(response.status == 200 && response.body.isEmpty) { break }
            } catch let error as CancellationError {
                throw error
            } catch {
                last = .failure(
                    .metadataEndpointUnreachable(
                        endpoint: .instanceMetadata, url: urlText,
                        reason: String(describing: error)))
            }
        }
        return try last.get()
    }
}

extension String {
    fileprivate var nilIfEmpty: String? { isEmpty ? nil : self }
}
