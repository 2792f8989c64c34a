import Foundation

/// The event ids the scan has counted, shared by its workers, so an event delivered in two files is counted once as
/// the store's unique `eventid` keeps it once. A canonical UUID (what CloudTrail writes) is kept as its 16 bytes, any
/// other id as its text; the set is split into shards with a lock each so workers rarely wait for each other.
final class EventIDSet: @unchecked Sendable {
    private struct UUID: Hashable {
        var high: UInt64
        var low: UInt64
    }

    private static let shardCount = 16
    private let locks = (0..<shardCount).map { _ in NSLock() }
    private var uuids = [Set<UUID>](repeating: [], count: shardCount)
    private var texts = [Set<[UInt8]>](repeating: [], count: shardCount)

    /// Adds `id`; false when it was already there.
    func insert(_ id: UnsafeBufferPointer<UInt8>) -> Bool {
        guard let uuid = Self.uuid(id) else {
            let text = Array(id)
            let shard = Self.shard(text)
            return locks[shard].withLock { texts[shard].insert(text).inserted }
        }
        // A UUID's first or last digits vary from one id to the next (random ones in version 4, the time in
        // version 1): they choose its shard without hashing it twice.
        let shard = Int((uuid.high ^ uuid.low) % UInt64(Self.shardCount))
        return locks[shard].withLock { uuids[shard].insert(uuid).inserted }
    }

    private static func shard(_ key: [UInt8]) -> Int {
        Int(UInt(bitPattern: key.hashValue) % UInt(shardCount))
    }

    /// `xxxxxxxx-xxxx-xxxx-xxxx-xxxxxxxxxxxx` in lower-case hex as two integers; nil for anything else, so two
    /// different texts never share a key.
    private static func uuid(_ id: UnsafeBufferPointer<UInt8>) -> UUID? {
        guard id.count == 36 else { return nil }
        var high: UInt64 = 0
        var low: UInt64 = 0
        var digits = 0
        for (offset, byte) in id.enumerated() {
            if offset == 8 || offset == 13 || offset == 18 || offset == 23 {
                guard byte == UInt8(ascii: "-") else { return nil }
                continue
            }
            let value: UInt8
            switch byte {
            case UInt8(ascii: "0")...UInt8(ascii: "9"): value = byte - UInt8(ascii: "0")
            case UInt8(ascii: "a")...UInt8(ascii: "f"): value = byte - UInt8(ascii: "a") + 10
            default: return nil
            }
            if digits < 16 { high = high << 4 | UInt64(value) } else { low = low << 4 | UInt64(value) }
            digits += 1
        }
        return UUID(high: high, low: low)
    }
}
