import Foundation
import Testing

/// An account without any trail: the service deploys its own managed trail, so `check` says there is nothing to
/// prepare (exit 0, or 1 with --require-trail), and its commands create a trail every check passes.
@Suite("No trail", .serialized)
struct NoTrailTests {
    @Test("a snapshot without trails is verdict no-trail, exit 0; --require-trail exits 1")
    func snapshotWithoutTrails() throws {
        let example = TrailGateProcess.packageRoot.appendingPathComponent("examples/needs-work.json")
        var snapshot = try #require(JSONSerialization.jsonObject(with: Data(contentsOf: example)) as? [String: Any])
        snapshot["trails"] = [Any]()
        let text = String(decoding: try JSONSerialization.data(withJSONObject: snapshot), as: UTF8.self)

        let report = try TrailGateProcess.run(["check", "--snapshot", "-"], stdin: text)
        #expect(report.exitCode == 0)
        #expect(report.stdout.contains("No CloudTrail trail: the account has no trail"))
        #expect(report.stdout.contains("$ aws cloudtrail create-trail --name organization-trail"))
        #expect(report.stdout.hasSuffix("NO TRAIL: nothing to prepare for the service's own managed trail\n"))

        let json = try TrailGateProcess.run(["check", "--snapshot", "-", "--format", "json"], stdin: text)
        let document = try #require(JSONSerialization.jsonObject(with: Data(json.stdout.utf8)) as? [String: Any])
        #expect(document["verdict"] as? String == "no-trail")
        #expect(document["ready"] as? Bool == false)
        #expect(((document["noTrail"] as? [String: Any])?["commands"] as? [String])?.isEmpty == false)

        let required = try TrailGateProcess.run(["check", "--snapshot", "-", "--require-trail"], stdin: text)
        #expect(required.exitCode == 1)
        let named = try TrailGateProcess.run(["check", "--snapshot", "-", "--trail", "org-trail"], stdin: text)
        #expect(named.exitCode == 2)
        #expect(
            named.stderr
                == "trailgate: error: standard input: no trail named org-trail in the snapshot (trails: none)\n")
    }

    @Test("live: an organization without trails is no-trail; running the printed commands makes it READY")
    func guidanceCreatesAReadyTrail() throws {
        let server = try MotoServer()
        defer { server.stop() }
        _ = try server.awsCLI(["organizations", "create-organization", "--feature-set", "ALL"])
        let live = ["--endpoint-url", server.endpoint, "--region", "us-east-1"]
        let before = try TrailGateProcess.run(
            ["check", "--format", "json"] + live, environment: server.environment)
        #expect(before.exitCode == 0, "\(before.stderr)")
        let document = try #require(JSONSerialization.jsonObject(with: Data(before.stdout.utf8)) as? [String: Any])
        #expect(document["verdict"] as? String == "no-trail")
        let commands = try #require((document["noTrail"] as? [String: Any])?["commands"] as? [String])

        _ = try server.awsCLI(["s3api", "create-bucket", "--bucket", "access-logs-target"])
        for command in commands {
            #expect(command.hasPrefix("aws "))
            let pasted = command.replacingOccurrences(of: "<access-log-bucket>", with: "access-logs-target")
            _ = try MotoServer.run(
                ["bash", "-c", "aws --endpoint-url \(server.endpoint) " + pasted.dropFirst(4)],
                environment: server.environment)
        }
        let after = try TrailGateProcess.run(["check"] + live, environment: server.environment)
        #expect(after.exitCode == 0, "\(after.stdout)")
        #expect(after.stdout.hasSuffix("\nREADY\n"))
    }
}
