import TrailGateBasics

/// The checked entries of a waivers file, and how they apply to a readiness report.
///
/// An entry waives the non-passing results (`fail`, `warn`, `unknown`) of its check whose resource it matches; a
/// waived result keeps its status but no longer blocks readiness. The first matching entry, in file order, is the
/// one a result records.
public struct WaiverList: Sendable, Equatable {
    /// The entries, in file order.
    public private(set) var waivers: [Waiver]

    /// Checks every entry against the registered checks and `today` (the caller's clock, as a UTC date): the check
    /// must be a registered id, the resource, reason and accepted-by must not be empty, and `expires` must be a
    /// `YYYY-MM-DD` date not before `today`. The first fault, in file order, is thrown.
    public init(_ waivers: [Waiver], today: CivilDate) throws(WaiverError) {
        for waiver in waivers { try Self.validate(waiver, today: today) }
        self.waivers = waivers
    }

    /// The report with each matching result's `waiver` set, and `unmatchedWaivers` listing the entries that
    /// matched no non-passing result. Readiness follows from the results (``CheckResult/blocksReadiness``).
    public func apply(to report: ReadinessReport) -> ReadinessReport {
        var report = report
        var matched: Set<Int> = []
        for trailIndex in report.trails.indices {
            let identifiers = Self.identifiers(of: report.trails[trailIndex].trail)
            for resultIndex in report.trails[trailIndex].results.indices {
                let result = report.trails[trailIndex].results[resultIndex].result
                if let waiver = waiver(for: result, identifiers: identifiers) {
                    report.trails[trailIndex].results[resultIndex].result.waiver = waiver
                    matched.insert(waiver.entry)
                }
            }
        }
        if var organization = report.organization {
            for accountIndex in organization.accounts.indices {
                let identifiers = [organization.accounts[accountIndex].accountId]
                for resultIndex in organization.accounts[accountIndex].results.indices {
                    let result = organization.accounts[accountIndex].results[resultIndex]
                    if let waiver = waiver(for: result, identifiers: identifiers) {
                        organization.accounts[accountIndex].results[resultIndex].waiver = waiver
                        matched.insert(waiver.entry)
                    }
                }
            }
            report.organization = organization
        }
        report.unmatchedWaivers = waivers.filter { !matched.contains($0.entry) }
        return report
    }

    /// The first entry that waives `result`, whose resource is known by `identifiers`.
    private func waiver(for result: CheckResult, identifiers: [String]) -> Waiver? {
        guard result.status != .pass, result.status != .notApplicable else { return nil }
        return waivers.first { $0.check == result.id.rawValue && $0.matches(identifiers) }
    }

    /// Every name a trail's results can be waived by: the trail's name and ARN, its bucket's name and ARN, its KMS
    /// key as the trail names it (and the key id of a key ARN), and the trail's account.
    static func identifiers(of trail: Trail) -> [String] {
        var identifiers = [trail.name, trail.trailARN]
        if let bucket = trail.s3BucketName, let bucketARN = trail.bucketARN { identifiers += [bucket, bucketARN] }
        if let key = trail.kmsKeyId {
            identifiers.append(key)
            if key.hasPrefix("arn:"), let slash = key.lastIndex(of: "/") {
                identifiers.append(String(key[key.index(after: slash)...]))
            }
        }
        if let account = trail.ownerAccountId { identifiers.append(account) }
        return identifiers
    }

    private static func validate(_ waiver: Waiver, today: CivilDate) throws(WaiverError) {
        func fault(_ field: String, _ message: String) -> WaiverError {
            WaiverError(entry: waiver.entry, field: field, message: message)
        }
        if waiver.check.allSatisfy(\.isWhitespace) { throw fault("check", "missing; name the check to waive") }
        guard CheckRegistry.id(named: waiver.check) != nil else {
            let valid = CheckRegistry.ids.map(\.rawValue).joined(separator: ", ")
            throw fault("check", "unknown check \"\(waiver.check)\" (valid ids: \(valid))")
        }
        if waiver.resource.allSatisfy(\.isWhitespace) {
            throw fault("resource", "missing; name the trail, bucket, key or account (wildcards * and ? allowed)")
        }
        if waiver.reason.allSatisfy(\.isWhitespace) {
            throw fault("reason", "missing; say why the finding is accepted")
        }
        if waiver.acceptedBy.allSatisfy(\.isWhitespace) {
            throw fault("accepted-by", "missing; say who accepted the finding")
        }
        if waiver.expires.allSatisfy(\.isWhitespace) {
            throw fault("expires", "missing; give the last day the waiver holds, YYYY-MM-DD")
        }
        guard let expiry = waiver.expiryDate else {
            throw fault("expires", "\"\(waiver.expires)\" is not a calendar date YYYY-MM-DD")
        }
        if expiry < today {
            throw fault("expires", "expired on \(waiver.expires); renew it or remove the entry")
        }
    }
}
