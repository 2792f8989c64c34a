import AWSClient
import Foundation
import Testing
import TrailGateLive

/// The one live session type against moto_server: every client through one session, and sessions for other
/// accounts through assumed roles over the same HTTP client.
@Suite("Live session", .serialized)
struct LiveSessionTests {
    private func options(_ server: MotoServer) -> LiveOptions {
        LiveOptions(region: "us-east-1", endpointURL: server.endpoint, timeout: .seconds(10))
    }

    @Test("a session for a role in another account signs as that role; the first session stays itself")
    func assumedRoleSession() async throws {
        let server = try MotoServer()
        defer { server.stop() }
        let environment = AWSEnvironment(variables: server.environment)
        let identities = try await LiveSession.with(options(server), environment: environment) { session in
            let member = session.assumingRole("arn:aws:iam::444455556666:role/ams-access-ro", sessionName: "audit")
            let other = session.assumingRole("arn:aws:iam::777788889999:role/ams-access-ro")
            async let memberIdentity = member.clients.sts.getCallerIdentity(region: member.region)
            async let otherIdentity = other.clients.sts.getCallerIdentity(region: other.region)
            let callerIdentity = try await session.clients.sts.getCallerIdentity(region: session.region)
            return [try await memberIdentity, try await otherIdentity, callerIdentity].map {
                ($0["Account"]?.stringValue ?? "", $0["Arn"]?.stringValue ?? "")
            }
        }
        #expect(identities[0].0 == "444455556666")
        #expect(identities[0].1 == "arn:aws:sts::444455556666:assumed-role/ams-access-ro/audit")
        #expect(identities[1].0 == "777788889999")
        #expect(identities[1].1.hasPrefix("arn:aws:sts::777788889999:assumed-role/ams-access-ro/"))
        #expect(identities[2].0 == "123456789012")
    }

    @Test("every service's client reaches the endpoint, Athena included")
    func everyClient() async throws {
        let server = try MotoServer()
        defer { server.stop() }
        let environment = AWSEnvironment(variables: server.environment)
        let answers = try await LiveSession.with(options(server), environment: environment) { session in
            let clients = session.clients
            let trails = try await clients.cloudTrail.describeTrails(region: session.region)
            let buckets = try await clients.s3.listBuckets(region: session.region)
            let query = try await clients.athena.startQueryExecution(
                "SELECT 1", database: nil, workGroup: nil, outputLocation: "s3://results/", region: session.region)
            return [trails["trailList"] != nil, buckets["Buckets"] != nil, !query.isEmpty]
        }
        #expect(answers == [true, true, true])
    }

    @Test("a configuration problem is a LiveConfigurationError before any call")
    func configurationErrors() async throws {
        let environment = AWSEnvironment(variables: [
            "AWS_CONFIG_FILE": "/dev/null",
            "AWS_SHARED_CREDENTIALS_FILE": "/dev/null",
        ])
        #expect(throws: LiveConfigurationError.self) {
            _ = try LiveSession(options: LiveOptions(), environment: environment)
        }
    }
}
