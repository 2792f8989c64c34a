import Foundation
import TrailObjects

/// The JSON text of one source as read: inflated when it is gzip (whole, one member, at most `limit` bytes), as it is
/// otherwise. Shared by ingest and the scan, which report a file refused here with the same reason.
enum LogFileBytes {
    /// Calls `body` with the source's JSON text; a gzip file is inflated into `buffer`, which is reused from file to
    /// file so its memory is allocated once.
    static func withJSON<Result>(
        _ source: IngestSource, _ data: Data, inflater: any GzipInflater, limit: Int, buffer: inout [UInt8],
        _ body: (UnsafeBufferPointer<UInt8>) throws(LogFileError) -> Result
    ) throws(LogFileError) -> Result {
        guard data.count >= 2, data[data.startIndex] == 0x1F, data[data.startIndex + 1] == 0x8B else {
            let outcome = data.withUnsafeBytes { raw in
                Swift.Result { () throws(LogFileError) in try body(raw.bindMemory(to: UInt8.self)) }
            }
            return try outcome.get()
        }
        buffer.removeAll(keepingCapacity: true)
        let result: GzipMemberResult
        do {
            result = try inflater.inflateFirstMember(data, outputLimit: limit) { chunk in
                buffer.append(contentsOf: chunk.bindMemory(to: UInt8.self))
            }
        } catch let error as GzipError {
            throw LogFileError(source: source.name, reason: error.description)
        } catch let error as GzipOutputLimitError {
            throw LogFileError(
                source: source.name,
                reason: "skipped: it \(error.description), more than a CloudTrail log file holds "
                    + "(to read it anyway, decompress it and give the .json)")
        } catch {
            throw LogFileError(source: source.name, reason: "cannot inflate: \(error)")
        }
        guard result.isComplete else { throw LogFileError(source: source.name, reason: "truncated gzip stream") }
        guard result.trailingBytes == 0 else {
            throw LogFileError(source: source.name, reason: "\(result.trailingBytes) bytes after the first gzip member")
        }
        return try buffer.withUnsafeBufferPointer { bytes throws(LogFileError) in try body(bytes) }
    }
}
