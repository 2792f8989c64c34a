import TrailObjects

/// Digest GETs started ahead of the walk. The walk mostly moves to the next older digest of the listing (through the
/// previous-digest pointer or after a failure), so while one digest is checked the next ``depth`` older listed keys
/// are already being fetched: against S3 the chain is not one round trip per hour. At most ``depth`` objects wait.
final class DigestPrefetch {
    let source: any ObjectSource
    let bucket: String
    let depth: Int
    private var pending: [String: Task<StoredObject, any Error>] = [:]

    init(source: any ObjectSource, bucket: String, depth: Int = 8) {
        self.source = source
        self.bucket = bucket
        self.depth = depth
    }

    /// The object at `key` of `bucket`; `listing` (ascending) says which keys come next.
    func fetch(bucket: String, key: String, listing: [String]) async throws -> StoredObject {
        guard bucket == self.bucket else { return try await source.getObject(bucket: bucket, key: key) }
        let task = pending.removeValue(forKey: key) ?? start(key)
        let index = Self.index(of: key, in: listing)
        for next in listing[max(0, index - depth)..<index].reversed()
        where pending[next] == nil && pending.count < depth {
            pending[next] = start(next)
        }
        return try await task.value
    }

    /// Stops what is still being fetched.
    func cancel() {
        for task in pending.values { task.cancel() }
        pending.removeAll()
    }

    private func start(_ key: String) -> Task<StoredObject, any Error> {
        let source = self.source, bucket = self.bucket
        return Task { try await source.getObject(bucket: bucket, key: key) }
    }

    /// Where `key` is (or would be) in the ascending `listing`: the index of the first key not before it.
    static func index(of key: String, in listing: [String]) -> Int {
        var low = 0, high = listing.count
        while low < high {
            let middle = (low + high) / 2
            if listing[middle].utf8.lexicographicallyPrecedes(key.utf8) { low = middle + 1 } else { high = middle }
        }
        return low
    }
}
