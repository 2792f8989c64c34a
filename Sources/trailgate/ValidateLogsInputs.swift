import ArgumentParser
import Foundation
import Integrity
import OrderedJSON
import TrailObjects

/// Where `validate-logs` reads from: objects, public keys, and the trail's and organization's descriptions.
struct ValidateLogsInputs {
    var source: any ObjectSource
    var keys: any PublicKeySource
    /// The DescribeTrails answer, when known.
    var describeTrails: JSONValue?
    /// DescribeOrganization's `Organization.Id`, when known.
    var organizationId: String?

    /// A local mirror (docs/validate-logs.md): `ROOT/s3`, `ROOT/s3-metadata`, `ROOT/cloudtrail/<region>/list-public-keys.json`,
    /// `ROOT/cloudtrail/describe-trails.json`, `ROOT/organizations/describe-organization.json`.
    static func local(root: String, overrideKeys: [PublicKeyRecord]?) throws -> ValidateLogsInputs {
        let rootURL = URL(fileURLWithPath: root)
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: rootURL.appendingPathComponent("s3").path, isDirectory: &isDirectory),
              isDirectory.boolValue else {
            throw CLIFailure.invalidInput("--local \(root): no s3/ folder (expected ROOT/s3/<bucket>/<key>)")
        }
        let trails = try readJSONIfPresent(rootURL.appendingPathComponent("cloudtrail/describe-trails.json"))
        let organization = try readJSONIfPresent(rootURL.appendingPathComponent("organizations/describe-organization.json"))
        let keys: any PublicKeySource = overrideKeys.map { StaticPublicKeySource(everywhere: $0) }
            ?? DirectoryPublicKeySource(folder: rootURL.appendingPathComponent("cloudtrail"))
        return ValidateLogsInputs(source: LocalObjectSource(root: rootURL), keys: keys, describeTrails: trails,
                                  organizationId: organization?["Organization"]?["Id"]?.stringValue)
    }

    /// `--public-keys FILE`: a ListPublicKeys answer.
    static func readPublicKeys(_ path: String) throws -> [PublicKeyRecord] {
        guard let json = try readJSONIfPresent(URL(fileURLWithPath: path)) else {
            throw CLIFailure.invalidInput("--public-keys \(path): No such file or directory")
        }
        do {
            return try PublicKeyRecord.list(fromListPublicKeys: json)
        } catch {
            throw CLIFailure.invalidInput("--public-keys \(path): \(error)")
        }
    }

    static func readJSONIfPresent(_ url: URL) throws -> JSONValue? {
        guard FileManager.default.fileExists(atPath: url.path) else { return nil }
        do {
            return try JSONValue.parse(try Data(contentsOf: url))
        } catch let error as JSONParseError {
            throw CLIFailure.invalidInput("\(url.path): \(error.description)")
        } catch {
            throw CLIFailure.invalidInput("\(url.path): \(CLIFailure.systemReason(error))")
        }
    }

    /// Resolves the chains in scope and validates them; errors become CLI failures with their exit codes.
    static func run(trail: TrailARN, inputs: ValidateLogsInputs, bucket: String?, prefix: String?, accounts: [String],
                    regions: [String], start: Timestamp, end: Timestamp, now: Timestamp, jobs: Int,
                    inflater: any GzipInflater) async throws -> ValidationReport {
        let entry = inputs.describeTrails.flatMap { TrailScope.trailEntry(trail, in: $0) }
        if entry == nil && bucket == nil {
            throw CLIFailure.invalidInput("trail \(trail) not found (DescribeTrails); pass --s3-bucket to validate its files anyway")
        }
        do {
            let scope = try await TrailScope.resolve(trail: trail, trailEntry: entry, organizationId: inputs.organizationId,
                                                     bucket: bucket, prefix: prefix, accounts: accounts, regions: regions,
                                                     source: inputs.source)
            let request = ValidationRequest(trail: trail, bucket: scope.bucket, prefix: scope.prefix,
                                            organizationId: scope.organizationId, chains: scope.chains, start: start, end: end,
                                            now: now, jobs: jobs)
            return try await DigestChainValidator(source: inputs.source, keys: inputs.keys, inflater: inflater).validate(request)
        } catch let error as TrailScopeError {
            throw CLIFailure.invalidInput(error.description)
        } catch let error as PublicKeyListError {
            throw CLIFailure.invalidInput(error.description)
        } catch let error as ObjectSourceError {
            throw CLIFailure(message: error.description, exitCode: ExitStatus.unexpected.code)
        } catch let error as CLIFailure {
            throw error
        } catch {
            throw CLIFailure(message: String(describing: error), exitCode: ExitStatus.unexpected.code)
        }
    }
}
