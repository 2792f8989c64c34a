import AsyncHTTPClient
import Foundation
import NIOCore
import NIOHTTP1

/// The real network: one shared async-http-client. Each exchange, the whole answer read, is bounded by the
/// `timeout` it is given; each connection attempt by the connect timeout. A connection that fails (refused, no
/// route) fails its request at once, so the caller's retry policy decides whether and when to try again. Call
/// ``shutdown()`` when done.
public final class AsyncHTTPTransport: HTTPTransport {
    private let client: HTTPClient
    /// The largest response body read (policies, listings and logs are far smaller).
    static let maximumBodySize = 64 << 20

    /// A transport that gives up connecting after `connectTimeout` and waits at most `readTimeout` between two
    /// reads of an answer (each exchange is also bounded as a whole by the `timeout` of ``send(_:timeout:)``).
    public init(connectTimeout: Duration = .seconds(5), readTimeout: Duration = .seconds(30)) {
        var configuration = HTTPClient.Configuration()
        configuration.timeout = .init(connect: .init(connectTimeout), read: .init(readTimeout))
        configuration.redirectConfiguration = .disallow
        configuration.connectionPool.retryConnectionEstablishment = false
        client = HTTPClient(eventLoopGroupProvider: .singleton, configuration: configuration)
    }

    /// Sends `request` and reads the whole answer within `timeout`; a failure to exchange it is a
    /// ``TransportFailure``.
    public func send(_ request: HTTPRequest, timeout: Duration) async throws -> HTTPResponse {
        do {
            return try await withThrowingTaskGroup(of: HTTPResponse.self) { group in
                defer { group.cancelAll() }
                group.addTask { try await self.exchange(request, timeout: timeout) }
                group.addTask {
                    try await Task.sleep(for: timeout)
                    throw TransportFailure.timedOut
                }
                return try await group.next()!
            }
        } catch {
            throw TransportFailure(error)
        }
    }

    private func exchange(_ request: HTTPRequest, timeout: Duration) async throws -> HTTPResponse {
        var outgoing = HTTPClientRequest(url: request.url.absoluteString)
        outgoing.method = HTTPMethod(rawValue: request.method)
        for header in request.headers { outgoing.headers.add(name: header.name, value: header.value) }
        if !request.body.isEmpty {
            outgoing.body = .bytes(ByteBuffer(bytes: request.body))
        }
        let response = try await client.execute(outgoing, timeout: .init(timeout))
        let body = try await response.body.collect(upTo: Self.maximumBodySize)
        return HTTPResponse(
            status: Int(response.status.code), headers: response.headers.map { ($0.name, $0.value) },
            body: Data(body.readableBytesView))
    }

    /// Closes the client's connections; required before the process exits.
    public func shutdown() async throws {
        try await client.shutdown()
    }

    /// Closes a client that never sent a request, from synchronous code (a failed set-up).
    public func shutdownBeforeUse() {
        try? client.syncShutdown()
    }
}

extension TimeAmount {
    init(_ duration: Duration) {
        let (seconds, attoseconds) = duration.components
        self = .nanoseconds(seconds * 1_000_000_000 + attoseconds / 1_000_000_000)
    }
}
