import CZlib
import Foundation

/// Gzip members made with zlib's deflate, for the inflater tests.
enum GzipTestData {
    static func gzip(_ data: Data, level: Int32 = 6) -> Data {
        var stream = z_stream()
        precondition(deflateInit2_(&stream, level, Z_DEFLATED, 15 + 16, 8, Z_DEFAULT_STRATEGY, zlibVersion(),
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

    /// CloudTrail-like JSON: `count` records, compressible but not trivially.
    static func records(_ count: Int, seed: UInt64 = 1) -> Data {
        var state = seed
        var text = "{\"Records\":["
        for index in 0..<count {
            state = state &* 6364136223846793005 &+ 1442695040888963407
            text += (index > 0 ? "," : "")
                + "{\"eventVersion\":\"1.09\",\"eventTime\":\"2024-03-01T00:\(index % 60):00Z\",\"eventName\":\"Describe\(state % 97)\","
                + "\"requestID\":\"\(String(state, radix: 16))\",\"sourceIPAddress\":\"10.\(state % 255).\((state >> 8) % 255).1\"}"
        }
        return Data((text + "]}").utf8)
    }
}
