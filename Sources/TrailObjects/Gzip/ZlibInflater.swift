import CZlib
import Foundation

/// Streaming gzip inflation with system zlib: output goes to the sink in 256 KiB chunks, so memory stays bounded
/// whatever the file's size.
public struct ZlibInflater: GzipInflater {
    public var name: String { "zlib" }
    /// Bytes of output per sink call.
    public let chunkSize: Int

    public init(chunkSize: Int = 256 * 1024) {
        self.chunkSize = max(1024, chunkSize)
    }

    public func inflateFirstMember(
        _ input: UnsafeRawBufferPointer, outputLimit: Int, sink: (UnsafeRawBufferPointer) throws -> Void
    ) throws -> GzipMemberResult {
        var stream = z_stream()
        // 15 + 16: a gzip wrapper only, as Python's MAX_WBITS | 16 (no zlib or raw deflate).
        let status = inflateInit2_(&stream, 15 + 16, zlibVersion(), Int32(MemoryLayout<z_stream>.size))
        guard status == Z_OK else { throw GzipError(reason: "zlib could not start (\(status))", offset: 0) }
        defer { inflateEnd(&stream) }
        let output = UnsafeMutableRawBufferPointer.allocate(byteCount: chunkSize, alignment: 16)
        defer { output.deallocate() }
        guard let base = input.baseAddress, !input.isEmpty else {
            return GzipMemberResult(inputBytes: 0, consumedBytes: 0, outputBytes: 0, isComplete: false)
        }
        var fed = 0
        var produced = 0
        while true {
            if stream.avail_in == 0 && fed < input.count {
                let count = min(input.count - fed, Int(UInt32.max >> 1))
                stream.next_in = UnsafeMutablePointer(
                    mutating: base.advanced(by: fed).assumingMemoryBound(to: Bytef.self))
                stream.avail_in = uInt(count)
                fed += count
            }
            stream.next_out = output.baseAddress!.assumingMemoryBound(to: Bytef.self)
            stream.avail_out = uInt(chunkSize)
            let code = inflate(&stream, Z_NO_FLUSH)
            let count = chunkSize - Int(stream.avail_out)
            if count > 0 {
                guard count <= outputLimit - produced else { throw GzipOutputLimitError(limit: outputLimit) }
                produced += count
                try sink(UnsafeRawBufferPointer(rebasing: output[0..<count]))
            }
            let consumed = fed - Int(stream.avail_in)
            switch code {
            case Z_STREAM_END:
                return GzipMemberResult(
                    inputBytes: input.count, consumedBytes: consumed, outputBytes: produced, isComplete: true)
            case Z_OK, Z_BUF_ERROR:
                if stream.avail_in == 0 && fed == input.count && (count < chunkSize || code == Z_BUF_ERROR) {
                    return GzipMemberResult(
                        inputBytes: input.count, consumedBytes: consumed, outputBytes: produced, isComplete: false)
                }
            default:
                let reason = stream.msg.map { String(cString: $0) } ?? "zlib error \(code)"
                throw GzipError(reason: reason, offset: consumed)
            }
        }
    }
}
