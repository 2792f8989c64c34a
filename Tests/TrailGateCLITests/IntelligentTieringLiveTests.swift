import Foundation
import Testing

/// S3 Intelligent-Tiering archive tiers, live. moto_server does not implement
/// ListBucketIntelligentTieringConfigurations (it answers with the object listing), so the fault proxy serves that
/// call (two pages) and forwards everything else to moto.
@Suite("Intelligent-Tiering archive tiers, live", .serialized)
struct IntelligentTieringLiveTests {
    @Test("every page is collected in the AWS CLI's shape, and archiving trail logs before 550 days warns")
    func archiveTiers() throws {
        let server = try MotoServer()
        defer { server.stop() }
        let created = try server.scenario("ready")
        let bucket = try #require(created["bucket"] as? String)
        _ = try server.awsCLI([
            "s3api", "put-bucket-lifecycle-configuration", "--bucket", bucket, "--lifecycle-configuration",
            #"{"Rules":[{"ID":"tiering","Filter":{"Prefix":""},"Status":"Enabled","Expiration":{"Days":730},"Transitions":[{"Days":30,"StorageClass":"INTELLIGENT_TIERING"}]}]}"#,
        ])
        let proxy = try FaultProxy(mode: "intelligent-tiering", upstream: server.endpoint)
        defer { proxy.stop() }
        let live = ["--endpoint-url", proxy.endpoint, "--region", "us-east-1"]

        let snapshot = try TrailGateProcess.run(["snapshot"] + live, environment: server.environment)
        #expect(snapshot.exitCode == 0, "\(snapshot.stderr)")
        let document = try #require(JSONSerialization.jsonObject(with: Data(snapshot.stdout.utf8)) as? [String: Any])
        let slot = try #require(
            ((document["buckets"] as? [String: Any])?[bucket] as? [String: Any])?["intelligentTiering"]
                as? [String: Any])
        let command = [
            "aws", "--endpoint-url", proxy.endpoint, "--output", "json", "s3api",
            "list-bucket-intelligent-tiering-configurations", "--bucket", bucket,
        ]
        var pages: [[String: Any]] = []
        for extra in [[], ["--continuation-token", "page-2"]] {
            let output = try MotoServer.run(command + extra, environment: server.environment)
            pages.append(try #require(JSONSerialization.jsonObject(with: Data(output.utf8)) as? [String: Any]))
        }
        let expected = pages.flatMap { $0["IntelligentTieringConfigurationList"] as? [Any] ?? [] }
        #expect(LiveCommandTests.same(slot["IntelligentTieringConfigurationList"], expected))
        #expect(slot["IsTruncated"] as? Bool == false)

        let check = try TrailGateProcess.run(["check", "--format", "json"] + live, environment: server.environment)
        let report = try #require(JSONSerialization.jsonObject(with: Data(check.stdout.utf8)) as? [String: Any])
        let checks = try #require((report["trails"] as? [[String: Any]])?.first?["checks"] as? [[String: Any]])
        let lifecycle = try #require(checks.first { $0["id"] as? String == "bucket.lifecycle-retention" })
        #expect(lifecycle["status"] as? String == "warn")
        #expect(
            (lifecycle["summary"] as? String)?.contains(
                #"Intelligent-Tiering configuration "archive-logs" moves them to ARCHIVE_ACCESS after 120 days"#)
                == true, "\(lifecycle)")
    }
}
