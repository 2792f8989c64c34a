import Foundation

/// Credentials from the ECS task role or EKS Pod Identity endpoint, as the AWS CLI reads it:
///
/// - `AWS_CONTAINER_CREDENTIALS_RELATIVE_URI` is appended to `http://169.254.170.2`; otherwise
///   `AWS_CONTAINER_CREDENTIALS_FULL_URI` is the URL, whose host must be a loopback address, `localhost`,
///   `169.254.170.2`, `169.254.170.23` or `fd00:ec2::23` (botocore checks the host whatever the scheme).
/// - The `Authorization` header is the contents of `AWS_CONTAINER_AUTHORIZATION_TOKEN_FILE` (read on every
///   request, since EKS rotates it), else `AWS_CONTAINER_AUTHORIZATION_TOKEN`; a token with a line break is
///   rejected, as botocore does.
/// - `GET` with `Accept: application/json`, 2 s timeout, 3 attempts 1 s apart; the answer is
///   `{"AccessKeyId", "SecretAccessKey", "Token", "Expiration"}`.
public struct ContainerCredentialsProvider: ChainableCredentialsProvider {
    public static let relativeURIHost = "http://169.254.170.2"

    public let environment: AWSEnvironment
    public let transport: any HTTPTransport
    public var timeout: Duration
    public var attempts: Int
    public var retryDelay: Duration

    public init(
        environment: AWSEnvironment, transport: any HTTPTransport, timeout: Duration = .seconds(2),
        attempts: Int = 3, retryDelay: Duration = .seconds(1)
    ) {
        self.environment = environment
        self.transport = transport
        self.timeout = timeout
        self.attempts = max(1, attempts)
        self.retryDelay = retryDelay
    }

    public var sourceName: String { "container credentials endpoint" }

    public func lookUpCredentials() async throws -> CredentialsLookup {
        let urlText: String
        let variable: String
        if let relative = environment["AWS_CONTAINER_CREDENTIALS_RELATIVE_URI"] {
            (urlText, variable) = (Self.relativeURIHost + relative, "AWS_CONTAINER_CREDENTIALS_RELATIVE_URI")
        } else if let full = environment["AWS_CONTAINER_CREDENTIALS_FULL_URI"] {
            (urlText, variable) = (full, "AWS_CONTAINER_CREDENTIALS_FULL_URI")
        } else {
            return .notConfigured(
                "AWS_CONTAINER_CREDENTIALS_RELATIVE_URI and AWS_CONTAINER_CREDENTIALS_FULL_URI not set")
        }
        guard let url = URL(string: urlText), let scheme = url.scheme?.lowercased(),
            scheme == "http" || scheme == "https",
            let host = url.host, !host.isEmpty
        else {
            throw CredentialsError.invalidSetting(
                name: "container credentials URL", value: urlText, source: variable,
                expected: "an http or https URL")
        }
        guard Self.isAllowedHost(host) else { throw CredentialsError.containerEndpointNotAllowed(url: urlText) }

        var lastError: CredentialsError?
        for attempt in 1...attempts {
            if attempt > 1, retryDelay > .zero { try await Task.sleep(for: retryDelay) }
            // The token is read on each attempt: it is a file that can be rotated while we wait.
            var request = HTTPRequest(method: "GET", url: url, headers: [("Accept", "application/json")])
            if let token = try authorizationToken() { request.setHeader("Authorization", token) }
            do {
                return .found(try await fetch(request, urlText: urlText))
            } catch let error as CredentialsError {
                lastError = error
            }
        }
        throw lastError!
    }

    private func fetch(_ request: HTTPRequest, urlText: String) async throws -> AWSCredentials {
        let response: HTTPResponse
        do {
            response = try await transport.send(request, timeout: timeout)
        } catch let error as CancellationError {
            throw error
        } catch {
            throw CredentialsError.metadataEndpointUnreachable(
                endpoint: .container, url: urlText, reason: String(describing: error))
        }
        guard response.status == 200 else {
            throw CredentialsError.metadataEndpointStatus(endpoint: .container, url: urlText, status: response.status)
        }
        do throws(CredentialsDocument.Invalid) {
            let object = try CredentialsDocument.object(response.body)
            return try CredentialsDocument.credentials(
                object, tokenKey: "Token", tokenRequired: false, expirationRequired: false)
        } catch {
            throw CredentialsError.metadataResponseInvalid(endpoint: .container, url: urlText, reason: error.reason)
        }
    }

    /// The `Authorization` value: the token file's contents, else the token variable; nil when neither is set.
    private func authorizationToken() throws -> String? {
        let token: String
        let source: String
        if let path = environment["AWS_CONTAINER_AUTHORIZATION_TOKEN_FILE"] {
            let expanded = environment.expandingPath(path)
            guard let text = try environment.readText(atPath: expanded) else {
                throw CredentialsError.unreadableFile(path: expanded, reason: "no such file")
            }
            (token, source) = (text, "AWS_CONTAINER_AUTHORIZATION_TOKEN_FILE (\(expanded))")
        } else if let text = environment["AWS_CONTAINER_AUTHORIZATION_TOKEN"] {
            (token, source) = (text, "AWS_CONTAINER_AUTHORIZATION_TOKEN")
        } else {
            return nil
        }
        if token.contains(where: { $0 == "\n" || $0 == "\r" || $0 == "\r\n" }) {
            throw CredentialsError.invalidContainerAuthorizationToken(source: source)
        }
        return token
    }

    /// botocore's rule: a loopback IP address, or one of `localhost`, `169.254.170.2`, `169.254.170.23`,
    /// `fd00:ec2::23`.
    static func isAllowedHost(_ host: String) -> Bool {
        var bare = host
        if bare.hasPrefix("["), bare.hasSuffix("]") { bare = String(bare.dropFirst().dropLast()) }
        if ["localhost", "169.254.170.2", "169.254.170.23", "fd00:ec2::23"].contains(bare.lowercased()) { return true }
        var ipv4 = in_addr()
        if inet_pton(AF_INET, bare, &ipv4) == 1 {
            return bare.split(separator: ".").first == "127"
        }
        var ipv6 = in6_addr()
        if inet_pton(AF_INET6, bare, &ipv6) == 1 {
            let bytes = withUnsafeBytes(of: ipv6) { Array($0) }
            if bytes == Array(repeating: 0, count: 15) + [1] { return true }
            if bare.lowercased() == "fd00:ec2::23" { return true }
            // fd00:ec2::23 written in another form.
            let eksPodIdentity: [UInt8] = [0xfd, 0, 0x0e, 0xc2] + Array(repeating: 0, count: 11) + [0x23]
            return bytes == eksPodIdentity
        }
        return false
    }
}
