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

/// Inflates the first member of a gzip stream, as `zlib.decompressobj(MAX_WBITS | 16)` does: output goes to `sink`
/// in chunks; data after the member is not inflated but counted (``GzipMemberResult/trailingBytes``); a truncated
/// input is reported, not thrown; a corrupt member throws ``GzipError``. Implementations are safe to use from
/// several threads at once.
public protocol GzipInflater: Sendable {
    /// A short name for reports: `zlib`, `libdeflate`.
    var name: String { get }

    func inflateFirstMember(_ input: UnsafeRawBufferPointer, sink: (UnsafeRawBufferPointer) throws -> Void) throws
        -> GzipMemberResult
}

extension GzipInflater {
    /// Inflates `data`'s first member into `sink`.
    public func inflateFirstMember(_ data: Data, sink: (UnsafeRawBufferPointer) throws -> Void) throws
        -> GzipMemberResult
    {
        try data.withUnsafeBytes { try inflateFirstMember($0, sink: sink) }
    }

    /// The first member's inflated bytes, whole (for small inputs such as digest files).
    public func inflatedFirstMember(_ data: Data) throws -> (bytes: Data, result: GzipMemberResult) {
        var output = Data()
        let result = try inflateFirstMember(data) { output.append(contentsOf: $0) }
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
