import Foundation
import Synchronization
import TrailObjects

/// Objects in memory, in S3's key order, with keys that answer AccessDenied, malformed metadata or another error, and
/// prefixes whose listing answers AccessDenied, on request.
final class MemoryObjectSource: ObjectSource {
    private let state = Mutex<[String: [String: StoredObject]]>([:])
    private let denied = Mutex<Set<String>>([])
    private let failing = Mutex<Set<String>>([])
    private let unlistable = Mutex<Set<String>>([])
    private let badMetadata = Mutex<Set<String>>([])
    let pageSize: Int

    init(pageSize: Int = 3) {
        self.pageSize = pageSize
    }

    func put(_ bucket: String, _ key: String, _ bytes: Data, metadata: [String: String] = [:]) {
        state.withLock { $0[bucket, default: [:]][key] = StoredObject(bytes: bytes, metadata: metadata) }
    }

    func object(_ bucket: String, _ key: String) -> StoredObject? {
        state.withLock { $0[bucket]?[key] }
    }

    func remove(_ bucket: String, _ key: String) {
        _ = state.withLock { $0[bucket]?.removeValue(forKey: key) }
    }

    func deny(_ key: String) { _ = denied.withLock { $0.insert(key) } }

    func fail(_ key: String) { _ = failing.withLock { $0.insert(key) } }

    /// Listings of any prefix under `prefix` answer AccessDenied.
    func denyListing(_ prefix: String) { _ = unlistable.withLock { $0.insert(prefix) } }

    /// `key`'s metadata cannot be read, as a mirror's malformed sidecar.
    func breakMetadata(_ key: String) { _ = badMetadata.withLock { $0.insert(key) } }

    func listObjects(bucket: String, prefix: String, startAfter: String?, continuationToken: String?) async throws
        -> ObjectListPage
    {
        guard let objects = state.withLock({ $0[bucket] }) else { throw ObjectSourceError.noSuchBucket(bucket: bucket) }
        if unlistable.withLock({ $0.contains { prefix.hasPrefix($0) } }) {
            throw ObjectSourceError.accessDenied(bucket: bucket, key: prefix, message: "listing denied")
        }
        let after = [startAfter, continuationToken].compactMap { $0 }.max { $0.utf8.lexicographicallyPrecedes($1.utf8) }
        let keys = objects.keys.filter { key in
            key.hasPrefix(prefix) && after.map { $0.utf8.lexicographicallyPrecedes(key.utf8) } ?? true
        }
        .sorted { $0.utf8.lexicographicallyPrecedes($1.utf8) }
        let page = keys.prefix(pageSize)
        return ObjectListPage(
            objects: page.map { ObjectSummary(key: $0, size: Int64(objects[$0]!.bytes.count)) },
            nextContinuationToken: keys.count > pageSize ? page.last : nil)
    }

    func getObject(bucket: String, key: String) async throws -> StoredObject {
        if denied.withLock({ $0.contains(key) }) {
            throw ObjectSourceError.accessDenied(bucket: bucket, key: key, message: nil)
        }
        if badMetadata.withLock({ $0.contains(key) }) {
            throw ObjectSourceError.invalidMetadata(bucket: bucket, key: key, message: "sidecar is not a JSON object")
        }
        if failing.withLock({ $0.contains(key) }) {
            throw ObjectSourceError.failed(
                bucket: bucket, key: key, code: "InternalError", message: "We encountered an internal error")
        }
        guard let object = state.withLock({ $0[bucket]?[key] }) else {
            throw ObjectSourceError.notFound(bucket: bucket, key: key)
        }
        return object
    }
}
