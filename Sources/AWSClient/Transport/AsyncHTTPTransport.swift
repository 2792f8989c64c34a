import AsyncHTTPClient
import Foundation
import NIOCore
import NIOHTTP1

/// The real network: one shared async-http-client with connect and read timeouts. Call ``shutdown()`` when done.
public final class AsyncHTTPTransport: HTTPTransport {
    private let client: HTTPClient
    /// The largest response body read (policies, listings and logs are far smaller).
    static let maximumBodySize = 64 << 20

    public init(connectTimeout: Duration = .seconds(5), readTimeout: Duration = .seconds(30)) {
        var configuration = HTTPClient.Configuration()
        configuration.timeout = .init(connect: .init(connectTimeout), read: .init(readTimeout))
        configuration.redirectConfiguration = .disallow
        client = HTTPClient(eventLoopGroupProvider: .singleton, configuration: configuration)
    }

    /// Sends `request`; a failure to exchange it is a ``TransportFailure``.
    public func send(_ request: HTTPRequest, timeout: Duration) async throws -> HTTPResponse {
        do {
            return try await exchange(request, timeout: timeout)
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
