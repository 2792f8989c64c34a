import Foundation
import OrderedJSON
import Testing

@testable import TrailGateCore

/// Snapshots for tests: the bundled examples, edited as JSON and parsed through the real parser.
enum Fixture {
    static let packageRoot = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    /// An example snapshot from `examples/`, as JSON.
    static func example(_ name: String) throws -> JSONValue {
        let data = try Data(contentsOf: packageRoot.appendingPathComponent("examples/\(name)"))
        return try JSONValue.parse(data)
    }

    /// The fully compliant organization trail, as JSON.
    static func ready() throws -> JSONValue { try example("ready-organization-trail.json") }

    /// Parses a snapshot document through the real parser.
    static func parse(_ json: JSONValue) throws -> Snapshot {
        try Snapshot.parse(Data(json.serialized().utf8))
    }

    /// Runs one check on the first trail of a snapshot.
    static func evaluate(_ check: any Check, _ json: JSONValue, options: CheckOptions = CheckOptions()) throws
        -> CheckResult
    {
        let snapshot = try parse(json)
        let entry = try #require(snapshot.trails.first)
        return check.evaluate(TrailContext(snapshot: snapshot, entry: entry, options: options))
    }

    /// The `ready` snapshot with one edit applied to the JSON of its only trail entry.
    static func readyTrail(_ edit: (inout JSONValue) -> Void) throws -> JSONValue {
        var json = try ready()
        var entry = json["trails"]![0]!
        edit(&entry)
        json["trails"]![0] = entry
        return json
    }

    /// The `ready` snapshot with one edit applied to the JSON of its delivery bucket.
    static func readyBucket(_ edit: (inout JSONValue) -> Void) throws -> JSONValue {
        var json = try ready()
        var bucket = json["buckets"]!["acme-org-trail-logs"]!
        edit(&bucket)
        json["buckets"]!["acme-org-trail-logs"] = bucket
        return json
    }

    /// An AWS error slot.
    static func error(_ code: String, _ message: String = "") -> JSONValue {
        ["Error": ["Code": .string(code), "Message": .string(message)]]
    }
}
