import Foundation

/// How far an organization run is: accounts read of those in scope, calls answered, and calls AWS refused.
public struct OrganizationScanProgress: Sendable, Equatable {
    public var accountsDone = 0
    public var accountsTotal = 0
    public var calls = 0
    public var errors = 0

    public init() {}
}

/// Counts an organization run's progress and tells the observer after every change.
final class ScanCounter: @unchecked Sendable {
    private let lock = NSLock()
    private var progress = OrganizationScanProgress()
    private let observer: (@Sendable (OrganizationScanProgress) -> Void)?

    init(observer: (@Sendable (OrganizationScanProgress) -> Void)?) {
        self.observer = observer
    }

    /// A call was answered; `refused` when AWS answered with an error.
    func call(refused: Bool) {
        update {
            $0.calls += 1
            if refused { $0.errors += 1 }
        }
    }

    func setAccountsTotal(_ total: Int) {
        update { $0.accountsTotal = total }
    }

    func accountDone() {
        update { $0.accountsDone += 1 }
    }

    private func update(_ change: (inout OrganizationScanProgress) -> Void) {
        lock.lock()
        change(&progress)
        let current = progress
        lock.unlock()
        observer?(current)
    }
}
