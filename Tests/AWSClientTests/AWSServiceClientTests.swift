import AsyncHTTPClient
import Foundation
import NIOCore
import Testing

@testable import AWSClient

/// A transport that answers from a script and records what it was sent.
final class ScriptedTransport: HTTPTransport, @unchecked Sendable {
    private let lock = NSLock()
    private var answers: [Result<HTTPResponse, any Error>]
    private(set) var sent: [HTTPRequest] = []

    init(_ answers: [Result<HTTPResponse, any Error>]) {
        self.answers = answers
    }

    func send(_ request: HTTPRequest, timeout: Duration) async throws -> HTTPResponse {
        let answer: Result<HTTPResponse, any Error> = lock.withLock {
            sent.append(request)
            return answers.isEmpty ? .success(HTTPResponse(status: 200)) : answers.removeFirst()
        }
        return try answer.get()
    }
}

/// A failure after which the request may have reached the service.
struct ConnectionLost: Error {}

@Suite("AWS service client")
struct AWSServiceClientTests {
    static let credentials = StaticCredentials(
        AWSCredentials(accessKeyId: "AKIDEXAMPLE", secretAccessKey: "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY"))

    func client(_ transport: ScriptedTransport) -> AWSServiceClient {
        AWSServiceClient(
            transport: transport, credentials: Self.credentials,
            endpoint: { _, _ in URL(string: "http://127.0.0.1:1")! },
            retry: RetryPolicy(sleep: { _ in }, random: { 0.5 }))
    }

    func request() -> HTTPRequest { HTTPRequest(method: "POST", url: URL(string: "http://127.0.0.1:1/")!) }

    @Test(
        "errors are decoded from JSON, REST-XML and query-XML bodies with code, message and request id",
        arguments: [
            (
                #"{"__type":"com.amazonaws.cloudtrail#TrailNotFoundException","message":"Unknown trail"}"#,
                "TrailNotFoundException", "Unknown trail", "R-header"
            ),
            (
                "<Error><Code>AccessDenied</Code><Message>Access Denied</Message><RequestId>R-body</RequestId></Error>",
                "AccessDenied", "Access Denied", "R-header"
            ),
            (
                "<ErrorResponse><Error><Type>Sender</Type><Code>Throttling</Code><Message>Rate exceeded</Message></Error><RequestId>R-body</RequestId></ErrorResponse>",
                "Throttling", "Rate exceeded", "R-header"
            ),
        ])
    func decode(_ body: String, _ code: String, _ message: String, _ requestId: String) {
        let response = HTTPResponse(status: 400, headers: [("x-amzn-RequestId", requestId)], body: Data(body.utf8))
        let error = AWSServiceError.decode(response, service: "CloudTrail", operation: "GetTrailStatus")
        #expect(
            error
                == AWSServiceError(
                    service: "CloudTrail", operation: "GetTrailStatus", statusCode: 400, code: code,
                    message: message, requestId: requestId))
        #expect(
            error.description == "CloudTrail GetTrailStatus failed with \(code): \(message) (request id \(requestId))")
    }

    @Test(
        "AWS's own endpoints: Regional, global services signed in us-east-1, IAM on its partition host",
        arguments: [
            (ServiceDescriptor.cloudTrail, "eu-west-1", "https://cloudtrail.eu-west-1.amazonaws.com"),
            (ServiceDescriptor.organizations, "eu-west-1", "https://organizations.us-east-1.amazonaws.com"),
            (ServiceDescriptor.iam, "eu-west-1", "https://iam.amazonaws.com"),
            (ServiceDescriptor.kms, "cn-north-1", "https://kms.cn-north-1.amazonaws.com.cn"),
        ])
    func defaultEndpoints(service: ServiceDescriptor, region: String, url: String) {
        #expect(AWSServiceClient.defaultEndpoint(service, region).absoluteString == url)
    }

    @Test("a body-less error is named from its status")
    func bodyless() {
        let error = AWSServiceError.decode(HTTPResponse(status: 403), service: "S3", operation: "HeadBucket")
        #expect(error.code == "AccessDenied")
    }

    @Test("throttling, 5xx and connection errors are retried up to 3 attempts, each request signed anew")
    func retries() async throws {
        let throttled = HTTPResponse(status: 400, body: Data(#"{"__type":"ThrottlingException"}"#.utf8))
        let transport = ScriptedTransport([
            .success(throttled), .failure(ConnectionLost()), .success(HTTPResponse(status: 200)),
        ])
        let response = try await client(transport).send(
            request(), service: .cloudTrail, region: "us-east-1", operation: "DescribeTrails")
        #expect(response.status == 200)
        #expect(transport.sent.count == 3)
        #expect(
            transport.sent.allSatisfy {
                $0.header("Authorization")?.hasPrefix("AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE/") == true
            })
    }

    @Test("after 3 attempts the last error is thrown; a non-retryable error is not retried")
    func givesUp() async throws {
        let unavailable = HTTPResponse(status: 503, body: Data("<Error><Code>ServiceUnavailable</Code></Error>".utf8))
        let transport = ScriptedTransport([
            .success(unavailable), .success(unavailable), .success(unavailable), .success(HTTPResponse(status: 200)),
        ])
        await #expect(throws: AWSServiceError.self) {
            try await client(transport).send(request(), service: .s3, region: "us-east-1", operation: "GetBucketPolicy")
        }
        #expect(transport.sent.count == 3)
        let denied = ScriptedTransport([
            .success(HTTPResponse(status: 403, body: Data("<Error><Code>AccessDenied</Code></Error>".utf8)))
        ])
        await #expect(throws: AWSServiceError.self) {
            try await client(denied).send(request(), service: .s3, region: "us-east-1", operation: "GetBucketPolicy")
        }
        #expect(denied.sent.count == 1)
    }

    @Test("async-http-client's and SwiftNIO's typed errors are classified without reading their text")
    func transportFailures() {
        #expect(TransportFailure(HTTPClientError.connectTimeout) == .connectTimedOut)
        #expect(TransportFailure(HTTPClientError.deadlineExceeded) == .timedOut)
        #expect(TransportFailure(HTTPClientError.readTimeout) == .timedOut)
        #expect(TransportFailure(HTTPClientError.remoteConnectionClosed) == .connectionClosed)
        #expect(TransportFailure(ChannelError.connectTimeout(.seconds(5))) == .connectTimedOut)
        #expect(TransportFailure(IOError(errnoCode: ECONNREFUSED, reason: "connect")) == .connectionRefused)
        #expect(
            TransportFailure(NIOTooManyBytesError(maxBytes: 67_108_864)) == .answerTooLarge(maximumBytes: 67_108_864))
        #expect(TransportFailure(IOError(errnoCode: ECONNRESET, reason: "read")) != .connectionRefused)
        #expect(TransportFailure.connectionRefused.description == "connection refused")
        #expect(
            TransportFailure(NIOTooManyBytesError(maxBytes: 64 << 20)).description == "the response exceeded 64 MiB")
    }

    @Test(
        "a request that cannot be exchanged names the endpoint, what happened and the attempts",
        arguments: [
            (TransportFailure.timedOut, "timed out after 10 s waiting for 127.0.0.1:1 (3 attempts)"),
            (.connectTimedOut, "connecting to 127.0.0.1:1 timed out (3 attempts)"),
            (.connectionRefused, "connection refused at 127.0.0.1:1 (3 attempts)"),
            (.connectionClosed, "127.0.0.1:1 closed the connection before answering (3 attempts)"),
            (.other("TLS handshake failed"), "TLS handshake failed at 127.0.0.1:1 (3 attempts)"),
        ])
    func transportReasons(_ failure: TransportFailure, _ reason: String) async throws {
        var client = client(ScriptedTransport(Array(repeating: .failure(failure), count: 3)))
        client.timeout = .seconds(10)
        await #expect {
            _ = try await client.send(request(), service: .cloudTrail, region: "us-east-1", operation: "DescribeTrails")
        } throws: { error in
            (error as? AWSTransportError)?.description == "CloudTrail DescribeTrails: \(reason)"
                && (error as? AWSTransportError)?.failure == failure
        }
    }

    @Test("an answer too large is not sent again, and is said in the user's terms")
    func tooLarge() async throws {
        let transport = ScriptedTransport([.failure(TransportFailure.answerTooLarge(maximumBytes: 64 << 20))])
        await #expect {
            _ = try await client(transport).send(request(), service: .s3, region: "us-east-1", operation: "GetObject")
        } throws: { error in
            String(describing: error) == "S3 GetObject: the response exceeded 64 MiB"
        }
        #expect(transport.sent.count == 1)
    }

    /// A transport that records the time each attempt is given and fails it as refused.
    final class RefusingTransport: HTTPTransport, @unchecked Sendable {
        private let lock = NSLock()
        private var given: [Duration] = []
        var timeouts: [Duration] { lock.withLock { given } }

        func send(_ request: HTTPRequest, timeout: Duration) async throws -> HTTPResponse {
            lock.withLock { given.append(timeout) }
            throw TransportFailure.connectionRefused
        }
    }

    @Test("timeout bounds the whole request: each attempt gets what is left, and no retry starts past the deadline")
    func deadline() async throws {
        let transport = RefusingTransport()
        let slept = CredentialsTestBox<[Duration]>([])
        let client = AWSServiceClient(
            transport: transport, credentials: Self.credentials,
            endpoint: { _, _ in URL(string: "http://127.0.0.1:1")! },
            retry: RetryPolicy(sleep: { delay in slept.withValue { $0.append(delay) } }, random: { 0.999 }),
            timeout: .seconds(3))
        await #expect(throws: AWSTransportError.self) {
            _ = try await client.send(request(), service: .kms, region: "us-east-1", operation: "DescribeKey")
        }
        #expect(slept.current == [.milliseconds(1998)], "the second backoff (3996 ms) would pass the deadline")
        #expect(transport.timeouts.count == 2)
        #expect(transport.timeouts.allSatisfy { $0 <= .seconds(3) })
    }

    @Test("secret key, session token and signature are redacted from an error answer that quotes the request")
    func reflectedSecrets() async throws {
        let token = "IQoJb3JpZ2luX2VjEJr//////////wEaCXVzLWVhc3QtMSJH+token=="
        let credentials = AWSCredentials(
            accessKeyId: "ASIAEXAMPLE", secretAccessKey: "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY",
            sessionToken: token)
        final class Reflecting: HTTPTransport {
            func send(_ request: HTTPRequest, timeout: Duration) async throws -> HTTPResponse {
                let quoted = request.headers.map { "\($0.name)=\($0.value)" }.joined(separator: "\n")
                let body = try JSONSerialization.data(withJSONObject: [
                    "__type": "AccessDeniedException", "message": "Denied. Request:\n\(quoted)",
                ])
                return HTTPResponse(status: 400, body: body)
            }
        }
        let client = AWSServiceClient(
            transport: Reflecting(), credentials: StaticCredentials(credentials),
            endpoint: { _, _ in URL(string: "http://127.0.0.1:1")! }, retry: RetryPolicy(sleep: { _ in }))
        await #expect {
            _ = try await client.send(request(), service: .kms, region: "us-east-1", operation: "ListKeys")
        } throws: { error in
            let text = String(describing: error)
            return text.hasPrefix("KMS ListKeys failed with AccessDeniedException: ")
                && text.contains("X-Amz-Security-Token=<redacted>") && text.contains("Authorization=<redacted>")
                && !text.contains(token) && !text.contains(credentials.secretAccessKey)
        }
    }

    @Test("a closed port through the real HTTP client is refused at once, without waiting for the connect timeout")
    func realRefusal() async throws {
        let transport = AsyncHTTPTransport(connectTimeout: .seconds(5), readTimeout: .seconds(5))
        let request = HTTPRequest(method: "GET", url: URL(string: "http://127.0.0.1:9/")!)
        await #expect {
            _ = try await transport.send(request, timeout: .seconds(10))
        } throws: { error in
            error as? TransportFailure == .connectionRefused
        }
        try await transport.shutdown()
    }

    @Test("backoff is full jitter, doubling, capped at 20 seconds")
    func backoff() {
        let policy = RetryPolicy(sleep: { _ in }, random: { 0.999 })
        #expect(policy.delay(after: 1) == .milliseconds(1998))
        #expect(policy.delay(after: 2) == .milliseconds(3996))
        #expect(policy.delay(after: 8) == .milliseconds(20000))
    }

    @Test(
        "secrets are redacted by value (as written or percent-encoded) and by the name before them",
        arguments: [
            ("key wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY quoted", "key <redacted> quoted"),
            ("encoded wJalrXUtnFEMI%2FK7MDENG%2BbPxRfiCYEXAMPLEKEY", "encoded <redacted>"),
            ("token sessionTOKEN/value+1== end", "token <redacted> end"),
            ("x-amz-security-token:AQoDYXdzEJr...\nhost:s3", "x-amz-security-token:<redacted>\nhost:s3"),
            ("?X-Amz-Signature=0123abcd&X-Amz-Date=1", "?X-Amz-Signature=<redacted>&X-Amz-Date=1"),
            (
                #"{"SecretAccessKey": "abc", "AccessKeyId": "AKID"}"#,
                #"{"SecretAccessKey": "<redacted>", "AccessKeyId": "AKID"}"#
            ),
            (
                "{'Authorization': 'AWS4-HMAC-SHA256 Credential=AKID/x, Signature=ff', 'Host': 'h'}",
                "{'Authorization': '<redacted>', 'Host': 'h'}"
            ),
            ("aws_secret_access_key = other", "aws_secret_access_key = <redacted>"),
            (
                "The request signature we calculated does not match",
                "The request signature we calculated does not match"
            ),
        ])
    func redactor(_ text: String, _ redacted: String) {
        let redactor = SecretRedactor(
            credentials: AWSCredentials(
                accessKeyId: "AKID", secretAccessKey: "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY",
                sessionToken: "sessionTOKEN/value+1=="))
        #expect(redactor.redact(text) == redacted)
    }

    @Test("the signature a request was signed with is redacted, and values too short to be secrets are left alone")
    func redactorSignatureAndShortValues() {
        var request = HTTPRequest(method: "GET", url: URL(string: "https://s3.amazonaws.com/")!)
        request.setHeader(
            "Authorization", "AWS4-HMAC-SHA256 Credential=AKID/x, SignedHeaders=host, Signature=deadbeef01")
        let redactor = SecretRedactor(
            credentials: AWSCredentials(accessKeyId: "AKID", secretAccessKey: "testing"), request: request)
        #expect(redactor.redact("computed deadbeef01 for testing") == "computed <redacted> for testing")
    }

    @Test("verbose log lines redact Authorization and the session token")
    func redaction() {
        let line = AWSServiceClient.redactedHeaders([
            ("X-Amz-Date", "20261128T000000Z"), ("Authorization", "AWS4-HMAC-SHA256 Signature=abc"),
            ("X-Amz-Security-Token", "token"), ("X-Amz-Target", "T"),
        ])
        #expect(
            line
                == "X-Amz-Date: 20261128T000000Z, Authorization: <redacted>, X-Amz-Security-Token: <redacted>, X-Amz-Target: T"
        )
    }
}
