/// The CI gate: whether a readiness report passes, under the rule `--fail-on` names and the severity floor
/// `--fail-on-severity` sets, and why not.
///
/// A result *counts* when it blocks readiness (fails or is unknown, and no waiver accepted it) and its check's
/// severity is at or above the floor. A trail or managed account *passes* when none of its results counts.
public struct ReadinessGate: Sendable, Equatable {
    /// Which trails must pass.
    public enum Rule: String, Sendable, CaseIterable {
        /// Some evaluated trail passes, and every managed account of an organization run: the readiness verdict.
        case ready
        /// Every evaluated trail passes, and every managed account.
        case anyTrail = "any-trail"
    }

    public var rule: Rule
    /// Only blocking results of checks at or above this severity count; nil counts every blocking result.
    public var minimumSeverity: Severity?
    /// A report without any trail fails (`--require-trail`); by default it passes, since the service deploys its
    /// own managed trail.
    public var requireTrail: Bool

    public init(rule: Rule = .ready, minimumSeverity: Severity? = nil, requireTrail: Bool = false) {
        self.rule = rule
        self.minimumSeverity = minimumSeverity
        self.requireTrail = requireTrail
    }

    /// The gate's verdict on a report.
    public struct Decision: Sendable, Equatable {
        public var passes: Bool
        /// Why the gate fails, one line per trail or account that fails it (or the missing trail); empty when it
        /// passes.
        public var reasons: [String]
    }

    public func decide(_ report: ReadinessReport) -> Decision {
        if report.trails.isEmpty {
            return requireTrail
                ? Decision(passes: false, reasons: ["no trail to judge, and a trail is required"])
                : Decision(passes: true, reasons: [])
        }
        let trailReasons = report.trails.compactMap { trail in
            reason(label: "trail \(trail.trail.name)", trail.results.map(\.result))
        }
        let accountReasons = (report.organization?.accounts ?? []).compactMap { account in
            reason(label: "account \(account.accountId)", account.results)
        }
        let trailsPass: Bool
        switch rule {
        case .ready: trailsPass = trailReasons.count < report.trails.count
        case .anyTrail: trailsPass = trailReasons.isEmpty
        }
        let passes = trailsPass && accountReasons.isEmpty
        guard !passes else { return Decision(passes: true, reasons: []) }
        return Decision(passes: false, reasons: (trailsPass ? [] : trailReasons) + accountReasons)
    }

    /// `trail org-trail: 2 blocking results at or above high (trail.logging, bucket.policy-access)`, or nil when
    /// none of `results` counts.
    private func reason(label: String, _ results: [CheckResult]) -> String? {
        let counted = results.filter { result in
            result.blocksReadiness
                && minimumSeverity.map { CheckCatalogue.metadata(for: result.id).severity >= $0 } ?? true
        }
        guard !counted.isEmpty else { return nil }
        let floor = minimumSeverity.map { " at or above \($0.rawValue)" } ?? ""
        let noun = counted.count == 1 ? "blocking result" : "blocking results"
        return "\(label): \(counted.count) \(noun)\(floor) (\(counted.map(\.id.rawValue).joined(separator: ", ")))"
    }
}
