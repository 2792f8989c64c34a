import CZlib
import Foundation

/// Gzip members made in memory with zlib's deflate, for tests that need compressed objects or files.
public enum Gzip {
    /// `data` as one gzip member compressed at `level` (zlib's 0 to 9; 6 is gzip's default).
    public static func compress(_ data: Data, level: Int32 = 6) -> Data {
        var stream = z_stream()
        precondition(
            deflateInit2_(
                &stream, level, Z_DEFLATED, 15 + 16, 8, Z_DEFAULT_STRATEGY, zlibVersion(),
                Int32(MemoryLayout<z_stream>.size)) == Z_OK)
        defer { deflateEnd(&stream) }
        var output = Data(count: Int(deflateBound(&stream, uLong(data.count))) + 64)
        let count = data.withUnsafeBytes { input in
            output.withUnsafeMutableBytes { out -> Int in
                stream.next_in = UnsafeMutablePointer(mutating: input.bindMemory(to: Bytef.self).baseAddress)
                stream.avail_in = uInt(input.count)
                stream.next_out = out.bindMemory(to: Bytef.self).baseAddress
                stream.avail_out = uInt(out.count)
                precondition(deflate(&stream, Z_FINISH) == Z_STREAM_END)
                return out.count - Int(stream.avail_out)
            }
        }
        return output.prefix(count)
    }

    /// One gzip member that inflates to `count` zero bytes (a gzip bomb: about 1 KB per MiB), deflated 1 MiB at a
    /// time so that the inflated bytes are never held.
    public static func zeros(_ count: Int) -> Data {
        var stream = z_stream()
        precondition(
            deflateInit2_(
                &stream, 9, Z_DEFLATED, 15 + 16, 9, Z_DEFAULT_STRATEGY, zlibVersion(),
                Int32(MemoryLayout<z_stream>.size)) == Z_OK)
        defer { deflateEnd(&stream) }
        let block = [UInt8](repeating: 0, count: 1 << 20)
        var output = Data()
        var buffer = [UInt8](repeating: 0, count: 1 << 16)
        var remaining = count
        repeat {
            let size = min(remaining, block.count)
            remaining -= size
            let flush = remaining == 0 ? Z_FINISH : Z_NO_FLUSH
            block.withUnsafeBufferPointer { input in
                stream.next_in = UnsafeMutablePointer(mutating: input.baseAddress)
                stream.avail_in = uInt(size)
                repeat {
                    let produced = buffer.withUnsafeMutableBufferPointer { out -> Int in
                        stream.next_out = out.baseAddress
                        stream.avail_out = uInt(out.count)
                        _ = deflate(&stream, flush)
                        return out.count - Int(stream.avail_out)
                    }
                    output.append(contentsOf: buffer[0..<produced])
                } while stream.avail_out == 0 || (flush == Z_FINISH && stream.avail_in > 0)
            }
        } while remaining > 0
        return output
    }
}
