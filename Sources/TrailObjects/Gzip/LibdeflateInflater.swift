import Foundation

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// Gzip inflation with libdeflate, loaded at run time (`libdeflate.so.0`, Debian package libdeflate0), so the build
/// needs nothing beyond zlib. libdeflate inflates a whole member into one buffer about twice as fast as zlib; the
/// buffer is sized from the gzip trailer and grown up to ``maxOutputBytes``, beyond which (and on any invalid data,
/// so that truncation and corruption are told apart exactly as zlib tells them) the work goes to ``ZlibInflater``.
public final class LibdeflateInflater: GzipInflater, @unchecked Sendable {
    public var name: String { "libdeflate" }

    /// The library loaded from the default search path, or nil when it is not installed.
    public static let shared: LibdeflateInflater? = LibdeflateInflater(libraryName: "libdeflate.so.0")

    /// The largest output held in memory at once; larger members stream through zlib instead.
    public let maxOutputBytes: Int

    private typealias Allocate = @convention(c) () -> OpaquePointer?
    private typealias Free = @convention(c) (OpaquePointer?) -> Void
    private typealias GzipDecompress =
        @convention(c) (
            OpaquePointer?, UnsafeRawPointer?, Int, UnsafeMutableRawPointer?, Int,
            UnsafeMutablePointer<Int>?, UnsafeMutablePointer<Int>?
        ) -> Int32
    private let allocate: Allocate
    private let free: Free
    private let decompress: GzipDecompress
    private let fallback = ZlibInflater()
    /// Output buffers kept for reuse (at most ``poolLimit``), so each file does not fault in fresh pages.
    private let lock = NSLock()
    private var pool: [UnsafeMutableRawBufferPointer] = []
    private let poolLimit = 8

    /// Loads `libraryName` with `dlopen`; nil when it or one of its three functions is missing.
    public init?(libraryName: String, maxOutputBytes: Int = 256 << 20) {
        guard let handle = dlopen(libraryName, RTLD_NOW | RTLD_LOCAL),
            let allocate = dlsym(handle, "libdeflate_alloc_decompressor"),
            let free = dlsym(handle, "libdeflate_free_decompressor"),
            let decompress = dlsym(handle, "libdeflate_gzip_decompress_ex")
        else { return nil }
        self.allocate = unsafeBitCast(allocate, to: Allocate.self)
        self.free = unsafeBitCast(free, to: Free.self)
        self.decompress = unsafeBitCast(decompress, to: GzipDecompress.self)
        self.maxOutputBytes = maxOutputBytes
    }

    public func inflateFirstMember(
        _ input: UnsafeRawBufferPointer, outputLimit: Int, sink: (UnsafeRawBufferPointer) throws -> Void
    ) throws -> GzipMemberResult {
        guard input.count >= 18, let decompressor = allocate() else {
            return try fallback.inflateFirstMember(input, outputLimit: outputLimit, sink: sink)
        }
        defer { free(decompressor) }
        // Never a buffer beyond the caller's limit: a bomb stops there instead of at maxOutputBytes.
        let ceiling = min(maxOutputBytes, outputLimit)
        // ISIZE, the last four bytes, is the length of a lone member mod 2^32: a good first guess.
        let trailer = input.loadUnaligned(fromByteOffset: input.count - 4, as: UInt32.self).littleEndian
        var capacity = min(ceiling, max(Int(trailer), input.count * 4, 64 * 1024))
        while true {
            let output = takeBuffer(capacity)
            capacity = output.count
            defer { giveBack(output) }
            var consumed = 0
            var produced = 0
            let code = decompress(
                decompressor, input.baseAddress, input.count, output.baseAddress, capacity, &consumed, &produced)
            switch code {
            case 0:
                guard produced <= outputLimit else { throw GzipOutputLimitError(limit: outputLimit) }
                try sink(UnsafeRawBufferPointer(rebasing: output[0..<produced]))
                return GzipMemberResult(
                    inputBytes: input.count, consumedBytes: consumed, outputBytes: produced, isComplete: true)
            case 3 where capacity >= outputLimit:
                throw GzipOutputLimitError(limit: outputLimit)
            case 3 where capacity < ceiling:
                capacity = min(ceiling, capacity * 2)
            default:
                return try fallback.inflateFirstMember(input, outputLimit: outputLimit, sink: sink)
            }
        }
    }

    private func takeBuffer(_ capacity: Int) -> UnsafeMutableRawBufferPointer {
        lock.lock()
        let index = pool.firstIndex { $0.count >= capacity }
        let reused = index.map { pool.remove(at: $0) }
        lock.unlock()
        return reused ?? UnsafeMutableRawBufferPointer.allocate(byteCount: capacity, alignment: 16)
    }

    private func giveBack(_ buffer: UnsafeMutableRawBufferPointer) {
        lock.lock()
        if pool.count < poolLimit {
            pool.append(buffer)
            lock.unlock()
        } else {
            lock.unlock()
            buffer.deallocate()
        }
    }
}
