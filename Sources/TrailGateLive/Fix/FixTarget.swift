import AWSClient
import OrderedJSON
import TrailGateBasics
import TrailGateCore

/// Reads and writes the settings `fix` changes. The live implementation is ``AWSFixTarget``; tests may use others.
public protocol FixTarget: Sendable {
    /// The setting's current document, in the shape ``FixAspect`` names; null when the resource has none.
    func read(_ aspect: FixAspect, of resource: FixResource) async throws -> JSONValue
    /// Makes the call.
    func apply(_ action: FixAction, to resource: FixResource) async throws
    /// Puts back a document ``read(_:of:)`` returned (null deletes the setting).
    func restore(_ aspect: FixAspect, of resource: FixResource, to document: JSONValue) async throws
    /// The ACL of a bucket (`get-bucket-acl`).
    func bucketACL(_ bucket: FixResource) async throws -> JSONValue
}

/// ``FixTarget`` over the AWS APIs.
public struct AWSFixTarget: FixTarget {
    let cloudTrail: CloudTrailClient
    let s3: S3Client
    let kms: KMSClient

    public init(clients: ServiceClients) {
        cloudTrail = clients.cloudTrail
        s3 = clients.s3
        kms = clients.kms
    }

    public func read(_ aspect: FixAspect, of resource: FixResource) async throws -> JSONValue {
        let name = resource.name, region = resource.region
        switch aspect {
        case .trailSettings:
            let trails = try await cloudTrail.describeTrails(region: region)["trailList"]?.arrayValue ?? []
            guard let trail = trails.first(where: { $0["TrailARN"]?.stringValue == name }) else {
                throw AWSServiceError(
                    service: "CloudTrail", operation: "DescribeTrails", statusCode: 400, code: "TrailNotFoundException",
                    message: "\(name) is not among the trails of \(region)")
            }
            return [
                "IsMultiRegionTrail": trail["IsMultiRegionTrail"] ?? false,
                "IncludeGlobalServiceEvents": trail["IncludeGlobalServiceEvents"] ?? false,
                "LogFileValidationEnabled": trail["LogFileValidationEnabled"] ?? false,
            ]
        case .eventSelectors:
            var selectors = try await cloudTrail.getEventSelectors(name, region: region)
            selectors["TrailARN"] = nil
            return selectors
        case .trailLogging:
            return ["IsLogging": try await cloudTrail.getTrailStatus(name, region: region)["IsLogging"] ?? false]
        case .bucketPolicy:
            return try await absentOn("NoSuchBucketPolicy") { try await s3.getBucketPolicy(name, region: region) }
        case .lifecycle:
            return try await absentOn("NoSuchLifecycleConfiguration") {
                try await s3.getBucketLifecycleConfiguration(name, region: region)
            }
        case .ownershipControls:
            return try await absentOn("OwnershipControlsNotFoundError") {
                try await s3.getBucketOwnershipControls(name, region: region)
            }
        case .accessLogging:
            return try await s3.getBucketLogging(name, region: region)
        case .encryption:
            return try await absentOn("ServerSideEncryptionConfigurationNotFoundError") {
                try await s3.getBucketEncryption(name, region: region)
            }
        case .keyPolicy:
            return ["Policy": try await kms.getKeyPolicy(name, region: region)["Policy"] ?? .null]
        }
    }

    public func apply(_ action: FixAction, to resource: FixResource) async throws {
        let name = resource.name, region = resource.region
        switch action {
        case .updateTrail(let input): _ = try await cloudTrail.updateTrail(input, region: region)
        case .putEventSelectors(let input): _ = try await cloudTrail.putEventSelectors(input, region: region)
        case .startLogging: try await cloudTrail.startLogging(Self.trailName(name), region: region)
        case .putBucketPolicy(let policy): try await s3.putBucketPolicy(name, policy: policy, region: region)
        case .putBucketLifecycleConfiguration(let configuration):
            try await s3.putBucketLifecycleConfiguration(name, configuration: configuration, region: region)
        case .putBucketOwnershipControls(let controls):
            try await s3.putBucketOwnershipControls(name, controls: controls, region: region)
        case .putBucketLogging(let status): try await s3.putBucketLogging(name, status: status, region: region)
        case .putBucketEncryption(let configuration):
            try await s3.putBucketEncryption(name, configuration: configuration, region: region)
        case .putKeyPolicy(let policy): try await kms.putKeyPolicy(name, policy: policy, region: region)
        }
    }

    public func restore(_ aspect: FixAspect, of resource: FixResource, to document: JSONValue) async throws {
        let name = resource.name, region = resource.region
        switch aspect {
        case .trailSettings:
            _ = try await cloudTrail.updateTrail(
                [
                    "Name": .string(name),
                    "IsMultiRegionTrail": document["IsMultiRegionTrail"] ?? false,
                    "IncludeGlobalServiceEvents": document["IncludeGlobalServiceEvents"] ?? false,
                    "EnableLogFileValidation": document["LogFileValidationEnabled"] ?? false,
                ], region: region)
        case .eventSelectors:
            var input: JSONValue = ["TrailName": .string(name)]
            if let advanced = document["AdvancedEventSelectors"] {
                input["AdvancedEventSelectors"] = advanced
            } else {
                input["EventSelectors"] =
                    document["EventSelectors"] ?? [["ReadWriteType": "All", "IncludeManagementEvents": true]]
            }
            _ = try await cloudTrail.putEventSelectors(input, region: region)
        case .trailLogging:
            if document["IsLogging"]?.boolValue == true {
                try await cloudTrail.startLogging(Self.trailName(name), region: region)
            } else {
                try await cloudTrail.stopLogging(Self.trailName(name), region: region)
            }
        case .bucketPolicy:
            if let policy = document["Policy"]?.stringValue {
                try await s3.putBucketPolicy(name, policy: policy, region: region)
            } else {
                try await s3.deleteBucketPolicy(name, region: region)
            }
        case .lifecycle:
            if document == .null {
                try await s3.deleteBucketLifecycle(name, region: region)
            } else {
                try await s3.putBucketLifecycleConfiguration(name, configuration: document, region: region)
            }
        case .ownershipControls:
            if let controls = document["OwnershipControls"] {
                try await s3.putBucketOwnershipControls(name, controls: controls, region: region)
            } else {
                try await s3.deleteBucketOwnershipControls(name, region: region)
            }
        case .accessLogging:
            try await s3.putBucketLogging(name, status: document == .null ? [:] : document, region: region)
        case .encryption:
            if let configuration = document["ServerSideEncryptionConfiguration"] {
                try await s3.putBucketEncryption(name, configuration: configuration, region: region)
            } else {
                try await s3.deleteBucketEncryption(name, region: region)
            }
        case .keyPolicy:
            guard let policy = document["Policy"]?.stringValue else { return }
            try await kms.putKeyPolicy(name, policy: policy, region: region)
        }
    }

    public func bucketACL(_ bucket: FixResource) async throws -> JSONValue {
        try await s3.getBucketAcl(bucket.name, region: bucket.region)
    }

    /// The trail's name from its ARN. StartLogging and StopLogging are sent with the name, which AWS accepts in the
    /// trail's home Region of its own account (where fix runs) and which moto, unlike the ARN, also accepts there.
    static func trailName(_ arn: String) -> String {
        ARN(arn).map(\.resourceId) ?? arn
    }

    /// The answer of `call`, or null when it fails with `code` (the setting does not exist).
    private func absentOn(_ code: String, _ call: () async throws -> JSONValue) async throws -> JSONValue {
        do {
            return try await call()
        } catch let error as AWSServiceError where error.code == code {
            return .null
        }
    }
}
