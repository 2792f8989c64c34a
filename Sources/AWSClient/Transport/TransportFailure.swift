import AsyncHTTPClient
import Foundation
import NIOCore
import NIOPosix

/// Why an HTTP exchange failed before an answer was read, classified from async-http-client's and SwiftNIO's
/// typed errors.
public enum TransportFailure: Error, Sendable, Equatable, CustomStringConvertible {
    /// The exchange's deadline or the read timeout passed.
    case timedOut
    /// No connection was made within the connect timeout.
    case connectTimedOut
    /// The server refused the connection.
    case connectionRefused
    /// The server closed the connection before answering.
    case connectionClosed
    /// The answer was larger than the client reads.
    case answerTooLarge(maximumBytes: Int)
    /// Anything else, described.
    case other(String)

    /// Classifies an error thrown by async-http-client or SwiftNIO.
    public init(_ error: any Error) {
        switch error {
        case let failure as TransportFailure:
            self = failure
        case let error as HTTPClientError:
            self = Self.classify(error)
        case let error as NIOConnectionError:
            let refused =
                !error.connectionErrors.isEmpty
                && error.connectionErrors.allSatisfy { Self.isRefusal($0.error) }
            self = refused ? .connectionRefused : .other(String(describing: error))
        case let error as NIOTooManyBytesError:
            self = .answerTooLarge(maximumBytes: error.maxBytes ?? AsyncHTTPTransport.maximumBodySize)
        case ChannelError.connectTimeout:
            self = .connectTimedOut
        default:
            self = Self.isRefusal(error) ? .connectionRefused : .other(String(describing: error))
        }
    }

    private static func classify(_ error: HTTPClientError) -> TransportFailure {
        switch error {
        case .deadlineExceeded, .readTimeout, .writeTimeout: return .timedOut
        case .connectTimeout: return .connectTimedOut
        case .remoteConnectionClosed: return .connectionClosed
        default: return .other(String(describing: error))
        }
    }

    private static func isRefusal(_ error: any Error) -> Bool {
        (error as? IOError)?.errnoCode == ECONNREFUSED
    }

    public var description: String {
        switch self {
        case .timedOut: return "timed out"
        case .connectTimedOut: return "connection timed out"
        case .connectionRefused: return "connection refused"
        case .connectionClosed: return "the connection was closed before an answer"
        case .answerTooLarge(let maximum): return "the response exceeded \(Self.size(maximum))"
        case .other(let text): return text
        }
    }

    /// Whether sending the request again may succeed: every failure but an answer too large (it would be again).
    var isRetryable: Bool {
        if case .answerTooLarge = self { return false }
        return true
    }

    /// `64 MiB` for whole mebibytes, else the number of bytes.
    private static func size(_ bytes: Int) -> String {
        bytes > 0 && bytes % (1 << 20) == 0 ? "\(bytes >> 20) MiB" : "\(bytes) bytes"
    }
}
