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
        return removeFirstAndUnlock()
    }

    /// The next item, or nil once closed and empty.
    func take() -> Item? {
        condition.lock()
        while items.isEmpty, !closed { condition.wait() }
        return removeFirstAndUnlock()
    }

    /// Nothing more will be put: ``take()`` returns nil once the queue is empty.
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

    /// Called with the lock held: removes the first item, if any, and lets the oldest suspended producer's item into
    /// the room it leaves; then releases the lock and resumes that producer.
    private func removeFirstAndUnlock() -> Item? {
        guard !items.isEmpty else {
            condition.unlock()
            return nil
        }
        let item = items.removeFirst()
        let admitted = waiting.isEmpty ? nil : waiting.removeFirst()
        if let admitted { items.append(admitted.item) }
        condition.broadcast()
        condition.unlock()
        admitted?.continuation.resume()
        return item
    }
}
