import AWSClient
import Foundation
import Integrity
import OrderedJSON
import TrailGateLive
import TrailObjects

/// `validate-logs` against AWS: DescribeTrails and DescribeOrganization for the scope, S3 for the objects, CloudTrail
/// ListPublicKeys in each chain's source Region for the keys.
enum ValidateLogsLive {
    static func run(trail: TrailARN, options: ValidateLogsCommand, overrideKeys: [PublicKeyRecord]?, start: Timestamp,
                    end: Timestamp, now: Timestamp, jobs: Int, inflater: any GzipInflater) async throws -> ValidationReport {
        let print: @Sendable (String) -> Void = { line in StandardError.print(line) }
        let log = options.verbose ? print : nil
        let session: LiveSession
        do {
            session = try LiveSession(options: LiveOptions(profile: options.profile, region: trail.homeRegion,
                                                           endpointURL: options.endpointURL, timeout: .seconds(options.timeout),
                                                           log: log))
        } catch {
            throw CLIFailure.invalidInput(String(describing: error))
        }
        do {
            let report = try await run(trail: trail, session: session, options: options, overrideKeys: overrideKeys, start: start,
                                       end: end, now: now, jobs: jobs, inflater: inflater)
            await session.shutdown()
            return report
        } catch {
            await session.shutdown()
            throw error
        }
    }

    private static func run(trail: TrailARN, session: LiveSession, options: ValidateLogsCommand, overrideKeys: [PublicKeyRecord]?,
                            start: Timestamp, end: Timestamp, now: Timestamp, jobs: Int,
                            inflater: any GzipInflater) async throws -> ValidationReport {
        let collector = session.collector
        let describeTrails: JSONValue?
        do {
            describeTrails = try await collector.cloudTrail.describeTrails(region: trail.homeRegion)
        } catch let error as AWSServiceError where options.s3Bucket != nil {
            StandardError.print("trailgate: DescribeTrails failed (\(error.code)); validating \(options.s3Bucket!) as an account trail")
            describeTrails = nil
        } catch {
            throw failure(error)
        }
        let entry = describeTrails.flatMap { TrailScope.trailEntry(trail, in: $0) }
        var organizationId: String?
        if entry?["IsOrganizationTrail"] == .bool(true) {
            do {
                organizationId = try await collector.organizations.describeOrganization()["Organization"]?["Id"]?.stringValue
            } catch {
                throw failure(error)
            }
        }
        let keys: any PublicKeySource = overrideKeys.map { StaticPublicKeySource(everywhere: $0) }
            ?? CloudTrailPublicKeySource(cloudTrail: collector.cloudTrail)
        let inputs = ValidateLogsInputs(source: S3ObjectSource(s3: collector.s3, defaultRegion: trail.homeRegion), keys: keys,
                                        describeTrails: describeTrails, organizationId: organizationId)
        do {
            return try await ValidateLogsInputs.run(trail: trail, inputs: inputs, bucket: options.s3Bucket, prefix: options.s3Prefix,
                                                    accounts: options.accountIds, regions: options.regions, start: start, end: end,
                                                    now: now, jobs: jobs, inflater: inflater)
        } catch let error as CLIFailure {
            throw error
        } catch {
            throw failure(error)
        }
    }

    static func failure(_ error: any Error) -> CLIFailure {
        if let credentials = error as? CredentialsError { return CLIFailure.invalidInput(credentials.description) }
        return CLIFailure(message: String(describing: error), exitCode: ExitStatus.unexpected.code)
    }
}

/// Keys from CloudTrail's ListPublicKeys, asked in the chain's source Region, every page.
struct CloudTrailPublicKeySource: PublicKeySource {
    var cloudTrail: CloudTrailClient

    func publicKeys(region: String, from: Timestamp, to: Timestamp) async throws -> [PublicKeyRecord] {
        let answer = try await cloudTrail.listPublicKeys(startTime: Date(timeIntervalSince1970: TimeInterval(from.seconds)),
                                                         endTime: Date(timeIntervalSince1970: TimeInterval(to.seconds)),
                                                         region: region)
        return try PublicKeyRecord.list(fromListPublicKeys: answer)
    }
}
