import Foundation

/// What the client needs to know about a service: its signing name, how the CLI names it, its global Region.
public struct ServiceDescriptor: Sendable {
    /// The SigV4 signing name, e.g. `cloudtrail`, `s3`.
    public var signingName: String
    /// The service name in messages, e.g. `CloudTrail`.
    public var displayName: String
    /// The endpoint prefix, e.g. `cloudtrail`, `organizations`.
    public var endpointPrefix: String
    /// For global services, the one Region they are signed for and called in.
    public var globalRegion: String?
    /// The service id of the `AWS_ENDPOINT_URL_<SERVICE>` variables and `services` config sections.
    public var serviceId: String
    /// For a service with one endpoint for the whole partition (IAM), its host in the `aws` partition.
    public var globalHost: String?

    public static let sts = ServiceDescriptor(
        signingName: "sts", displayName: "STS", endpointPrefix: "sts", serviceId: "STS")
    public static let organizations = ServiceDescriptor(
        signingName: "organizations", displayName: "Organizations",
        endpointPrefix: "organizations", globalRegion: "us-east-1",
        serviceId: "Organizations")
    public static let cloudTrail = ServiceDescriptor(
        signingName: "cloudtrail", displayName: "CloudTrail", endpointPrefix: "cloudtrail",
        serviceId: "CloudTrail")
    public static let s3 = ServiceDescriptor(
        signingName: "s3", displayName: "S3", endpointPrefix: "s3", serviceId: "S3")
    public static let kms = ServiceDescriptor(
        signingName: "kms", displayName: "KMS", endpointPrefix: "kms", serviceId: "KMS")
    public static let athena = ServiceDescriptor(
        signingName: "athena", displayName: "Athena", endpointPrefix: "athena", serviceId: "Athena")
    public static let iam = ServiceDescriptor(
        signingName: "iam", displayName: "IAM", endpointPrefix: "iam", globalRegion: "us-east-1", serviceId: "IAM",
        globalHost: "iam.amazonaws.com")

    /// Every service TrailGate calls.
    public static let all: [ServiceDescriptor] = [.sts, .organizations, .cloudTrail, .s3, .kms, .athena, .iam]

    init(
        signingName: String, displayName: String, endpointPrefix: String, globalRegion: String? = nil,
        serviceId: String,
        globalHost: String? = nil
    ) {
        self.signingName = signingName
        self.displayName = displayName
        self.endpointPrefix = endpointPrefix
        self.globalRegion = globalRegion
        self.serviceId = serviceId
        self.globalHost = globalHost
    }
}

/// A failure to reach AWS at all: the connection, a timeout, or an answer that cannot be read.
public struct AWSTransportError: Error, Sendable, CustomStringConvertible {
    public var service: String
    public var operation: String
    /// What happened, in the user's terms, with secrets redacted.
    public var reason: String
    /// The last attempt's failure, when the request could not be exchanged at all.
    public var failure: TransportFailure? = nil
    public var description: String { "\(service) \(operation): \(reason)" }
}

/// Signs, sends and retries requests to AWS services; decodes error answers into ``AWSServiceError``. Each request,
/// all its attempts and the waits between them, is bounded by ``timeout``; the messages of its errors never hold the
/// secret access key, the session token or the signature it was signed with.
public struct AWSServiceClient: Sendable {
    public var transport: any HTTPTransport
    public var credentials: any CredentialsProvider
    /// The endpoint to call for a service in a Region (a custom endpoint, or AWS's own).
    public var endpoint: @Sendable (ServiceDescriptor, String) -> URL
    public var retry: RetryPolicy
    /// The deadline of one request: every attempt and every wait between attempts, counted from when it is first
    /// signed (obtaining credentials has its own bounds). No attempt starts that could not before it; an attempt
    /// still running when it passes is abandoned.
    public var timeout: Duration
    /// Receives, for each HTTP exchange, a line naming the operation, method, host, path, status and attempt, and a
    /// line of request headers with credentials redacted (``redactedHeaders(_:)``); never bodies.
    public var log: (@Sendable (String) -> Void)?
    /// The signing time.
    public var now: @Sendable () -> Date

    public init(
        transport: any HTTPTransport, credentials: any CredentialsProvider,
        endpoint: @escaping @Sendable (ServiceDescriptor, String) -> URL = AWSServiceClient.defaultEndpoint,
        retry: RetryPolicy = RetryPolicy(), timeout: Duration = .seconds(30),
        log: (@Sendable (String) -> Void)? = nil, now: @escaping @Sendable () -> Date = { Date() }
    ) {
        self.transport = transport
        self.credentials = credentials
        self.endpoint = endpoint
        self.retry = retry
        self.timeout = timeout
        self.log = log
        self.now = now
    }

    /// `https://<prefix>.<region>.amazonaws.com` (`.com.cn` in China Regions); a partition-wide service's own host
    /// (`iam.amazonaws.com`) outside China.
    public static func defaultEndpoint(_ service: ServiceDescriptor, _ region: String) -> URL {
        if let host = service.globalHost, !region.hasPrefix("cn-") { return URL(string: "https://\(host)")! }
        let suffix = region.hasPrefix("cn-") ? "amazonaws.com.cn" : "amazonaws.com"
        return URL(string: "https://\(service.endpointPrefix).\(service.globalRegion ?? region).\(suffix)")!
    }

    /// Sends `request` (URL, method, body and content headers set) signed for `service` in `region`, retrying per
    /// the policy within ``timeout``; returns a 2xx answer or throws ``AWSServiceError`` / ``AWSTransportError``.
    public func send(_ request: HTTPRequest, service: ServiceDescriptor, region: String, operation: String)
        async throws -> HTTPResponse
    {
        let clock = ContinuousClock()
        var firstSigned: ContinuousClock.Instant?
        var attempt = 0
        while true {
            attempt += 1
            let (signed, redactor) = try await sign(request, service: service, region: service.globalRegion ?? region)
            let signedAt = firstSigned ?? clock.now
            firstSigned = signedAt
            let deadline = signedAt.advanced(by: timeout)
            let exchange =
                "\(service.displayName) \(operation) \(request.method) \(request.url.host ?? "") \(request.url.path.isEmpty ? "/" : request.url.path)"
            let response: HTTPResponse
            do {
                response = try await transport.send(signed, timeout: max(deadline - clock.now, .milliseconds(1)))
            } catch {
                try Task.checkCancellation()
                let failure = TransportFailure(error)
                log?(
                    redactor.redact("\(exchange) → \(failure) (attempt \(attempt))") + "\n    "
                        + Self.redactedHeaders(signed.headers))
                if failure.isRetryable, attempt < retry.maximumAttempts,
                    try await backOff(after: attempt, before: deadline, clock: clock)
                {
                    continue
                }
                throw AWSTransportError(
                    service: service.displayName, operation: operation,
                    reason: redactor.redact(reason(failure, url: request.url, attempts: attempt)), failure: failure)
            }
            log?("\(exchange) → \(response.status) (attempt \(attempt))\n    \(Self.redactedHeaders(signed.headers))")
            if (200..<300).contains(response.status) { return response }
            let error = AWSServiceError.decode(response, service: service.displayName, operation: operation)
                .redacted(by: redactor)
            if attempt < retry.maximumAttempts, retry.shouldRetry(error),
                try await backOff(after: attempt, before: deadline, clock: clock)
            {
                continue
            }
            throw error
        }
    }

    /// Waits the policy's delay after `attempt` and returns true, or returns false at once when the next attempt
    /// would start after `deadline`.
    private func backOff(after attempt: Int, before deadline: ContinuousClock.Instant, clock: ContinuousClock)
        async throws -> Bool
    {
        let delay = retry.delay(after: attempt)
        guard clock.now.advanced(by: delay) < deadline else { return false }
        try await retry.sleep(delay)
        return true
    }

    /// What happened to a request that could not be exchanged, naming the endpoint: e.g. `timed out after 2 s
    /// waiting for 127.0.0.1:4566 (1 attempt)`, `connection refused at 127.0.0.1:4566 (3 attempts)`.
    func reason(_ failure: TransportFailure, url: URL, attempts: Int) -> String {
        let port = url.port ?? (url.scheme == "https" ? 443 : 80)
        let endpoint = "\(url.host ?? "?"):\(port)"
        let tries = attempts == 1 ? "1 attempt" : "\(attempts) attempts"
        switch failure {
        case .timedOut: return "timed out after \(Self.seconds(timeout)) waiting for \(endpoint) (\(tries))"
        case .connectTimedOut: return "connecting to \(endpoint) timed out (\(tries))"
        case .connectionRefused: return "connection refused at \(endpoint) (\(tries))"
        case .connectionClosed: return "\(endpoint) closed the connection before answering (\(tries))"
        case .answerTooLarge: return failure.description
        case .other(let text): return "\(text) at \(endpoint) (\(tries))"
        }
    }

    /// `2 s`, `1.5 s`.
    static func seconds(_ duration: Duration) -> String {
        let (seconds, attoseconds) = duration.components
        if attoseconds == 0 { return "\(seconds) s" }
        return "\(Double(seconds) + Double(attoseconds) / 1e18) s"
    }

    /// `request` signed with the current credentials, and a redactor for those credentials and the signature.
    private func sign(_ request: HTTPRequest, service: ServiceDescriptor, region: String) async throws -> (
        HTTPRequest, SecretRedactor
    ) {
        let credentials = try await credentials.credentials()
        let signer = SigV4Signer(
            credentials: credentials, region: region, service: service.signingName,
            options: service.signingName == "s3" ? .s3 : .init())
        let signed = signer.sign(request, date: now())
        return (signed, SecretRedactor(credentials: credentials, request: signed))
    }

    /// Headers for a log line: `Authorization`, the session token and any signature are replaced by `<redacted>`.
    public static func redactedHeaders(_ headers: [(name: String, value: String)]) -> String {
        let secret: Set<String> = [
            "authorization", "x-amz-security-token", "x-amz-signature", "x-aws-ec2-metadata-token",
        ]
        return headers.map { "\($0.name): \(secret.contains($0.name.lowercased()) ? "<redacted>" : $0.value)" }
            .joined(separator: ", ")
    }
}
