import Foundation
import TrailGateCore

/// `fix` against a live account: read it and plan, apply the plan's changes with backups, read it again and
/// judge it, or put backups back. Each step is one call for the command; asking the user stays with it.
public struct LiveFix: Sendable {
    public var session: LiveSession
    public var planner: FixPlanner
    public var checkOptions: CheckOptions
    /// The trail to plan for (name or ARN); nil for every trail in the Region.
    public var trail: String?

    public init(session: LiveSession, planner: FixPlanner, checkOptions: CheckOptions, trail: String?) {
        self.session = session
        self.planner = planner
        self.checkOptions = checkOptions
        self.trail = trail
    }

    /// Reads the account and plans the fixes of each trail. Throws the collector's errors, a
    /// ``TrailSelectionError``, or a ``SnapshotError`` if what was read cannot be judged.
    public func plan() async throws -> [FixPlan] {
        let snapshot = try Snapshot.decode(
            try await session.collector.collect(
                trail: trail, extraBuckets: planner.options.accessLogBucket.map { [$0] } ?? []))
        return try planner.plans(for: snapshot, checkOptions: checkOptions, trail: trail)
    }

    /// Throws the first manual step of `plans` that stops `--apply` before any change (a failed precondition).
    public static func checkApplicable(_ plans: [FixPlan]) throws(FixApplyError) {
        if let step = plans.lazy.compactMap(\.blockingStep).first { throw .precondition(step.summary) }
    }

    /// Makes the changes of `plans` in apply order, each setting backed up in `backups` first and read back after;
    /// a failed call restores what was changed (``FixExecutor``). Nothing is changed when a manual step of the
    /// plans stops the apply.
    public func apply(_ plans: [FixPlan], backups: BackupDirectory, progress: @Sendable (String) -> Void)
        async throws(FixApplyError) -> [AppliedChange]
    {
        try Self.checkApplicable(plans)
        return try await executor(backups).apply(plans.flatMap(\.changes), progress: progress)
    }

    /// Reads the account again and judges it.
    public func report() async throws -> ReadinessReport {
        try ReadinessChecker(options: checkOptions).run(
            try Snapshot.decode(try await session.collector.collect(trail: trail)), trail: trail)
    }

    /// Puts back every backup of `backups`, newest first.
    public static func restore(
        _ backups: BackupDirectory, loaded: [FixBackup], paths: [String],
        session: LiveSession
    ) async -> [(backup: FixBackup, path: String, error: String?)] {
        await FixExecutor(target: AWSFixTarget(clients: session.clients), backups: backups)
            .restore(loaded, paths: paths)
    }

    private func executor(_ backups: BackupDirectory) -> FixExecutor {
        FixExecutor(target: AWSFixTarget(clients: session.clients), backups: backups)
    }
}
