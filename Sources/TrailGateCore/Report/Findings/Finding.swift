/// One check's result on one trail or managed account, with what every machine format needs beside it: the
/// check's catalogue entry, the resource it is about, and an identity that stays the same across runs.
public struct Finding: Sendable {
    public var result: CheckResult
    public var metadata: CheckMetadata
    /// The trail or managed account the result belongs to.
    public var scope: FindingScope
    /// The AWS resource the result is about.
    public var resource: FindingResource
    /// The account the resource belongs to, when known.
    public var accountId: String?
    /// The Region of the trail, when known.
    public var region: String?

    /// The finding's identity across runs, unique within a report: `checkId@resource` when the resource is the
    /// scope itself (a trail check, an account check), else `checkId@resource@scope` with the trail's ARN or the
    /// account's id, because several trails can deliver to one bucket or encrypt with one key.
    public var fingerprint: String {
        let base = "\(result.id.rawValue)@\(resource.identifier)"
        return resource.identifier == scope.identifier ? base : base + "@" + scope.identifier
    }
}

/// What a finding belongs to: a trail of the report, or a managed account of an organization run.
public enum FindingScope: Sendable, Equatable {
    case trail(name: String, arn: String)
    case account(id: String, name: String?)

    /// The trail's ARN, or the account's 12-digit id.
    public var identifier: String {
        switch self {
        case .trail(_, let arn): arn
        case .account(let id, _): id
        }
    }

    /// The trail's name, or `account 111122223333 (Name)`.
    public var label: String {
        switch self {
        case .trail(let name, _): name
        case .account(let id, let name): "account \(id)" + (name.map { " (\($0))" } ?? "")
        }
    }
}

/// The resource a finding is about.
public struct FindingResource: Sendable, Equatable {
    public enum Kind: String, Sendable {
        case trail, bucket, key, account
    }

    public var kind: Kind
    /// The ARN, or for an account its 12-digit id.
    public var identifier: String
}

extension ReadinessReport {
    /// Every result of the report as a finding: the trails' results in report order, then the managed accounts'.
    public var findings: [Finding] {
        var findings: [Finding] = []
        for trail in trails {
            for (area, result) in trail.results {
                findings.append(
                    Finding(
                        result: result, metadata: CheckCatalogue.metadata(for: result.id),
                        scope: .trail(name: trail.trail.name, arn: trail.trail.trailARN),
                        resource: Self.resource(of: area, trail: trail.trail),
                        accountId: trail.trail.ownerAccountId, region: trail.trail.region))
            }
        }
        for account in organization?.accounts ?? [] {
            for result in account.results {
                findings.append(
                    Finding(
                        result: result, metadata: CheckCatalogue.metadata(for: result.id),
                        scope: .account(id: account.accountId, name: account.name),
                        resource: FindingResource(kind: .account, identifier: account.accountId),
                        accountId: account.accountId, region: trails.first?.trail.region))
            }
        }
        return findings
    }

    /// The trail for trail checks; the delivery bucket for bucket and organization checks; the trail's KMS key for
    /// key checks. A bucket or key the trail does not name falls back to the trail.
    private static func resource(of area: CheckArea, trail: Trail) -> FindingResource {
        switch area {
        case .bucket, .organization:
            if let bucket = trail.bucketARN { return FindingResource(kind: .bucket, identifier: bucket) }
        case .kms:
            if let key = trail.kmsKeyId, key.hasPrefix("arn:") {
                return FindingResource(kind: .key, identifier: key)
            }
        case .trail:
            break
        }
        return FindingResource(kind: .trail, identifier: trail.trailARN)
    }
}
