import Foundation
import Testing

@testable import TrailObjects

/// The local mirror layout: listing in S3 order with prefix, start-after and pages; metadata sidecars; typed errors.
@Suite("Local object source")
struct LocalObjectSourceTests {
    let root: URL

    init() throws {
        root = FileManager.default.temporaryDirectory.appendingPathComponent("trailobjects-\(UUID().uuidString)")
        for key in [
            "AWSLogs/1/CloudTrail-Digest/us-east-1/2024/03/01/b.json.gz",
            "AWSLogs/1/CloudTrail-Digest/us-east-1/2024/03/01/a.json.gz",
            "AWSLogs/1/CloudTrail-Digest/us-east-1/2024/03/02/a.json.gz",
            "AWSLogs/1/CloudTrail-Digest/us-east-2/2024/03/01/x.json.gz",
            "AWSLogs/1/CloudTrail-Digest/us-east-1-Z/y.json.gz", "AWSLogs/2/other.json",
        ] {
            let url = root.appendingPathComponent("s3/bucket").appendingPathComponent(key)
            try FileManager.default.createDirectory(
                at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
            try Data(key.utf8).write(to: url)
        }
        let sidecar = root.appendingPathComponent(
            "s3-metadata/bucket/AWSLogs/1/CloudTrail-Digest/us-east-1/2024/03/01/a.json.gz.json")
        try FileManager.default.createDirectory(
            at: sidecar.deletingLastPathComponent(), withIntermediateDirectories: true)
        try Data(#"{"Signature": "abcd", "signature-algorithm": "SHA256withRSA"}"#.utf8).write(to: sidecar)
    }

    @Test("lists in key order under a prefix that ends mid-name")
    func keyOrder() async throws {
        let source = LocalObjectSource(root: root)
        let keys = try await source.allObjects(bucket: "bucket", prefix: "AWSLogs/1/CloudTrail-Digest/us-east-1").map(
            \.key)
        #expect(
            keys == [
                "AWSLogs/1/CloudTrail-Digest/us-east-1-Z/y.json.gz",
                "AWSLogs/1/CloudTrail-Digest/us-east-1/2024/03/01/a.json.gz",
                "AWSLogs/1/CloudTrail-Digest/us-east-1/2024/03/01/b.json.gz",
                "AWSLogs/1/CloudTrail-Digest/us-east-1/2024/03/02/a.json.gz",
            ])
        let after = try await source.allObjects(
            bucket: "bucket", prefix: "AWSLogs/1/CloudTrail-Digest/us-east-1/",
            startAfter: "AWSLogs/1/CloudTrail-Digest/us-east-1/2024/03/01/a.json.gz"
        ).map(\.key)
        #expect(
            after == [
                "AWSLogs/1/CloudTrail-Digest/us-east-1/2024/03/01/b.json.gz",
                "AWSLogs/1/CloudTrail-Digest/us-east-1/2024/03/02/a.json.gz",
            ])
    }

    @Test("pages follow the continuation token")
    func pages() async throws {
        let source = LocalObjectSource(root: root, pageSize: 2)
        let first = try await source.listObjects(
            bucket: "bucket", prefix: "AWSLogs/", startAfter: nil, continuationToken: nil)
        #expect(first.objects.count == 2 && first.nextContinuationToken != nil)
        let all = try await source.allObjects(bucket: "bucket", prefix: "AWSLogs/")
        #expect(all.count == 6)
        #expect(all.map(\.key) == all.map(\.key).sorted { $0.utf8.lexicographicallyPrecedes($1.utf8) })
        #expect(all.first { $0.key == "AWSLogs/2/other.json" }?.size == Int64("AWSLogs/2/other.json".utf8.count))
    }

    @Test("objects carry their sidecar metadata, lowercased")
    func sidecarMetadata() async throws {
        let source = LocalObjectSource(root: root)
        let object = try await source.getObject(
            bucket: "bucket", key: "AWSLogs/1/CloudTrail-Digest/us-east-1/2024/03/01/a.json.gz")
        #expect(object.metadata == ["signature": "abcd", "signature-algorithm": "SHA256withRSA"])
        #expect(
            String(decoding: object.bytes, as: UTF8.self)
                == "AWSLogs/1/CloudTrail-Digest/us-east-1/2024/03/01/a.json.gz")
        let plain = try await source.getObject(bucket: "bucket", key: "AWSLogs/2/other.json")
        #expect(plain.metadata.isEmpty)
    }

    @Test("errors name the object")
    func errors() async throws {
        let source = LocalObjectSource(root: root)
        await #expect(throws: ObjectSourceError.notFound(bucket: "bucket", key: "AWSLogs/none")) {
            try await source.getObject(bucket: "bucket", key: "AWSLogs/none")
        }
        await #expect(throws: ObjectSourceError.noSuchBucket(bucket: "nobucket")) {
            try await source.listObjects(bucket: "nobucket", prefix: "", startAfter: nil, continuationToken: nil)
        }
        do {
            _ = try await source.getObject(bucket: "bucket", key: "AWSLogs/../../../etc/passwd")
            Issue.record("a key escaping the mirror was read")
        } catch let error as ObjectSourceError {
            #expect(error.code == "InvalidKey")
        }
    }

    @Test("folders are the common prefixes")
    func folders() async throws {
        let source = LocalObjectSource(root: root)
        #expect(
            try await source.listFolders(bucket: "bucket", prefix: "AWSLogs/1/CloudTrail-Digest/")
                == ["us-east-1", "us-east-1-Z", "us-east-2"])
        #expect(try await source.listFolders(bucket: "bucket", prefix: "AWSLogs/") == ["1", "2"])
    }

    @Test("an object that is there but cannot be read is AccessDenied with the system's reason, never an abort")
    func unreadableObjects() async throws {
        let source = LocalObjectSource(root: root)
        let folder = root.appendingPathComponent("s3/bucket/AWSLogs/3")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        try FileManager.default.createSymbolicLink(
            atPath: folder.appendingPathComponent("loop").path, withDestinationPath: "loop")
        let listed = try await source.allObjects(bucket: "bucket", prefix: "AWSLogs/3/").map(\.key)
        #expect(listed == ["AWSLogs/3/loop"])
        for key in ["AWSLogs/3/loop", "AWSLogs/3/" + String(repeating: "n", count: 300)] {
            await #expect {
                try await source.getObject(bucket: "bucket", key: key)
            } throws: { error in
                guard case .accessDenied(_, key, let message?) = error as? ObjectSourceError else { return false }
                return message.contains("Too many levels of symbolic links") || message.contains("File name too long")
            }
        }
    }

    @Test("a malformed sidecar is InvalidMetadata for that object")
    func malformedSidecar() async throws {
        let source = LocalObjectSource(root: root)
        let key = "AWSLogs/1/CloudTrail-Digest/us-east-1/2024/03/01/a.json.gz"
        try Data("[1, 2]".utf8).write(to: source.metadataURL(bucket: "bucket", key: key))
        await #expect {
            try await source.getObject(bucket: "bucket", key: key)
        } throws: { error in
            guard case .invalidMetadata(_, key, let message) = error as? ObjectSourceError else { return false }
            return message.hasSuffix("a.json.gz.json is not a JSON object")
        }
    }

    @Test("a bucket name that is not one path segment is no bucket, never a path")
    func bucketOutsideTheMirror() async throws {
        let source = LocalObjectSource(root: root)
        for bucket in ["..", "../..", "bucket/AWSLogs", "."] {
            await #expect(throws: ObjectSourceError.noSuchBucket(bucket: bucket)) {
                try await source.allObjects(bucket: bucket, prefix: "")
            }
            await #expect(throws: ObjectSourceError.noSuchBucket(bucket: bucket)) {
                try await source.getObject(bucket: bucket, key: "x")
            }
        }
    }
}
