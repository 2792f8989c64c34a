import Foundation

/// A blocking first-in first-out queue of at most `capacity` items, for handing work between two threads.
final class BoundedQueue<Item: Sendable>: @unchecked Sendable {
    private let condition = NSCondition()
    private var items: [Item] = []
    private var closed = false
    private var draining = false
    private let capacity: Int

    init(capacity: Int) { self.capacity = capacity }

    /// Waits for room, then appends; dropped when the consumer has stopped.
    func put(_ item: Item) {
        condition.lock()
        defer { condition.unlock() }
        while items.count >= capacity, !draining { condition.wait() }
        if draining { return }
        items.append(item)
        condition.broadcast()
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
        defer { condition.unlock() }
        guard !items.isEmpty else { return nil }
        let item = items.removeFirst()
        condition.broadcast()
        return item
    }

    /// The next item, or nil once closed and empty.
    func take() -> Item? {
        condition.lock()
        defer { condition.unlock() }
        while items.isEmpty, !closed { condition.wait() }
        if items.isEmpty { return nil }
        let item = items.removeFirst()
        condition.broadcast()
        return item
    }

    func close() {
        condition.lock()
        closed = true
        condition.broadcast()
        condition.unlock()
    }

    /// The consumer stopped: drop everything and never block a producer again.
    func drain() {
        condition.lock()
        draining = true
        items.removeAll()
        condition.broadcast()
        condition.unlock()
    }
}
