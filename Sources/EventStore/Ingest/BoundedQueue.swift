import Foundation

/// A first-in first-out queue of at most `capacity` items, for handing work from async code to a thread of its own:
/// a producer that finds it full suspends in ``put(_:)`` (its thread, one of Swift concurrency's few, goes on with
/// other tasks), while the consumer thread blocks in ``take()``.
final class BoundedQueue<Item: Sendable>: @unchecked Sendable {
    private let condition = NSCondition()
    private var items: [Item] = []
    /// Producers suspended while the queue was full, oldest first, with the item each is putting.
    private var waiting: [(item: Item, continuation: CheckedContinuation<Void, Never>)] = []
    private var closed = false
    private var draining = false
    private let capacity: Int

    init(capacity: Int) { self.capacity = capacity }

    /// Appends, suspending until there is room; dropped when the consumer has stopped.
    func put(_ item: Item) async {
        await withCheckedContinuation { continuation in
            condition.lock()
            // Producers wait only while the queue is full: when it has room, none is waiting ahead of this one.
            guard draining || items.count < capacity else {
                waiting.append((item, continuation))
                condition.unlock()
                return
            }
            if !draining {
                items.append(item)
                condition.broadcast()
            }
            condition.unlock()
            continuation.resume()
        }
    }

    /// Appends when there is room, else drops the item; never waits.
    func offer(_ item: Item) {
        condition.lock()
        defer { condition.unlock() }
        guard items.count < capacity, !draining else { return }
        items.append(item)
        condition.broadcast()
    }

    /// The next item when one is waiting; never waits.
    func poll() -> Item? {
        condition.lock()
        let (item, admitted) = removeFirst()
        condition.unlock()
        admitted?.resume()
        return item
    }

    /// The next item, or nil once closed and empty.
    func take() -> Item? {
        condition.lock()
        while items.isEmpty, !closed { condition.wait() }
        let (item, admitted) = removeFirst()
        condition.unlock()
        admitted?.resume()
        return item
    }

    func close() {
        condition.lock()
        closed = true
        condition.broadcast()
        condition.unlock()
    }

    /// The consumer stopped: drop everything and never hold a producer again.
    func drain() {
        condition.lock()
        draining = true
        items.removeAll()
        let dropped = waiting.map(\.continuation)
        waiting.removeAll()
        condition.broadcast()
        condition.unlock()
        for continuation in dropped { continuation.resume() }
    }

    /// The first item, if any, with the oldest suspended producer's item let into the room it leaves; that producer
    /// is to be resumed once the lock (held by the caller) is released.
    private func removeFirst() -> (Item?, CheckedContinuation<Void, Never>?) {
        guard !items.isEmpty else { return (nil, nil) }
        let item = items.removeFirst()
        var admitted: CheckedContinuation<Void, Never>?
        if !waiting.isEmpty {
            let producer = waiting.removeFirst()
            items.append(producer.item)
            admitted = producer.continuation
        }
        condition.broadcast()
        return (item, admitted)
    }
}
