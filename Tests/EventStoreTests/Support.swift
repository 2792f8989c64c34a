import EventStore
import Foundation
import TestSupport

/// A temporary folder removed at the end of a test.
final class TemporaryFolder {
    let url: URL

    init() throws {
        url = FileManager.default.temporaryDirectory.appendingPathComponent("eventstore-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
    }

    deinit { try? FileManager.default.removeItem(at: url) }

    /// Writes `text` at `relative` (folders created) and returns the path.
    @discardableResult
    func write(_ relative: String, _ text: String) throws -> String {
        let file = url.appendingPathComponent(relative)
        try FileManager.default.createDirectory(at: file.deletingLastPathComponent(), withIntermediateDirectories: true)
        try Data(text.utf8).write(to: file)
        return file.path
    }

    /// Gzips the file at `path` into `path.gz` and removes the original, as `gzip -f` does.
    func gzip(_ path: String) throws -> String {
        let gzipped = path + ".gz"
        try Gzip.compress(Data(contentsOf: URL(fileURLWithPath: path))).write(to: URL(fileURLWithPath: gzipped))
        try FileManager.default.removeItem(atPath: path)
        return gzipped
    }

    var databasePath: String { url.appendingPathComponent("events.db").path }
}

/// Fixture records in the exact shape CloudTrail writes them.
enum Fixture {
    static func record(
        id: String, time: String = "2024-03-01T10:00:00Z", source: String = "iam.amazonaws.com",
        name: String = "CreateAccessKey", identity: String = userIdentity, error: String? = nil,
        extra: String = "", version: String = "1.09"
    ) -> String {
        var fields = [
            "\"eventVersion\":\"\(version)\"", "\"userIdentity\":\(identity)", "\"eventTime\":\"\(time)\"",
            "\"eventSource\":\"\(source)\"", "\"eventName\":\"\(name)\"", "\"awsRegion\":\"us-east-1\"",
            "\"sourceIPAddress\":\"198.51.100.7\"", "\"userAgent\":\"aws-cli/2.15.0\"",
            "\"requestParameters\":{\"userName\":\"mallory\"}", "\"responseElements\":null",
            "\"requestID\":\"req-\(id)\"",
            "\"eventID\":\"\(id)\"", "\"readOnly\":false", "\"eventType\":\"AwsApiCall\"", "\"managementEvent\":true",
            "\"recipientAccountId\":\"111122223333\"", "\"eventCategory\":\"Management\"",
        ]
        if let error { fields.append("\"errorCode\":\"\(error)\"") }
        if !extra.isEmpty { fields.append(extra) }
        return "{" + fields.joined(separator: ",") + "}"
    }

    static let userIdentity = """
        {"type":"AssumedRole","principalId":"AROAEXAMPLE:alice","arn":"arn:aws:sts::111122223333:assumed-role/Admin/alice",\
        "accountId":"111122223333","accessKeyId":"ASIAEXAMPLE1","sessionContext":{"sessionIssuer":{"type":"Role",\
        "principalId":"AROAEXAMPLE","arn":"arn:aws:iam::111122223333:role/Admin","accountId":"111122223333","userName":"Admin"},\
        "attributes":{"creationDate":"2024-03-01T09:00:00Z","mfaAuthenticated":"false"}}}
        """

    static let rootIdentity = """
        {"type":"Root","principalId":"111122223333","arn":"arn:aws:iam::111122223333:root","accountId":"111122223333","accessKeyId":"ASIAROOT"}
        """

    static func file(_ records: [String]) -> String { "{\"Records\":[" + records.joined(separator: ",") + "]}" }

    static let sharedRoot = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().deletingLastPathComponent().appendingPathComponent("shared")
    static let invictus = sharedRoot.appendingPathComponent("datasets/invictus-aws-stratus").path
    static let otrf = sharedRoot.appendingPathComponent("datasets/otrf-ec2-proxy-s3-exfiltration").path
}

/// Ingests `paths` into a database at `database` and returns the report.
func ingest(_ paths: [String], into database: String, filter: IngestFilter = IngestFilter()) async throws
    -> IngestReport
{
    let store = try EventDatabase(path: database)
    return try await EventIngester(database: store, filter: filter).ingest(
        try LocalLogTree.sources(paths, filter: filter))
}

func query(_ database: String, _ sql: String) throws -> QueryResult {
    try EventQueryEngine(database: EventDatabase(path: database, readOnly: true)).run(sql)
}
