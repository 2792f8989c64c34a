/// The AWS "standard" retry mode: up to 3 attempts, exponential backoff with full jitter (capped at 20 s), retrying
/// throttling codes, transient codes, 5xx answers and connection errors. Every call TrailGate makes may be sent
/// again: reads, whole-document puts, and Athena queries started with a client request token.
public struct RetryPolicy: Sendable {
    public var maximumAttempts: Int
    /// Waits between attempts; tests replace it so they do not sleep.
    public var sleep: @Sendable (Duration) async throws -> Void
    /// A number in [0, 1) for the jitter.
    public var random: @Sendable () -> Double

    public init(
        maximumAttempts: Int = 3,
        sleep: @escaping @Sendable (Duration) async throws -> Void = { try await Task.sleep(for: $0) },
        random: @escaping @Sendable () -> Double = { Double.random(in: 0..<1) }
    ) {
        self.maximumAttempts = maximumAttempts
        self.sleep = sleep
        self.random = random
    }

    static let throttlingCodes: Set<String> = [
        "Throttling", "ThrottlingException", "ThrottledException", "RequestThrottledException",
        "TooManyRequestsException",
        "ProvisionedThroughputExceededException", "TransactionInProgressException", "RequestLimitExceeded",
        "BandwidthLimitExceeded", "LimitExceededException", "RequestThrottled", "SlowDown", "PriorRequestNotComplete",
        "EC2ThrottledException",
    ]
    static let transientCodes: Set<String> = [
        "RequestTimeout", "RequestTimeoutException", "InternalError", "ServiceUnavailable",
    ]
    static let transientStatuses: Set<Int> = [500, 502, 503, 504]

    /// Whether an AWS error answer should be retried.
    func shouldRetry(_ error: AWSServiceError) -> Bool {
        Self.throttlingCodes.contains(error.code) || Self.transientCodes.contains(error.code)
            || Self.transientStatuses.contains(error.statusCode)
    }

    /// The wait before attempt `attempt + 1` (attempt counts from 1): random(0, 1) × 2^attempt seconds, at most 20 s.
    func delay(after attempt: Int) -> Duration {
        let seconds = min(20, random() * Double(1 << min(attempt, 10)))
        return .milliseconds(Int64(seconds * 1000))
    }
}
