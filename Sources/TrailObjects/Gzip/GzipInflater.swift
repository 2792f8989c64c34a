import Foundation

/// What inflating the first gzip member of an input found.
public struct GzipMemberResult: Sendable, Equatable {
    /// Bytes of input given.
    public var inputBytes: Int
    /// Bytes of input the first member took, header to trailer (all of the input when it is truncated).
    public var consumedBytes: Int
    /// Bytes of inflated output delivered to the sink.
    public var outputBytes: Int
    /// False when the input ended before the member did (a truncated file); the output delivered so far was still
    /// handed to the sink, as the AWS CLI's inflater hands it on without raising.
    public var isComplete: Bool

    public init(inputBytes: Int, consumedBytes: Int, outputBytes: Int, isComplete: Bool) {
        self.inputBytes = inputBytes
        self.consumedBytes = consumedBytes
        self.outputBytes = outputBytes
        self.isComplete = isComplete
    }

    /// Bytes after the end of the first member: a second member or junk. Zero for a truncated input.
    public var trailingBytes: Int { isComplete ? inputBytes - consumedBytes : 0 }
}

/// The input is not a gzip stream, or its first member is corrupt (bad header, bad deflate data, CRC or length
/// mismatch). `offset` is how far into the input the inflater got.
public struct GzipError: Error, Sendable, Equatable, CustomStringConvertible {
    public var reason: String
    public var offset: Int

    public init(reason: String, offset: Int) {
        self.reason = reason
        self.offset = offset
    }

    public var description: String { "not a valid gzip stream at byte \(offset): \(reason)" }
}

/// The first member inflates to more than the caller's output limit: a gzip bomb, or a file far larger than its kind
/// ever is. Nothing past the limit was inflated.
public struct GzipOutputLimitError: Error, Sendable, Equatable, CustomStringConvertible {
    /// The limit, in bytes.
    public var limit: Int

    public init(limit: Int) {
        self.limit = limit
    }

    public var description: String { "inflates to more than \(Self.size(limit))" }

    /// `64 MiB`, `1 KiB`, or bytes when not a whole number of KiB.
    static func size(_ bytes: Int) -> String {
        if bytes >= 1 << 20 && bytes % (1 << 20) == 0 { return "\(bytes >> 20) MiB" }
        if bytes >= 1 << 10 && bytes % (1 << 10) == 0 { return "\(bytes >> 10) KiB" }
        return "\(bytes) bytes"
    }
}

/// Inflates the first member of a gzip stream, as `zlib.decompressobj(MAX_WBITS | 16)` does: output goes to `sink`
/// in chunks; data after the member is not inflated but counted (``GzipMemberResult/trailingBytes``); a truncated
/// input is reported, not thrown; a corrupt member throws ``GzipError``. Implementations are safe to use from
/// several threads at once.
public protocol GzipInflater: Sendable {
    /// A short name for reports: `zlib`, `libdeflate`.
    var name: String { get }

    /// Inflates the first member into `sink`; a member that inflates to more than `outputLimit` bytes throws
    /// ``GzipOutputLimitError`` once the limit is passed, having neither allocated nor handed on more than the limit.
    func inflateFirstMember(
        _ input: UnsafeRawBufferPointer, outputLimit: Int, sink: (UnsafeRawBufferPointer) throws -> Void
    ) throws -> GzipMemberResult
}

extension GzipInflater {
    /// Inflates the first member of `input` into `sink`, whatever its size.
    public func inflateFirstMember(_ input: UnsafeRawBufferPointer, sink: (UnsafeRawBufferPointer) throws -> Void)
        throws -> GzipMemberResult
    {
        try inflateFirstMember(input, outputLimit: .max, sink: sink)
    }

    /// Inflates `data`'s first member into `sink`, at most `outputLimit` bytes of it.
    public func inflateFirstMember(
        _ data: Data, outputLimit: Int = .max, sink: (UnsafeRawBufferPointer) throws -> Void
    ) throws -> GzipMemberResult {
        try data.withUnsafeBytes { try inflateFirstMember($0, outputLimit: outputLimit, sink: sink) }
    }

    /// The first member's inflated bytes, whole (for small inputs such as digest files); more than `outputLimit`
    /// bytes throws ``GzipOutputLimitError``.
    public func inflatedFirstMember(_ data: Data, outputLimit: Int = .max) throws -> (
        bytes: Data, result: GzipMemberResult
    ) {
        var output = Data()
        let result = try inflateFirstMember(data, outputLimit: outputLimit) { output.append(contentsOf: $0) }
        return (output, result)
    }
}

/// Picks the inflater: the fastest one this machine can load unless told otherwise.
public enum GzipInflaters {
    /// The zlib inflater, always available.
    public static let zlib: any GzipInflater = ZlibInflater()

    /// `choice` is `auto` (libdeflate when its library loads, else zlib), `zlib` or `libdeflate`; nil reads the
    /// environment variable `TRAILGATE_INFLATER` and defaults to `auto`. Returns nil for `libdeflate` when the
    /// library cannot be loaded, and for an unknown name.
    public static func named(_ choice: String? = nil) -> (any GzipInflater)? {
        switch choice ?? ProcessInfo.processInfo.environment["TRAILGATE_INFLATER"] ?? "auto" {
        case "auto", "": return LibdeflateInflater.shared ?? zlib
        case "zlib": return zlib
        case "libdeflate": return LibdeflateInflater.shared
        default: return nil
        }
    }
}
