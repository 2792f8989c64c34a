import Foundation
import Integrity
import TestSupport
import Testing
import TrailGateBasics
import TrailObjects

/// Hostile or broken inputs end as a finding for the object or chain concerned, and the run goes on.
@Suite("Validation hardening")
struct HardeningTests {
    let builder = TrailBuilder()
    let chain = ChainID(account: "111122223333", region: "us-east-1")
    let other = ChainID(account: "111122223333", region: "eu-west-1")
    let keys = StaticPublicKeySource(everywhere: [TrailBuilder.record(TrailBuilder.key)])

    func validate(_ source: MemoryObjectSource, chains: [ChainID], inflater: any GzipInflater = GzipInflaters.zlib)
        async throws -> ValidationReport
    {
        try await DigestChainValidator(source: source, keys: keys, inflater: inflater)
            .validate(builder.request(chains, hours: 4))
    }

    @Test("a digest that inflates past 64 MiB is digest-invalid-format and the walk goes on below it")
    func digestBomb() async throws {
        let bomb = Gzip.compress(Data(count: (64 << 20) + 1))
        let inflaters = [GzipInflaters.zlib] + [LibdeflateInflater.shared].compactMap { $0 }
        for inflater in inflaters {
            let source = MemoryObjectSource()
            let digests = builder.build(chain, hours: 4, into: source)
            let stored = try #require(source.object(builder.bucket, digests[2].key))
            source.put(builder.bucket, digests[2].key, bomb, metadata: stored.metadata)
            let report = try await validate(source, chains: [chain], inflater: inflater).chains[0]
            let uri = "s3://\(builder.bucket)/\(digests[2].key)"
            let finding = try #require(report.findings.first { $0.kind == .digestInvalidFormat }, "\(inflater.name)")
            #expect(finding.s3Uri == uri)
            #expect(finding.detail.contains("inflates to more than 64 MiB"), "\(finding.detail)")
            #expect(report.entries.contains(.invalid("Digest file\t\(uri)\tINVALID: invalid format")))
            #expect(report.invalidDigests == 1 && report.validDigests == 3, "\(inflater.name)")
        }
    }

    @Test("a digest folder that cannot be listed is access-denied for that chain in both modes, never no digests")
    func unlistableDigestFolder() async throws {
        let source = MemoryObjectSource()
        builder.build(chain, hours: 4, into: source)
        builder.build(other, hours: 4, into: source)
        let folder = builder.layout(chain).listingPrefix
        source.denyListing(folder)
        let report = try await validate(source, chains: [chain, other])
        let denied = report.chains[0]
        #expect(denied.findings.map(\.kind) == [.accessDenied])
        #expect(denied.findings.first?.s3Uri == "s3://\(builder.bucket)/\(folder)/")
        #expect(denied.findings.first?.detail.contains("listing denied") == true)
        #expect(denied.abortMessage?.hasPrefix("access denied listing s3://") == true)
        #expect(!denied.isCompatValid && !denied.isStrictValid)
        #expect(report.chains[1].isStrictValid && report.chains[1].validDigests == 4)
        #expect(!report.isValid(compat: true) && !report.isValid(compat: false))
    }

    @Test("unreadable metadata fails the digest's signature, or marks a log file invalid; the run goes on")
    func malformedMetadata() async throws {
        let source = MemoryObjectSource()
        let digests = builder.build(chain, hours: 4, into: source)
        source.breakMetadata(digests[2].key)
        source.breakMetadata(digests[0].logKeys[1])
        let report = try await validate(source, chains: [chain]).chains[0]
        let signature = try #require(report.findings.first { $0.kind == .digestSignatureInvalid })
        #expect(signature.s3Uri == "s3://\(builder.bucket)/\(digests[2].key)")
        #expect(signature.detail.contains("InvalidMetadata: sidecar is not a JSON object"))
        let log = try #require(report.findings.first { $0.kind == .logInvalidFormat })
        #expect(log.s3Uri == "s3://\(builder.bucket)/\(digests[0].logKeys[1])")
        #expect(report.invalidDigests == 1 && report.validDigests == 3 && report.invalidLogs == 1)
    }
}
