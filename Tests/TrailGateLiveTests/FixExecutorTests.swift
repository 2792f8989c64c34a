import Foundation
import OrderedJSON
import Testing
import TrailGateCore

@testable import TrailGateLive

/// A target holding settings in memory, failing the calls it is told to.
final class MemoryTarget: FixTarget, @unchecked Sendable {
    struct Failure: Error, CustomStringConvertible {
        var description: String
    }

    private let lock = NSLock()
    private var settings: [String: JSONValue]
    private var applies = 0
    let failApply: Int?
    let failRestore: FixAspect?
    var acl: JSONValue = ["Owner": ["ID": "me"], "Grants": [["Grantee": ["ID": "me"], "Permission": "FULL_CONTROL"]]]

    init(_ settings: [String: JSONValue], failApply: Int? = nil, failRestore: FixAspect? = nil) {
        self.settings = settings
        self.failApply = failApply
        self.failRestore = failRestore
    }

    static func key(_ aspect: FixAspect, _ resource: FixResource) -> String { "\(resource.name)/\(aspect.rawValue)" }

    func value(_ aspect: FixAspect, _ resource: FixResource) -> JSONValue {
        lock.withLock { settings[Self.key(aspect, resource)] ?? .null }
    }

    func read(_ aspect: FixAspect, of resource: FixResource) async throws -> JSONValue { value(aspect, resource) }

    func apply(_ action: FixAction, to resource: FixResource) async throws {
        try lock.withLock {
            applies += 1
            if applies == failApply { throw Failure(description: "AccessDenied (injected)") }
            settings[Self.key(action.aspect, resource)] = action.request(on: resource)
        }
    }

    func restore(_ aspect: FixAspect, of resource: FixResource, to document: JSONValue) async throws {
        try lock.withLock {
            if aspect == failRestore { throw Failure(description: "ServiceUnavailable (injected)") }
            settings[Self.key(aspect, resource)] = document
        }
    }

    func bucketACL(_ bucket: FixResource) async throws -> JSONValue { acl }
}

@Suite("Fix executor")
struct FixExecutorTests {
    static let bucket = FixResource(kind: .bucket, name: "trail-bucket", region: "us-east-1")
    static let changes = [
        PlannedChange(
            resource: bucket, action: .putBucketPolicy("{\"new\":1}"), checkIds: [.bucketPolicyAccess], summary: "",
            before: nil, after: nil),
        PlannedChange(
            resource: bucket, action: .putBucketLogging(["LoggingEnabled": ["TargetBucket": "logs"]]),
            checkIds: [.accessLogging],
            summary: "", before: nil, after: nil),
        PlannedChange(
            resource: bucket,
            action: .putBucketOwnershipControls(["Rules": [["ObjectOwnership": "BucketOwnerEnforced"]]]),
            checkIds: [.objectOwnership], summary: "", before: nil, after: nil),
    ]
    static let original: [String: JSONValue] = [
        MemoryTarget.key(.bucketPolicy, bucket): ["Policy": "{\"old\":1}"],
        MemoryTarget.key(.accessLogging, bucket): [:],
    ]

    func directory() -> BackupDirectory {
        BackupDirectory(
            url: FileManager.default.temporaryDirectory.appendingPathComponent(
                "trailgate-executor-\(UUID().uuidString)"))
    }

    @Test("every change is backed up before its call, in order, and the backups restore the original settings")
    func backupsAndRestore() async throws {
        let target = MemoryTarget(Self.original)
        let backups = directory()
        let applied = try await FixExecutor(target: target, backups: backups).apply(Self.changes)
        #expect(
            applied.map(\.change.action.operation) == [
                "PutBucketPolicy", "PutBucketLogging", "PutBucketOwnershipControls",
            ])
        #expect(
            try backups.paths().map { URL(fileURLWithPath: $0).lastPathComponent } == [
                "01-bucket-trail-bucket-bucket-policy.json", "02-bucket-trail-bucket-access-logging.json",
                "03-bucket-trail-bucket-ownership-controls.json",
            ])
        let loaded = try backups.load()
        #expect(loaded.map(\.document) == [["Policy": "{\"old\":1}"], [:], .null])
        _ = await FixExecutor(target: target, backups: backups).restore(loaded, paths: try backups.paths())
        #expect(target.value(.bucketPolicy, Self.bucket) == ["Policy": "{\"old\":1}"])
        #expect(target.value(.accessLogging, Self.bucket) == [:])
        #expect(target.value(.ownershipControls, Self.bucket) == .null)
    }

    @Test("a failed call restores what was changed, and a restore that fails is reported with its backup")
    func rollback() async throws {
        let target = MemoryTarget(Self.original, failApply: 3, failRestore: .accessLogging)
        do {
            _ = try await FixExecutor(target: target, backups: directory()).apply(Self.changes)
            Issue.record("the apply should have stopped")
        } catch {
            guard case let .stopped(step, reason, states) = error else {
                Issue.record("expected a stop, got \(error)")
                return
            }
            #expect(step == "PutBucketOwnershipControls on bucket trail-bucket")
            #expect(reason == "AccessDenied (injected)")
            #expect(
                states.map(\.change.action.operation) == [
                    "PutBucketOwnershipControls", "PutBucketLogging", "PutBucketPolicy",
                ])
            #expect(error.description.contains("1 change(s) could NOT be rolled back"))
            #expect(
                error.description.contains(
                    "access-logging of bucket trail-bucket: NOT restored (ServiceUnavailable (injected))"))
        }
        #expect(target.value(.bucketPolicy, Self.bucket) == ["Policy": "{\"old\":1}"])
    }

    @Test("preconditions stop the apply before any change")
    func preconditions() async throws {
        let target = MemoryTarget(Self.original)
        target.acl = [
            "Owner": ["ID": "me"],
            "Grants": [["Grantee": ["URI": "http://acs.amazonaws.com/groups/global/AllUsers"], "Permission": "READ"]],
        ]
        await #expect(throws: FixApplyError.self) {
            try await FixExecutor(target: target, backups: directory()).apply(Self.changes)
        }
        #expect(target.value(.bucketPolicy, Self.bucket) == ["Policy": "{\"old\":1}"])
    }

    @Test("a change that may be refused is made first, and its refusal stops the apply with nothing changed")
    func refusedFirstChange() async throws {
        let logs = FixResource(kind: .bucket, name: "logs", region: "us-east-1")
        let grant = PlannedChange(
            resource: logs, action: .putBucketPolicy("{\"grant\":1}"), checkIds: [.accessLogging], summary: "",
            before: nil, after: nil,
            stepIfRefused: ManualStep(checkId: .accessLogging, summary: "Grant the caller s3:PutBucketPolicy on logs."))
        let target = MemoryTarget(Self.original, failApply: 1)
        do {
            _ = try await FixExecutor(target: target, backups: directory()).apply(Self.changes + [grant])
            Issue.record("the refused grant should stop the apply")
        } catch {
            guard case .precondition(let reason) = error else {
                Issue.record("expected a precondition, got \(error)")
                return
            }
            #expect(
                reason
                    == "PutBucketPolicy on bucket logs was refused (AccessDenied (injected)): "
                    + "Grant the caller s3:PutBucketPolicy on logs.")
        }
        #expect(target.value(.bucketPolicy, Self.bucket) == ["Policy": "{\"old\":1}"])
        #expect(target.value(.accessLogging, Self.bucket) == [:])

        let granted = MemoryTarget(Self.original)
        let applied = try await FixExecutor(target: granted, backups: directory()).apply(Self.changes + [grant])
        #expect(applied.first?.change == grant)
    }
}
