import Foundation
import Testing

@testable import EventStore

@Suite("bounded queue")
struct BoundedQueueTests {
    /// Runs `body` on a thread of its own (as the ingest's writer runs) once `ready` holds, or after 10 seconds
    /// whatever `ready` says; returns whether it was ready, and what `body` returned.
    private func onThread<T: Sendable>(
        once ready: @escaping @Sendable () -> Bool = { true },
        _ body: @escaping @Sendable () -> T
    ) async -> (ready: Bool, result: T) {
        await withCheckedContinuation { continuation in
            Thread {
                let deadline = Date(timeIntervalSinceNow: 10)
                while !ready(), Date() < deadline { Thread.sleep(forTimeInterval: 0.001) }
                continuation.resume(returning: (ready(), body()))
            }.start()
        }
    }

    /// Starts `count` tasks on one thread, each counting itself in `started` and then putting its number.
    private func produce(_ count: Int, into queue: BoundedQueue<Int>, started: Locked<Int>) async {
        let executor = OneThreadExecutor()
        defer { executor.stop() }
        await withTaskExecutorPreference(executor) {
            await withTaskGroup(of: Void.self) { group in
                for value in 0..<count {
                    group.addTask {
                        started.mutate { $0 += 1 }
                        await queue.put(value)
                    }
                }
            }
        }
    }

    @Test("items come out in the order they were put, the producer waiting while the queue is full")
    func order() async {
        let queue = BoundedQueue<Int>(capacity: 2)
        async let taken = onThread { (0..<6).map { _ in queue.take() } }
        for value in 0..<5 { await queue.put(value) }
        queue.close()
        #expect(await taken.result == [0, 1, 2, 3, 4, nil])
    }

    @Test("producers of a full queue suspend without holding their thread")
    func producersSuspend() async {
        let queue = BoundedQueue<Int>(capacity: 1)
        let started = Locked(0)
        // The producers share one thread: had `put` blocked it, the second would hold it and the others would not
        // start before the consumer gave up waiting for them.
        async let taken = onThread(once: { started.value == 4 }) { (0..<4).map { _ in queue.take() } }
        await produce(4, into: queue, started: started)
        #expect(await taken.ready)
        #expect(Set(await taken.result.compactMap { $0 }) == Set(0..<4))
    }

    @Test("a drained queue drops its items and releases every waiting producer")
    func drain() async {
        let queue = BoundedQueue<Int>(capacity: 1)
        await queue.put(-1)
        let started = Locked(0)
        async let drained = onThread(once: { started.value == 3 }) { queue.drain() }
        await produce(3, into: queue, started: started)
        #expect(await drained.ready)
        await queue.put(4)
        queue.offer(5)
        queue.close()
        #expect(queue.poll() == nil && queue.take() == nil)
    }
}

/// Runs the jobs of the tasks that prefer it one at a time on a single thread of its own.
final class OneThreadExecutor: TaskExecutor, @unchecked Sendable {
    private let condition = NSCondition()
    private var jobs: [UnownedJob] = []
    private var stopped = false

    init() {
        Thread { [self] in
            while let job = next() { job.runSynchronously(on: asUnownedTaskExecutor()) }
        }.start()
    }

    func enqueue(_ job: consuming ExecutorJob) {
        let job = UnownedJob(job)
        condition.withLock {
            jobs.append(job)
            condition.signal()
        }
    }

    /// Ends the thread once the jobs enqueued so far have run.
    func stop() {
        condition.withLock {
            stopped = true
            condition.signal()
        }
    }

    private func next() -> UnownedJob? {
        condition.withLock {
            while jobs.isEmpty, !stopped { condition.wait() }
            return jobs.isEmpty ? nil : jobs.removeFirst()
        }
    }
}
