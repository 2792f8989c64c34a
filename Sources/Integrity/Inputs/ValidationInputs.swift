import Foundation
import OrderedJSON
import TrailGateBasics
import TrailObjects

/// Input that `validate-logs` cannot use: a mirror without its `s3/` folder, a JSON file that cannot be read, a
/// trail that is not described and no bucket to validate instead.
public struct ValidationInputError: Error, Sendable, Equatable, CustomStringConvertible {
    public var description: String

    public init(_ description: String) {
        self.description = description
    }
}

/// Where a validation reads from: objects, public keys, and the trail's and organization's descriptions.
public struct ValidationInputs: Sendable {
    public var source: any ObjectSource
    public var keys: any PublicKeySource
    /// The DescribeTrails answer, when known.
    public var describeTrails: JSONValue?
    /// DescribeOrganization's `Organization.Id`, when known.
    public var organizationId: String?

    public init(
        source: any ObjectSource, keys: any PublicKeySource, describeTrails: JSONValue?,
        organizationId: String?
    ) {
        self.source = source
        self.keys = keys
        self.describeTrails = describeTrails
        self.organizationId = organizationId
    }

    /// A local mirror (docs/validate-logs.md): `ROOT/s3`, `ROOT/s3-metadata`,
    /// `ROOT/cloudtrail/<region>/list-public-keys.json`, `ROOT/cloudtrail/describe-trails.json`,
    /// `ROOT/organizations/describe-organization.json`. `overrideKeys` replace the mirror's keys.
    public static func localMirror(root: URL, overrideKeys: [PublicKeyRecord]?) throws(ValidationInputError)
        -> ValidationInputs
    {
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: root.appendingPathComponent("s3").path, isDirectory: &isDirectory),
            isDirectory.boolValue
        else {
            throw ValidationInputError("--local \(root.path): no s3/ folder (expected ROOT/s3/<bucket>/<key>)")
        }
        let trails = try readJSONIfPresent(root.appendingPathComponent("cloudtrail/describe-trails.json"))
        let organization = try readJSONIfPresent(
            root.appendingPathComponent("organizations/describe-organization.json"))
        let keys: any PublicKeySource =
            overrideKeys.map { StaticPublicKeySource(everywhere: $0) }
            ?? DirectoryPublicKeySource(folder: root.appendingPathComponent("cloudtrail"))
        return ValidationInputs(
            source: LocalObjectSource(root: root), keys: keys, describeTrails: trails,
            organizationId: organization?["Organization"]?["Id"]?.stringValue)
    }

    /// The keys of a saved ListPublicKeys answer (`--public-keys FILE`).
    public static func publicKeys(file path: String) throws(ValidationInputError) -> [PublicKeyRecord] {
        guard let json = try readJSONIfPresent(URL(fileURLWithPath: path)) else {
            throw ValidationInputError("--public-keys \(path): No such file or directory")
        }
        do {
            return try PublicKeyRecord.list(fromListPublicKeys: json)
        } catch {
            throw ValidationInputError("--public-keys \(path): \(error)")
        }
    }

    private static func readJSONIfPresent(_ url: URL) throws(ValidationInputError) -> JSONValue? {
        guard FileManager.default.fileExists(atPath: url.path) else { return nil }
        let data: Data
        do {
            data = try Data(contentsOf: url)
        } catch {
            throw ValidationInputError("\(url.path): \(SystemErrorReason.of(error))")
        }
        do {
            return try JSONValue.parse(data)
        } catch {
            throw ValidationInputError("\(url.path): \(error.description)")
        }
    }

    /// Resolves the chains of `trail` in scope and validates them. Throws ``ValidationInputError`` when the trail
    /// is not described and no `bucket` is given, ``TrailScopeError``, ``PublicKeyListError``, or the source's
    /// ``ObjectSourceError``.
    public func validate(
        trail: TrailARN, bucket: String?, prefix: String?, accounts: [String], regions: [String],
        start: Timestamp, end: Timestamp, now: Timestamp, jobs: Int,
        inflater: any GzipInflater
    ) async throws -> ValidationReport {
        let entry = describeTrails.flatMap { TrailScope.trailEntry(trail, in: $0) }
        if entry == nil && bucket == nil {
            throw ValidationInputError(
                "trail \(trail) not found (DescribeTrails); pass --s3-bucket to validate its files anyway")
        }
        let scope = try await TrailScope.resolve(
            trail: trail, trailEntry: entry, organizationId: organizationId, bucket: bucket, prefix: prefix,
            accounts: accounts, regions: regions, source: source)
        let request = ValidationRequest(
            trail: trail, bucket: scope.bucket, prefix: scope.prefix, organizationId: scope.organizationId,
            chains: scope.chains, start: start, end: end, now: now, jobs: jobs)
        return try await DigestChainValidator(source: source, keys: keys, inflater: inflater).validate(request)
    }
}
