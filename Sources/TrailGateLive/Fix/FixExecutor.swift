import Foundation
import OrderedJSON
import TrailGateCore

/// A change that was made, with the backup of what it replaced and the setting as re-read afterwards.
public struct AppliedChange: Sendable {
    public var change: PlannedChange
    public var backupPath: String
    /// The setting read back after the call.
    public var reread: JSONValue
}

/// What became of one change when an apply stopped.
public struct ChangeState: Sendable, CustomStringConvertible {
    public enum State: Sendable {
        /// Put back from its backup.
        case restored(backupPath: String)
        /// Could not be put back; the backup holds the document to put back by hand.
        case restoreFailed(backupPath: String, reason: String)
    }

    public var change: PlannedChange
    public var state: State

    public var description: String {
        let what = "\(change.action.aspect.rawValue) of \(change.resource)"
        switch state {
        case .restored(let path): return "\(what): restored from \(path)"
        case .restoreFailed(let path, let reason):
            return "\(what): NOT restored (\(reason)); put back \(path) with `trailgate fix --restore`"
        }
    }
}

/// An apply that stopped: before any change (a precondition failed) or after rolling back.
public enum FixApplyError: Error, Sendable, CustomStringConvertible {
    /// A precondition does not hold; nothing was changed.
    case precondition(String)
    /// A step failed; every earlier change was rolled back as `states` say.
    case stopped(step: String, reason: String, states: [ChangeState])

    public var description: String {
        switch self {
        case .precondition(let reason):
            return "nothing changed: \(reason)"
        case let .stopped(step, reason, states):
            let failures = states.filter { if case .restoreFailed = $0.state { return true } else { return false } }
                .count
            let outcome =
                failures == 0
                ? "every change made so far was rolled back" : "\(failures) change(s) could NOT be rolled back"
            return "\(step) failed (\(reason)); \(outcome):\n" + states.map { "  - \($0)" }.joined(separator: "\n")
        }
    }
}

/// Applies fix plans in order, keeping a backup of every document it replaces, and rolls back what it changed when a
/// step fails.
public struct FixExecutor: Sendable {
    public let target: any FixTarget
    public let backups: BackupDirectory
    public let now: @Sendable () -> Date

    public init(target: any FixTarget, backups: BackupDirectory, now: @escaping @Sendable () -> Date = Date.init) {
        self.target = target
        self.backups = backups
        self.now = now
    }

    /// Checks the preconditions of every change, then applies the changes, those that may be refused first: read
    /// the setting, write its backup, make the call, read it back. `progress` receives one line per step. When the
    /// first call is refused and its change has a step for that, nothing has changed and the apply stops with the
    /// step as a precondition.
    public func apply(_ changes: [PlannedChange], progress: @Sendable (String) -> Void = { _ in })
        async throws(FixApplyError) -> [AppliedChange]
    {
        try await checkPreconditions(changes)
        var applied: [AppliedChange] = []
        let ordered = changes.filter { $0.stepIfRefused != nil } + changes.filter { $0.stepIfRefused == nil }
        for change in ordered {
            let step = "\(change.action.operation) on \(change.resource)"
            var backupPath: String?
            do {
                let current = try await target.read(change.action.aspect, of: change.resource)
                let path = try backups.save(
                    FixBackup(
                        resource: change.resource, aspect: change.action.aspect, document: current, takenAt: now()))
                backupPath = path
                do {
                    try await target.apply(change.action, to: change.resource)
                } catch {
                    guard applied.isEmpty, let refused = change.stepIfRefused else { throw error }
                    throw FixApplyError.precondition(
                        "\(step) was refused (\(Self.describe(error))): \(refused.summary)")
                }
                let reread = try await target.read(change.action.aspect, of: change.resource)
                applied.append(AppliedChange(change: change, backupPath: path, reread: reread))
                progress("applied \(step) (backup \(path))")
            } catch let error as FixApplyError {
                throw error
            } catch {
                var undo = applied.map { ($0.change, $0.backupPath) }
                if let backupPath { undo.append((change, backupPath)) }
                let states = await rollBack(undo)
                throw .stopped(step: step, reason: Self.describe(error), states: states)
            }
        }
        return applied
    }

    /// Puts back every backup of `directory`, newest first; returns the state of each.
    public func restore(_ backups: [FixBackup], paths: [String]) async -> [(
        backup: FixBackup, path: String, error: String?
    )] {
        var results: [(FixBackup, String, String?)] = []
        for (backup, path) in zip(backups, paths).reversed() {
            do {
                try await target.restore(backup.aspect, of: backup.resource, to: backup.document)
                results.append((backup, path, nil))
            } catch {
                results.append((backup, path, Self.describe(error)))
            }
        }
        return results
    }

    private func checkPreconditions(_ changes: [PlannedChange]) async throws(FixApplyError) {
        for change in changes {
            do {
                switch change.action {
                case .putBucketOwnershipControls:
                    let lost = AccessControlReview.grantsLost(try await target.bucketACL(change.resource))
                    if !lost.isEmpty {
                        throw FixApplyError.precondition(
                            "enforcing bucket-owner ownership on \(change.resource.name) would disable ACL grants: "
                                + lost.joined(separator: "; ")
                                + "; move them into the bucket policy and remove them from the ACL first")
                    }
                default:
                    continue
                }
            } catch let error as FixApplyError {
                throw error
            } catch {
                throw .precondition(
                    "cannot check \(change.action.operation) on \(change.resource): \(Self.describe(error))")
            }
        }
    }

    /// Restores `changes` from their backups, newest first.
    private func rollBack(_ changes: [(PlannedChange, String)]) async -> [ChangeState] {
        var states: [ChangeState] = []
        for (change, path) in changes.reversed() {
            guard let backup = try? BackupDirectory.read(path) else {
                states.append(
                    ChangeState(
                        change: change, state: .restoreFailed(backupPath: path, reason: "the backup cannot be read")))
                continue
            }
            do {
                try await target.restore(backup.aspect, of: backup.resource, to: backup.document)
                states.append(ChangeState(change: change, state: .restored(backupPath: path)))
            } catch {
                states.append(
                    ChangeState(change: change, state: .restoreFailed(backupPath: path, reason: Self.describe(error))))
            }
        }
        return states
    }

    static func describe(_ error: any Error) -> String {
        "\(error)"
    }
}
