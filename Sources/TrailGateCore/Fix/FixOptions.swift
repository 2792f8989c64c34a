/// What the user tells `fix` beyond the snapshot.
public struct FixOptions: Sendable, Equatable {
    /// Plan only for these check ids; empty plans for every failing check.
    public var onlyChecks: Set<CheckID>
    /// The bucket server access logs go to; required to fix `bucket.access-logging`.
    public var accessLogBucket: String?
    /// The ARN of the principal that applies the plan, protected by the key-policy lock-out guard.
    public var callerArn: String?

    public init(onlyChecks: Set<CheckID> = [], accessLogBucket: String? = nil, callerArn: String? = nil) {
        self.onlyChecks = onlyChecks
        self.accessLogBucket = accessLogBucket
        self.callerArn = callerArn
    }
}
