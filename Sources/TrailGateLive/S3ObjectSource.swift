import AWSClient
import Foundation
import TrailObjects

/// Objects read from S3 through the project's S3 client: ListObjectsV2 and GetObject with user metadata, each bucket
/// asked in its own Region (GetBucketLocation, cached; the default Region when that call is refused).
public struct S3ObjectSource: ObjectSource {
    public let s3: S3Client
    public let defaultRegion: String
    private let regions = BucketRegionCache()

    public init(s3: S3Client, defaultRegion: String) {
        self.s3 = s3
        self.defaultRegion = defaultRegion
    }

    public func listObjects(bucket: String, prefix: String, startAfter: String?, continuationToken: String?)
        async throws -> ObjectListPage
    {
        let region = await region(of: bucket)
        do {
            let page = try await s3.listObjectsV2(
                bucket: bucket, region: region, prefix: prefix, startAfter: startAfter,
                continuationToken: continuationToken)
            return ObjectListPage(
                objects: page.objects.map { ObjectSummary(key: $0.key, size: $0.size) },
                nextContinuationToken: page.nextContinuationToken)
        } catch {
            throw Self.translate(error, bucket: bucket, key: nil)
        }
    }

    public func listFolders(bucket: String, prefix: String) async throws -> [String] {
        let region = await region(of: bucket)
        var names: [String] = []
        var token: String?
        do {
            repeat {
                let page = try await s3.listObjectsV2(
                    bucket: bucket, region: region, prefix: prefix, continuationToken: token,
                    delimiter: "/")
                names += page.commonPrefixes.map { String($0.dropFirst(prefix.count).dropLast()) }
                token = page.nextContinuationToken
            } while token != nil
        } catch {
            throw Self.translate(error, bucket: bucket, key: nil)
        }
        return names
    }

    public func getObject(bucket: String, key: String) async throws -> StoredObject {
        let region = await region(of: bucket)
        do {
            let output = try await s3.getObject(bucket: bucket, key: key, region: region)
            return StoredObject(bytes: output.body, metadata: output.metadata)
        } catch {
            throw Self.translate(error, bucket: bucket, key: key)
        }
    }

    private func region(of bucket: String) async -> String {
        if let known = await regions.region(of: bucket) { return known }
        let region = (try? await s3.getBucketLocation(bucket)).map(S3Client.region(ofLocation:)) ?? defaultRegion
        await regions.remember(region, for: bucket)
        return region
    }

    /// The S3 error as an ``ObjectSourceError`` naming the bucket and key.
    static func translate(_ error: any Error, bucket: String, key: String?) -> ObjectSourceError {
        if let service = error as? AWSServiceError {
            switch service.code {
            case "NoSuchKey": if let key { return .notFound(bucket: bucket, key: key) }
            case "AccessDenied", "Forbidden": return .accessDenied(bucket: bucket, key: key, message: service.message)
            case "NoSuchBucket": return .noSuchBucket(bucket: bucket)
            default: break
            }
            return .failed(bucket: bucket, key: key, code: service.code, message: service.description)
        }
        return .failed(bucket: bucket, key: key, code: "RequestFailed", message: String(describing: error))
    }
}

/// The Region of each bucket asked so far.
private actor BucketRegionCache {
    private var regions: [String: String] = [:]

    func region(of bucket: String) -> String? { regions[bucket] }

    func remember(_ region: String, for bucket: String) { regions[bucket] = region }
}
