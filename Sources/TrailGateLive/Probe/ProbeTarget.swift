import AWSClient
import Foundation
import OrderedJSON
import TrailGateBasics
import TrailGateCore

/// What the caller's own credentials tell about the place the probe reads: the trail and its bucket, the bucket's
/// Region, where the role's account delivers, its newest log object, and the policies the caller could read.
public struct ProbeTarget: Sendable, Equatable {
    public var trailArn: String?
    public var bucket: String
    public var prefix: String?
    public var organizationId: String?
    public var bucketRegion: String
    /// `[prefix/]AWSLogs/[o-…/]<account>/CloudTrail/`.
    public var logPrefix: String
    /// The Regions the role's account delivers from, as listed (else the trail's home Region).
    public var regions: [String]
    /// The newest delivered log object's key; nil when none was found or listing was refused.
    public var newestKey: String?
    /// The delivery day (`YYYY/MM/DD`) of ``newestKey``.
    public var newestDay: String?
    /// What the caller saw while looking (a refused listing, no objects yet), for the query step's details.
    public var notes: [String]
    public var policies: ProbePolicies
}

/// Reads the ``ProbeTarget`` with the caller's session. Only a trail that cannot be found, or AWS that cannot be
/// reached, stops it; a refused read leaves its part unknown and says so.
struct ProbeTargetReader: Sendable {
    let session: LiveSession
    let settings: ProbeSettings

    private var s3: S3Client { session.clients.s3 }

    func read() async throws -> ProbeTarget {
        var trailArn: String?
        var bucket: String
        var prefix = settings.prefix
        var organizationId = settings.organizationId
        var homeRegion = session.region
        var keyIds: [(id: String, region: String)] = []
        var callerOrganization: String?
        if let given = settings.bucket {
            bucket = given
            callerOrganization = try? await session.clients.organizations.describeOrganization()["Organization"]?[
                "Id"]?.stringValue
        } else {
            let reading = try await session.collector.readTrails(settings.trail)
            guard let trail = reading.trails.first else {
                throw ProbeInputError(
                    "no trail is visible in \(session.region): name one with --trail, or give --bucket and --prefix")
            }
            guard reading.trails.count == 1 else {
                let names = reading.trails.compactMap { $0["Name"]?.stringValue }.joined(separator: ", ")
                throw ProbeInputError("\(reading.trails.count) trails are visible (\(names)): pick one with --trail")
            }
            guard let name = trail["S3BucketName"]?.stringValue else {
                throw ProbeInputError("the trail has no S3 bucket to probe")
            }
            bucket = name
            trailArn = trail["TrailARN"]?.stringValue
            prefix = trail["S3KeyPrefix"]?.stringValue
            homeRegion = trail["HomeRegion"]?.stringValue ?? homeRegion
            callerOrganization = reading.organization["Organization"]?["Id"]?.stringValue
            if trail["IsOrganizationTrail"]?.boolValue == true { organizationId = callerOrganization }
            if let key = trail["KmsKeyId"]?.stringValue { keyIds.append((key, ARN.region(in: key) ?? homeRegion)) }
        }
        var notes: [String] = []
        var bucketRegion = homeRegion
        do {
            bucketRegion = S3Client.region(ofLocation: try await s3.getBucketLocation(bucket))
        } catch let error as AWSServiceError {
            notes.append("the bucket's Region could not be read (\(error.code)); \(homeRegion) was used")
        }
        let trimmed = prefix.map { $0.trimmingCharacters(in: CharacterSet(charactersIn: "/")) }.flatMap {
            $0.isEmpty ? nil : $0
        }
        let logPrefix =
            (trimmed.map { $0 + "/" } ?? "") + "AWSLogs/" + (organizationId.map { $0 + "/" } ?? "")
            + "\(settings.roleAccount)/CloudTrail/"
        var regions = [homeRegion]
        var newest: (key: String, day: String)?
        do {
            let listed = try await childFolders(bucket, region: bucketRegion, under: logPrefix)
            if !listed.isEmpty { regions = listed }
            newest = try await newestObject(bucket, region: bucketRegion, under: logPrefix, regions: listed)
            if newest == nil {
                notes.append("no log objects of account \(settings.roleAccount) under s3://\(bucket)/\(logPrefix) yet")
            }
        } catch let error as AWSServiceError {
            notes.append("listing s3://\(bucket)/\(logPrefix) was refused to the caller (\(error.code))")
        }
        // The bucket's owner, when it is the caller's account: whether the role's requests cross accounts.
        let callerAccount = try? await session.clients.sts.getCallerIdentity(region: session.region)["Account"]?
            .stringValue
        let owned = try? await s3.listBuckets(region: homeRegion)["Buckets"]?.arrayValue?.compactMap {
            $0["Name"]?.stringValue
        }
        let encryption = try? await s3.getBucketEncryption(bucket, region: bucketRegion)
        for rule in encryption?["ServerSideEncryptionConfiguration"]?["Rules"]?.arrayValue ?? [] {
            if let key = rule["ApplyServerSideEncryptionByDefault"]?["KMSMasterKeyID"]?.stringValue {
                keyIds.append((key, ARN.region(in: key) ?? bucketRegion))
            }
        }
        return ProbeTarget(
            trailArn: trailArn, bucket: bucket, prefix: trimmed, organizationId: organizationId,
            bucketRegion: bucketRegion, logPrefix: logPrefix, regions: regions, newestKey: newest?.key,
            newestDay: newest?.day, notes: notes,
            policies: ProbePolicies(
                organizationId: callerOrganization,
                bucketPolicy: try? await s3.getBucketPolicy(bucket, region: bucketRegion)["Policy"]?.stringValue,
                keyPolicies: await keyPolicies(keyIds),
                bucketOwnerAccountId: owned?.contains(bucket) == true ? callerAccount : nil))
    }

    /// The names of the folders directly under `prefix` (`us-east-1` of `…/CloudTrail/us-east-1/`), in order.
    private func childFolders(_ bucket: String, region: String, under prefix: String) async throws -> [String] {
        var names: [String] = []
        var token: String?
        repeat {
            let page = try await s3.listObjectsV2(
                bucket: bucket, region: region, prefix: prefix, continuationToken: token, delimiter: "/")
            names += page.commonPrefixes.map { String($0.dropFirst(prefix.count).dropLast()) }
            token = page.nextContinuationToken
        } while token != nil
        return names.sorted()
    }

    /// The newest log object under `prefix`: in each Region the newest year, month and day folder, then the
    /// newest object of the newest day of them all (keys carry their delivery time after the Region).
    private func newestObject(_ bucket: String, region: String, under prefix: String, regions: [String])
        async throws -> (key: String, day: String)?
    {
        var newestDay: (day: String, regions: [String])?
        for logRegion in regions {
            var path = prefix + logRegion + "/"
            var day: [String] = []
            for _ in 0..<3 {
                guard let last = try await childFolders(bucket, region: region, under: path).last else { break }
                day.append(last)
                path += last + "/"
            }
            guard day.count == 3 else { continue }
            let text = day.joined(separator: "/")
            if newestDay == nil || text > newestDay?.day ?? "" {
                newestDay = (text, [logRegion])
            } else if text == newestDay?.day {
                newestDay?.regions.append(logRegion)
            }
        }
        guard let newestDay else { return nil }
        var best: (key: String, time: String)?
        for logRegion in newestDay.regions {
            let folder = prefix + logRegion + "/" + newestDay.day + "/"
            var token: String?
            repeat {
                let page = try await s3.listObjectsV2(
                    bucket: bucket, region: region, prefix: folder, continuationToken: token)
                for object in page.objects {
                    let name = object.key.split(separator: "/").last.map(String.init) ?? object.key
                    let time = name.split(separator: "_").dropFirst(3).first.map(String.init) ?? name
                    if best == nil || time > best?.time ?? "" { best = (object.key, time) }
                }
                token = page.nextContinuationToken
            } while token != nil
        }
        return best.map { ($0.key, newestDay.day) }
    }

    /// The key policies the caller can read, by key ARN.
    private func keyPolicies(_ keys: [(id: String, region: String)]) async -> [String: String] {
        var policies: [String: String] = [:]
        for key in keys {
            guard let metadata = try? await session.clients.kms.describeKey(key.id, region: key.region),
                let arn = metadata["KeyMetadata"]?["Arn"]?.stringValue, policies[arn] == nil,
                let policy = try? await session.clients.kms.getKeyPolicy(
                    arn, region: ARN.region(in: arn) ?? key.region)[
                        "Policy"]?.stringValue
            else { continue }
            policies[arn] = policy
        }
        return policies
    }
}
