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
    }

    @Test("a closed port through the real HTTP client is a refused (or timed-out) connection")
    func realRefusal() async throws {
        let transport = AsyncHTTPTransport(connectTimeout: .seconds(2), readTimeout: .seconds(2))
        let request = HTTPRequest(method: "GET", url: URL(string: "http://127.0.0.1:9/")!)
        await #expect {
            _ = try await transport.send(request, timeout: .seconds(3))
        } throws: { error in
            [.connectionRefused, .connectTimedOut].contains(error as? TransportFailure)
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
