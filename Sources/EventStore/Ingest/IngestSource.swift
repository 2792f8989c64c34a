import Foundation
import TrailObjects

/// One file or object to ingest.
public struct IngestSource: Sendable, Equatable {
    public enum Location: Sendable, Equatable {
        case file(String)
        case object(bucket: String, key: String)
    }

    public var location: Location
    public var size: Int64

    public init(location: Location, size: Int64) {
        self.location = location
        self.size = size
    }

    /// The path, or `s3://bucket/key`: the `sourcekey` of its rows.
    public var name: String {
        switch location {
        case .file(let path): return path
        case .object(let bucket, let key): return "s3://\(bucket)/\(key)"
        }
    }

    /// The layout its path or key follows, if any.
    public var layout: LogObjectKey? {
        switch location {
        case .file(let path): return LogObjectKey(path)
        case .object(_, let key): return LogObjectKey(key)
        }
    }
}

/// Reads the bytes of a source as stored (possibly gzip-compressed).
public protocol LogObjectReader: Sendable {
    func read(_ source: IngestSource) async throws -> Data
}

/// Reads local files, and objects through an ``ObjectSource`` (S3 or a mirror) when one is given.
public struct StandardLogReader: LogObjectReader {
    public var objects: (any ObjectSource)?

    public init(objects: (any ObjectSource)? = nil) {
        self.objects = objects
    }

    public func read(_ source: IngestSource) async throws -> Data {
        switch source.location {
        case .file(let path):
            do {
                return try Data(contentsOf: URL(fileURLWithPath: path), options: .mappedIfSafe)
            } catch {
                let underlying = (error as NSError).userInfo[NSUnderlyingErrorKey] as? NSError
                let reason = underlying.map { String(cString: strerror(Int32($0.code))) } ?? error.localizedDescription
                throw LogFileError(source: path, reason: "cannot read: \(reason)")
            }
        case .object(let bucket, let key):
            guard let objects else {
                throw LogFileError(source: source.name, reason: "no S3 connection to read it with")
            }
            do {
                return try await objects.getObject(bucket: bucket, key: key).bytes
            } catch let error as ObjectSourceError {
                throw LogFileError(source: source.name, reason: "\(error.code): \(error.description)")
            }
        }
    }
}
