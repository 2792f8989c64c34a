/// Lets at most a fixed number of tasks run a section at once: AWS calls in flight while a snapshot is read, log
/// checks in flight while a trail is validated. Waiting tasks are let in first come, first served.
public actor ConcurrencyLimiter {
    private let maximum: Int
    private var running = 0
    private var waiting: [CheckedContinuation<Void, Never>] = []

    /// A limiter for `maximum` concurrent sections (at least one).
    public init(maximum: Int) {
        self.maximum = max(1, maximum)
    }

    /// Runs `work` once fewer than the maximum are running.
    public func run<T: Sendable>(_ work: @Sendable () async throws -> T) async throws -> T {
        await acquire()
        defer { release() }
        return try await work()
    }

    private func acquire() async {
        if running < maximum {
            running += 1
        } else {
            await withCheckedContinuation { waiting.append($0) }
        }
    }

    private func release() {
        if waiting.isEmpty {
            running -= 1
        } else {
            waiting.removeFirst().resume()
        }
    }
}
