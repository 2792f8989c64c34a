import Foundation
import Testing

@testable import AWSClient

@Suite("Credential caching and refresh")
struct CredentialsCachingTests {
    static let start = Date(timeIntervalSince1970: 1_700_000_000)

    static func temporary(_ id: String, expiresIn seconds: TimeInterval) -> AWSCredentials {
        AWSCredentials(
            accessKeyId: id, secretAccessKey: "assumedSecretKEY", sessionToken: "assumedTOKEN",
            expiration: start.addingTimeInterval(seconds))
    }

    @Test(
        "cached until 5 minutes before expiration, then refreshed",
        arguments: [
            // (seconds after start, expected calls): credentials expire at start + 3600, refresh from start + 3300.
            (0.0, 1), (60.0, 1), (3299.0, 1), (3300.0, 2), (3500.0, 2), (4000.0, 2),
        ])
    func refreshWindow(_ elapsed: TimeInterval, _ expectedCalls: Int) async throws {
        let clock = CredentialsTestClock(Self.start)
        let base = ScriptedCredentialsProvider([
            .success(Self.temporary("ASIA1", expiresIn: 3600)),
            .success(Self.temporary("ASIA2", expiresIn: 7200)),
        ])
        let cache = CachingCredentialsProvider(wrapping: base, now: clock.closure)
        #expect(try await cache.credentials().accessKeyId == "ASIA1")
        clock.advance(by: elapsed)
        let second = try await cache.credentials()
        #expect(await base.calls == expectedCalls)
        #expect(second.accessKeyId == (expectedCalls == 1 ? "ASIA1" : "ASIA2"))
    }

    @Test("expiry arithmetic on AWSCredentials")
    func expiry() {
        let credentials = Self.temporary("ASIA", expiresIn: 600)
        #expect(credentials.isTemporary)
        #expect(!credentials.expires(within: .seconds(300), of: Self.start.addingTimeInterval(299)))
        #expect(credentials.expires(within: .seconds(300), of: Self.start.addingTimeInterval(300)))
        #expect(credentials.expires(within: .zero, of: Self.start.addingTimeInterval(601)))
        let longTerm = AWSCredentials(accessKeyId: "AKIA", secretAccessKey: "envSecretKEY")
        #expect(!longTerm.isTemporary && !longTerm.expires(within: .seconds(1e9), of: .distantFuture))
    }

    @Test("long-term credentials (no expiration) are never refreshed")
    func longTerm() async throws {
        let clock = CredentialsTestClock(Self.start)
        let base = ScriptedCredentialsProvider([
            .success(AWSCredentials(accessKeyId: "AKIA", secretAccessKey: "envSecretKEY"))
        ])
        let cache = CachingCredentialsProvider(wrapping: base, now: clock.closure)
        for _ in 0..<3 {
            _ = try await cache.credentials()
            clock.advance(by: 86_400 * 365)
        }
        #expect(await base.calls == 1)
    }

    @Test("concurrent callers during a refresh share the one refresh")
    func sharedRefresh() async throws {
        let clock = CredentialsTestClock(Self.start)
        let base = ScriptedCredentialsProvider(
            [.success(Self.temporary("ASIASHARED", expiresIn: 3600))], holdCalls: true)
        let cache = CachingCredentialsProvider(wrapping: base, now: clock.closure)
        let results = try await withThrowingTaskGroup(of: String.self) { group in
            for _ in 0..<20 { group.addTask { try await cache.credentials().accessKeyId } }
            while await base.calls == 0 { await Task.yield() }
            // Give the other callers time to queue behind the held refresh before letting it finish.
            try await Task.sleep(for: .milliseconds(50))
            await base.release()
            return try await group.reduce(into: []) { $0.append($1) }
        }
        #expect(results.count == 20)
        #expect(Set(results) == ["ASIASHARED"])
        #expect(await base.calls == 1)
    }

    @Test("an expired refresh shared by concurrent callers is fetched once as well")
    func sharedRefreshAfterExpiry() async throws {
        let clock = CredentialsTestClock(Self.start)
        let base = ScriptedCredentialsProvider([
            .success(Self.temporary("ASIA1", expiresIn: 600)),
            .success(Self.temporary("ASIA2", expiresIn: 4000)),
        ])
        let cache = CachingCredentialsProvider(wrapping: base, now: clock.closure)
        _ = try await cache.credentials()
        clock.advance(by: 400)
        let results = try await withThrowingTaskGroup(of: String.self) { group in
            for _ in 0..<10 { group.addTask { try await cache.credentials().accessKeyId } }
            return try await group.reduce(into: []) { $0.append($1) }
        }
        #expect(Set(results) == ["ASIA2"])
        #expect(await base.calls == 2)
    }

    @Test("a failed refresh is thrown and the next call tries again; invalidate forces a refresh")
    func failure() async throws {
        let clock = CredentialsTestClock(Self.start)
        let failure = CredentialsError.metadataEndpointStatus(
            endpoint: .instanceMetadata, url: "http://169.254.169.254/x", status: 500)
        let base = ScriptedCredentialsProvider([
            .failure(failure), .success(Self.temporary("ASIAOK", expiresIn: 3600)),
            .success(Self.temporary("ASIANEW", expiresIn: 3600)),
        ])
        let cache = CachingCredentialsProvider(wrapping: base, now: clock.closure)
        let error = await expectCredentialsError { _ = try await cache.credentials() }
        #expect(error == failure)
        #expect(try await cache.credentials().accessKeyId == "ASIAOK")
        #expect(try await cache.credentials().accessKeyId == "ASIAOK")
        await cache.invalidate()
        #expect(try await cache.credentials().accessKeyId == "ASIANEW")
        #expect(await base.calls == 3)
    }

    @Test("the standard chain behind the cache: assumed role credentials are reused, then renewed near expiry")
    func chainBehindCache() async throws {
        let clock = CredentialsTestClock(Self.start)
        let assumer = RecordingRoleAssumer(expiration: Self.start.addingTimeInterval(3600))
        let resolver = try AWSConfigurationResolver(
            environment: credentialsTestEnvironment(
                ["AWS_PROFILE": "admin"],
                config: CredentialsRoleTests.config,
                credentials: CredentialsRoleTests.credentials))
        let cache = try resolver.credentialsProvider(
            roleAssumer: assumer, transport: MetadataStubTransport([:]),
            processRunner: StubProcessRunner([:]), now: clock.closure)
        _ = try await cache.credentials()
        clock.advance(by: 3000)
        _ = try await cache.credentials()
        #expect(assumer.calls.count == 1)
        clock.advance(by: 301)
        _ = try await cache.credentials()
        #expect(assumer.calls.count == 2)
    }
}
