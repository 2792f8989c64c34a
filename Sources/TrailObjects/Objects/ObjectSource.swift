import Foundation

/// One object of a listing: its key and its size in bytes.
public struct ObjectSummary: Sendable, Equatable {
    public var key: String
    public var size: Int64

    public init(key: String, size: Int64) {
        self.key = key
        self.size = size
    }
}

/// One page of a listing, in S3 key order (UTF-8 bytes).
public struct ObjectListPage: Sendable, Equatable {
    public var objects: [ObjectSummary]
    /// Pass this back to get the next page; nil on the last page.
    public var nextContinuationToken: String?

    public init(objects: [ObjectSummary], nextContinuationToken: String?) {
        self.objects = objects
        self.nextContinuationToken = nextContinuationToken
    }
}

/// An object's bytes as stored (still compressed) and its user metadata, names without the `x-amz-meta-` prefix,
/// lowercased, as the SDKs return them.
public struct StoredObject: Sendable {
    public var bytes: Data
    public var metadata: [String: String]

    public init(bytes: Data, metadata: [String: String]) {
        self.bytes = bytes
        self.metadata = metadata
    }
}

/// Why an object or a listing could not be read. Every case names the bucket and, for an object, the key.
public enum ObjectSourceError: Error, Sendable, Equatable, CustomStringConvertible {
    /// `NoSuchKey`: the object does not exist.
    case notFound(bucket: String, key: String)
    /// `AccessDenied` (S3 also answers this for a missing key when the caller may not list the bucket).
    case accessDenied(bucket: String, key: String?, message: String?)
    /// `NoSuchBucket`.
    case noSuchBucket(bucket: String)
    /// The object's user metadata is malformed (a local mirror's sidecar that is not a JSON object of strings).
    case invalidMetadata(bucket: String, key: String, message: String)
    /// Any other failure, with the AWS error code (or a local reason such as `Unreadable`).
    case failed(bucket: String, key: String?, code: String, message: String)

    /// `s3://bucket/key`, or `s3://bucket` for a listing.
    public var location: String {
        switch self {
        case .notFound(let bucket, let key), .invalidMetadata(let bucket, let key, _): return "s3://\(bucket)/\(key)"
        case .accessDenied(let bucket, let key, _), .failed(let bucket, let key, _, _):
            return key.map { "s3://\(bucket)/\($0)" } ?? "s3://\(bucket)"
        case .noSuchBucket(let bucket): return "s3://\(bucket)"
        }
    }

    /// The AWS error code: `NoSuchKey`, `AccessDenied`, `NoSuchBucket`, `InvalidMetadata` or the code carried by
    /// `failed`.
    public var code: String {
        switch self {
        case .notFound: return "NoSuchKey"
        case .accessDenied: return "AccessDenied"
        case .noSuchBucket: return "NoSuchBucket"
        case .invalidMetadata: return "InvalidMetadata"
        case .failed(_, _, let code, _): return code
        }
    }

    public var description: String {
        switch self {
        case .notFound: return "\(location): NoSuchKey"
        case .accessDenied(_, _, let message): return "\(location): AccessDenied" + (message.map { ": \($0)" } ?? "")
        case .noSuchBucket: return "\(location): NoSuchBucket"
        case .invalidMetadata(_, _, let message): return "\(location): InvalidMetadata: \(message)"
        case .failed(_, _, let code, let message): return "\(location): \(code): \(message)"
        }
    }
}

/// Where objects come from: S3, a local mirror of a bucket, or a test fixture. Implementations are safe to call
/// concurrently.
public protocol ObjectSource: Sendable {
    /// One page of the keys under `prefix` that sort after `startAfter` (ListObjectsV2 semantics).
    func listObjects(bucket: String, prefix: String, startAfter: String?, continuationToken: String?) async throws
        -> ObjectListPage

    /// The object's bytes and user metadata. Throws ``ObjectSourceError``.
    func getObject(bucket: String, key: String) async throws -> StoredObject

    /// The names of the folders directly under `prefix` (which ends with `/`), sorted: the common prefixes of a
    /// `/`-delimited listing without `prefix` and the trailing `/`. The default walks the whole listing.
    func listFolders(bucket: String, prefix: String) async throws -> [String]
}

extension ObjectSource {
    public func listFolders(bucket: String, prefix: String) async throws -> [String] {
        var names: [String] = []
        try await forEachObject(bucket: bucket, prefix: prefix) { object in
            let rest = object.key.dropFirst(prefix.count)
            if let slash = rest.firstIndex(of: "/") {
                let name = String(rest[..<slash])
                if names.last != name { names.append(name) }
            }
            return true
        }
        return names
    }

    /// Walks every page of the listing in key order; `body` returns false to stop early.
    public func forEachObject(
        bucket: String, prefix: String, startAfter: String? = nil,
        _ body: (ObjectSummary) throws -> Bool
    ) async throws {
        var token: String?
        repeat {
            let page = try await listObjects(
                bucket: bucket, prefix: prefix, startAfter: startAfter, continuationToken: token)
            for object in page.objects where try !body(object) {
                return
            }
            token = page.nextContinuationToken
        } while token != nil
    }

    /// Every object under `prefix` after `startAfter`, in key order.
    public func allObjects(bucket: String, prefix: String, startAfter: String? = nil) async throws -> [ObjectSummary] {
        var objects: [ObjectSummary] = []
        try await forEachObject(bucket: bucket, prefix: prefix, startAfter: startAfter) {
            objects.append($0); return true
        }
        return objects
    }
}
