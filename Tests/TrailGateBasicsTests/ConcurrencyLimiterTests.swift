import Testing
import TrailGateBasics

@Suite struct ConcurrencyLimiterTests {
    /// Counts the sections running now, the most that ever ran at once, and those finished.
    actor Counters {
        var running = 0
        var peak = 0
        var done = 0

        func enter() {
            running += 1
            peak = max(peak, running)
        }

        func leave() {
            running -= 1
            done += 1
        }
    }

    @Test("no more than the maximum run at once, and every task runs")
    func bounded() async throws {
        let limiter = ConcurrencyLimiter(maximum: 3)
        let counters = Counters()
        try await withThrowingTaskGroup(of: Void.self) { group in
            for _ in 0..<40 {
                group.addTask {
                    try await limiter.run {
                        await counters.enter()
                        try await Task.sleep(for: .milliseconds(2))
                        await counters.leave()
                    }
                }
            }
            try await group.waitForAll()
        }
        #expect(await counters.peak == 3)
        #expect(await counters.done == 40)
        #expect(await counters.running == 0)
    }

    @Test("a failing section frees its place")
    func failureReleases() async {
        struct Failure: Error {}
        let limiter = ConcurrencyLimiter(maximum: 1)
        await #expect(throws: Failure.self) { try await limiter.run { throw Failure() } }
        let value = try? await limiter.run { 7 }
        #expect(value == 7)
    }
}
