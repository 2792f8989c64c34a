import Foundation
import Integrity
import OrderedJSON
import TestSupport
import Testing
import TrailGateBasics
import TrailObjects

/// Each rule of the chain walk, on chains built and signed by ``TrailBuilder``.
@Suite("Digest chain validator")
struct DigestChainValidatorTests {
    let builder = TrailBuilder()
    let chain = ChainID(account: "111122223333", region: "us-east-1")
    let keys = StaticPublicKeySource(keysByRegion: [
        "us-east-1": [TrailBuilder.record(TrailBuilder.key)],
        "eu-west-1": [TrailBuilder.record(TrailBuilder.key)],
    ])

    func validate(
        _ source: MemoryObjectSource, hours: Int, chains: [ChainID]? = nil, keys: (any PublicKeySource)? = nil,
        end: Timestamp? = nil, inflater: any GzipInflater = GzipInflaters.zlib
    ) async throws -> ValidationReport {
        try await DigestChainValidator(source: source, keys: keys ?? self.keys, inflater: inflater)
            .validate(builder.request(chains ?? [chain], hours: hours, end: end))
    }

    func lines(_ report: ChainReport) -> [String] {
        report.entries.compactMap { entry in
            switch entry {
            case .valid: return nil
            case .invalid(let line), .gap(let line): return line
            }
        }
    }

    func uri(_ key: String) -> String { "s3://\(builder.bucket)/\(key)" }

    @Test("a clean chain is valid in both modes")
    func cleanChain() async throws {
        let source = MemoryObjectSource()
        builder.build(chain, hours: 6, into: source)
        let report = try await validate(source, hours: 6)
        let result = try #require(report.chains.first)
        #expect(result.validDigests == 6 && result.invalidDigests == 0)
        #expect(result.validLogs == 12 && result.invalidLogs == 0)
        #expect(result.findings.isEmpty)
        #expect(report.isValid(compat: false) && report.isValid(compat: true))
        #expect(result.foundStart == builder.origin)
    }

    @Test("both inflaters give the same report")
    func bothInflaters() async throws {
        let source = MemoryObjectSource()
        let digests = builder.build(chain, hours: 4, into: source)
        source.put(builder.bucket, digests[1].logKeys[0], Gzip.compress(Data("{}".utf8)) + Data("junk".utf8))
        let libdeflate = try #require(LibdeflateInflater.shared)
        let viaZlib = try await validate(source, hours: 4, inflater: GzipInflaters.zlib)
        let viaLibdeflate = try await validate(source, hours: 4, inflater: libdeflate)
        #expect(viaZlib.chains[0].entries == viaLibdeflate.chains[0].entries)
        #expect(viaZlib.chains[0].findings == viaLibdeflate.chains[0].findings)
    }

    @Test("log file problems have the AWS CLI's messages")
    func logProblems() async throws {
        let source = MemoryObjectSource()
        let digests = builder.build(chain, hours: 5, into: source)
        let modified = digests[1].logKeys[0], deleted = digests[2].logKeys[1], plain = digests[3].logKeys[0]
        let appended = digests[4].logKeys[0], cut = digests[0].logKeys[1]
        source.put(builder.bucket, modified, Gzip.compress(Data("{\"Records\":[]}".utf8)))
        source.remove(builder.bucket, deleted)
        source.put(builder.bucket, plain, Data("{\"Records\":[]}".utf8))
        let original = try #require(source.object(builder.bucket, appended)).bytes
        source.put(builder.bucket, appended, original + Gzip.compress(Data("{\"Records\":[{\"forged\":1}]}".utf8)))
        let whole = try #require(source.object(builder.bucket, cut)).bytes
        source.put(builder.bucket, cut, whole.prefix(whole.count / 2))
        let result = try await validate(source, hours: 5).chains[0]
        #expect(
            Set(lines(result)) == [
                "Log file\t\(uri(modified))\tINVALID: hash value doesn't match",
                "Log file\t\(uri(deleted))\tINVALID: not found",
                "Log file\t\(uri(plain))\tINVALID: invalid format",
                "Log file\t\(uri(appended))\tINVALID: unexpected data after end of compressed stream",
                "Log file\t\(uri(cut))\tINVALID: hash value doesn't match",
            ])
        #expect(result.validLogs == 5 && result.invalidLogs == 5)
        #expect(
            Set(result.findings.map(\.kind)) == [.logHashMismatch, .logMissing, .logInvalidFormat, .logTrailingData])
    }

    @Test("a missing digest is reported and the walk resumes below it")
    func missingDigest() async throws {
        let source = MemoryObjectSource()
        let digests = builder.build(chain, hours: 6, into: source)
        source.remove(builder.bucket, digests[3].key)
        let result = try await validate(source, hours: 6).chains[0]
        #expect(lines(result) == ["Digest file\t\(uri(digests[3].key))\tINVALID: not found"])
        #expect(result.validDigests == 5 && result.invalidDigests == 1)
        #expect(result.validLogs == 10)
        #expect(
            result.findings.contains {
                $0.kind == .coverageGap && $0.detail.contains("\(digests[3].start) to \(digests[3].end)")
            })
    }

    @Test("two missing digests in a row report only the newer, but the strict checks cover both")
    func twoMissingDigests() async throws {
        let source = MemoryObjectSource()
        let digests = builder.build(chain, hours: 6, into: source)
        source.remove(builder.bucket, digests[3].key)
        source.remove(builder.bucket, digests[2].key)
        let result = try await validate(source, hours: 6).chains[0]
        #expect(lines(result) == ["Digest file\t\(uri(digests[3].key))\tINVALID: not found"])
        #expect(
            result.findings.filter { $0.kind == .coverageGap }.map(\.detail)
                == ["no valid digest covers \(digests[2].start) to \(digests[3].end)"])
    }

    @Test("a deleted newest digest is only a strict finding")
    func deletedNewestDigest() async throws {
        let source = MemoryObjectSource()
        let digests = builder.build(chain, hours: 5, into: source)
        source.remove(builder.bucket, digests[4].key)
        let report = try await validate(source, hours: 5)
        #expect(lines(report.chains[0]).isEmpty)
        #expect(report.isValid(compat: true))
        #expect(!report.isValid(compat: false))
        #expect(
            report.chains[0].strictFindings.map(\.detail) == [
                "no valid digest covers \(digests[4].start) to \(digests[4].end)"
            ])
    }

    @Test("digest problems have the AWS CLI's messages")
    func digestProblems() async throws {
        let source = MemoryObjectSource()
        let digests = builder.build(chain, hours: 8, into: source)
        // Corrupt signature, stripped signature, moved, not gzip, unknown key: each a different digest.
        var corrupt = try #require(source.object(builder.bucket, digests[6].key))
        let signature = corrupt.metadata["signature"]!
        corrupt.metadata["signature"] = (signature.first == "a" ? "b" : "a") + signature.dropFirst()
        source.put(builder.bucket, digests[6].key, corrupt.bytes, metadata: corrupt.metadata)
        let stripped = try #require(source.object(builder.bucket, digests[5].key))
        source.put(builder.bucket, digests[5].key, stripped.bytes, metadata: [:])
        let moved = try #require(source.object(builder.bucket, digests[3].key))
        source.put(builder.bucket, digests[4].key, moved.bytes, metadata: moved.metadata)
        source.put(
            builder.bucket, digests[2].key, Data(digests[2].json.serialized().utf8),
            metadata: try #require(source.object(builder.bucket, digests[2].key)).metadata)
        builder.put(
            digest: digests[1].json, key: digests[1].key, chain: chain, into: source, signingKey: TrailBuilder.otherKey)
        var json = digests[1].json
        json["digestPublicKeyFingerprint"] = .string(TrailBuilder.record(TrailBuilder.otherKey).fingerprint)
        builder.put(digest: json, key: digests[1].key, chain: chain, into: source, signingKey: TrailBuilder.otherKey)
        let result = try await validate(source, hours: 8).chains[0]
        #expect(
            lines(result) == [
                "Digest file\t\(uri(digests[6].key))\tINVALID: signature verification failed",
                "Digest file\t\(uri(digests[5].key))\tINVALID: signature verification failed",
                "Digest file\t\(uri(digests[4].key))\tINVALID: has been moved from its original location",
                "Digest file\t\(uri(digests[2].key))\tINVALID: invalid format",
                "Digest file\t\(uri(digests[1].key))\tINVALID: public key not found in region us-east-1 for fingerprint \(TrailBuilder.record(TrailBuilder.otherKey).fingerprint)",
            ])
        #expect(
            result.findings.filter { !$0.kind.isStrict }.map(\.kind)
                == [
                    .digestSignatureInvalid, .digestSignatureInvalid, .digestMoved, .digestInvalidFormat,
                    .publicKeyNotFound,
                ])
        #expect(result.validDigests == 3 && result.invalidDigests == 5)
    }

    @Test("a signature that is not hex gives Python's message")
    func nonHexSignature() async throws {
        let source = MemoryObjectSource()
        let digests = builder.build(chain, hours: 3, into: source)
        let object = try #require(source.object(builder.bucket, digests[2].key))
        source.put(
            builder.bucket, digests[2].key, object.bytes,
            metadata: ["signature": "xyz0", "signature-algorithm": "SHA256withRSA"])
        source.put(
            builder.bucket, digests[1].key, try #require(source.object(builder.bucket, digests[1].key)).bytes,
            metadata: ["signature": "abc", "signature-algorithm": "SHA256withRSA"])
        let result = try await validate(source, hours: 3).chains[0]
        #expect(
            lines(result) == [
                "Digest file\t\(uri(digests[2].key))\tINVALID: Non-hexadecimal digit found",
                "Digest file\t\(uri(digests[1].key))\tINVALID: Odd-length string",
            ])
    }

    @Test("a wrong link to the previous digest is a strict finding")
    func wrongLink() async throws {
        let source = MemoryObjectSource()
        let digests = builder.build(chain, hours: 5, into: source)
        var json = digests[3].json
        json["previousDigestHashValue"] = .string(String(repeating: "0", count: 64))
        builder.put(digest: json, key: digests[3].key, chain: chain, into: source)
        let report = try await validate(source, hours: 5)
        #expect(report.isValid(compat: true))
        // Digest 3 names a wrong hash for digest 2; re-signing it also changed the signature digest 4 names for it.
        let findings = report.chains[0].strictFindings
        #expect(findings.map(\.kind) == [.digestLinkMismatch, .digestLinkMismatch])
        #expect(findings.map(\.s3Uri) == [uri(digests[4].key), uri(digests[3].key)])
        #expect(findings[0].detail.hasPrefix("previousDigestSignature is not the signature of \(uri(digests[3].key))"))
        #expect(findings[1].detail.hasPrefix("previousDigestHashValue 0000"))
    }

    @Test("silence between chains is a gap line and a coverage gap")
    func silenceBetweenChains() async throws {
        let source = MemoryObjectSource()
        let digests = builder.build(chain, hours: 6, skipHours: [3], into: source)
        let result = try await validate(source, hours: 6).chains[0]
        let restart = digests.first { $0.start == builder.origin.adding(seconds: 3 * 3600 + builder.offset) }!
        #expect(
            lines(result) == [
                "No log files were delivered by CloudTrail between \(digests[2].end) and \(restart.start)"
            ])
        #expect(result.isCompatValid)
        #expect(result.strictFindings.map(\.detail) == ["no valid digest covers \(digests[2].end) to \(restart.start)"])
    }

    @Test("no digests is a failure only in strict mode")
    func noDigests() async throws {
        let source = MemoryObjectSource()
        builder.build(chain, hours: 3, into: source)
        let other = ChainID(account: "111122223333", region: "eu-west-1")
        let report = try await validate(source, hours: 3, chains: [other])
        #expect(report.chains[0].strictFindings.map(\.kind) == [.noDigests])
        #expect(report.isValid(compat: true) && !report.isValid(compat: false))
        let transcript = AWSCLITranscript(
            chain: report.chains[0], trail: builder.trail, start: report.start, end: report.end, verbose: false)
        #expect(
            transcript.stdout.hasSuffix("Results requested for \(report.start) to \(report.end)\nNo digests found\n"))
    }

    @Test("no public keys stops the chain, as the AWS CLI does")
    func noPublicKeys() async throws {
        let source = MemoryObjectSource()
        builder.build(chain, hours: 3, into: source)
        let report = try await validate(source, hours: 3, keys: StaticPublicKeySource())
        let result = report.chains[0]
        #expect(
            result.abortMessage
                == "No public keys found between \(report.start) and \(report.end.adding(seconds: 7200))")
        #expect(AWSCLITranscript.exitCode(result) == 255)
        #expect(!report.isValid(compat: true))
    }

    @Test("SPKI keys are accepted and a wrong fingerprint is found")
    func spkiKeys() async throws {
        let source = MemoryObjectSource()
        builder.build(chain, hours: 3, into: source)
        let fingerprint = TrailBuilder.record(TrailBuilder.key).fingerprint
        let spki = StaticPublicKeySource(everywhere: [
            TrailBuilder.record(TrailBuilder.key, spki: true, fingerprint: fingerprint)
        ])
        let report = try await validate(source, hours: 3, keys: spki)
        #expect(report.isValid(compat: true))
        #expect(report.chains[0].validDigests == 3)
        #expect(
            report.chains[0].strictFindings.map(\.kind) == [
                .fingerprintMismatch, .fingerprintMismatch, .fingerprintMismatch,
            ])
    }

    @Test("a key whose DER does not parse makes each digest invalid with the AWS CLI's line, never a crash")
    func unloadableKey() async throws {
        let source = MemoryObjectSource()
        let digests = builder.build(chain, hours: 2, into: source)
        let fingerprint = TrailBuilder.record(TrailBuilder.key).fingerprint
        let real = TrailBuilder.record(TrailBuilder.key).der
        for der in [Data([0x30, 0x03, 0x02, 0x01]), Data(real.dropLast(7)), Data("junk".utf8), Data([0x30, 0x00])] {
            let keys = StaticPublicKeySource(everywhere: [
                PublicKeyRecord(
                    der: der, fingerprint: fingerprint, validityStart: Timestamp(seconds: 1_700_000_000),
                    validityEnd: nil)
            ])
            let result = try await validate(source, hours: 2, keys: keys).chains[0]
            #expect(
                lines(result)
                    == digests.reversed().map {
                        "Digest file\t\(uri($0.key))\tINVALID: Unable to load PKCS #1 key with fingerprint \(fingerprint)"
                    })
        }
    }

    @Test("AccessDenied is a finding, not an abort")
    func accessDenied() async throws {
        let source = MemoryObjectSource()
        let digests = builder.build(chain, hours: 4, into: source)
        source.deny(digests[1].logKeys[0])
        source.deny(digests[2].key)
        let result = try await validate(source, hours: 4).chains[0]
        #expect(
            result.findings.filter { $0.kind == .accessDenied }.map(\.s3Uri).sorted()
                == [uri(digests[1].logKeys[0]), uri(digests[2].key)].sorted())
        #expect(result.invalidDigests == 1 && result.invalidLogs == 1)
        #expect(result.validDigests == 3)
    }

    @Test("other S3 errors stop the run")
    func otherS3Errors() async throws {
        let source = MemoryObjectSource()
        let digests = builder.build(chain, hours: 3, into: source)
        source.fail(digests[1].logKeys[0])
        await #expect(throws: ObjectSourceError.self) { try await validate(source, hours: 3) }
    }

    @Test("every chain of an organization trail with a prefix is validated")
    func organizationTrail() async throws {
        let builder = TrailBuilder(prefix: "audit/ct", organizationId: "o-a1b2c3d4e5")
        let source = MemoryObjectSource()
        let chains = ["111122223333", "444455556666"].flatMap { account in
            ["us-east-1", "eu-west-1"].map { ChainID(account: account, region: $0) }
        }
        var lastDigest: [ChainID: TrailBuilder.Digest] = [:]
        for chain in chains { lastDigest[chain] = builder.build(chain, hours: 4, into: source).last }
        let victim = try #require(lastDigest[chains[3]])
        source.remove(builder.bucket, victim.logKeys[0])
        let report = try await DigestChainValidator(source: source, keys: keys, inflater: GzipInflaters.zlib)
            .validate(builder.request(chains, hours: 4, jobs: 3))
        #expect(report.chains.map(\.chain) == chains)
        #expect(report.chains.map(\.validDigests) == [4, 4, 4, 4])
        #expect(report.chains.map(\.invalidLogs) == [0, 0, 0, 1])
        #expect(
            report.chains[3].digestFolder
                == "s3://trail-bucket/audit/ct/AWSLogs/o-a1b2c3d4e5/444455556666/CloudTrail-Digest/eu-west-1/")
    }

    @Test("the verbose transcript spaces its lines as the AWS CLI does")
    func verboseTranscript() async throws {
        let source = MemoryObjectSource()
        let digests = builder.build(chain, hours: 2, logsPerHour: 1, into: source)
        source.remove(builder.bucket, digests[0].logKeys[0])
        let report = try await validate(source, hours: 2)
        let transcript = AWSCLITranscript(
            chain: report.chains[0], trail: builder.trail, start: report.start, end: report.end,
            verbose: true)
        #expect(
            transcript.merged == """
                Validating log files for trail \(builder.trail) between \(report.start) and \(report.end)

                Digest file\t\(uri(digests[1].key))\tvalid
                Log file\t\(uri(digests[1].logKeys[0]))\tvalid
                Digest file\t\(uri(digests[0].key))\tvalid

                Log file\t\(uri(digests[0].logKeys[0]))\tINVALID: not found

                Results requested for \(report.start) to \(report.end)
                Results found for \(report.start) to \(report.end):

                2/2 digest files valid
                1/2 log files valid, 1/2 log files INVALID

                """)
        #expect(transcript.stderr == "\nLog file\t\(uri(digests[0].logKeys[0]))\tINVALID: not found\n\n")
    }

    @Test("backfill digests are a second chain with their own prefix")
    func backfillDigests() async throws {
        let source = MemoryObjectSource()
        let digests = builder.build(chain, hours: 4, into: source)
        // CloudTrail's backfill for the window of digest 1, and one that lacks its generation timestamp.
        func backfill(_ digest: TrailBuilder.Digest) -> (String, JSONValue) {
            let key = digest.key.replacingOccurrences(of: ".json.gz", with: "_backfill.json.gz")
            var json = digest.json
            json["digestS3Object"] = .string(key)
            json["previousDigestS3Bucket"] = .null
            json["previousDigestS3Object"] = .null
            json["previousDigestSignature"] = .null
            return (key, json)
        }
        let (good, goodJSON) = backfill(digests[1])
        builder.put(
            digest: goodJSON, key: good, chain: chain, into: source,
            extraMetadata: ["backfill-generation-timestamp": digests[3].end.description])
        let (bad, badJSON) = backfill(digests[2])
        builder.put(digest: badJSON, key: bad, chain: chain, into: source)
        let report = try await validate(source, hours: 4)
        let result = report.chains[0]
        #expect(result.validDigests == 4 && result.validBackfillDigests == 1 && result.invalidBackfillDigests == 1)
        #expect(result.entries.contains(.valid("(backfill) Digest file\t\(uri(good))\tvalid")))
        #expect(lines(result) == ["(backfill) Digest file\t\(uri(bad))\tINVALID: invalid format"])
        let transcript = AWSCLITranscript(
            chain: result, trail: builder.trail, start: report.start, end: report.end, verbose: false)
        #expect(transcript.stdout.contains("\n1/2 backfill digest files valid, 1/2 backfill digest files INVALID"))
        #expect(result.validLogs == 8 + 2)
    }

    @Test("the JSON has the documented shape")
    func jsonShape() async throws {
        let source = MemoryObjectSource()
        builder.build(chain, hours: 2, into: source)
        let json = ReportRenderer.json(try await validate(source, hours: 2), compat: false)
        #expect(json["schema"] == "trailgate.validate-logs/v1")
        #expect(json["valid"] == .bool(true))
        let first = try #require(json["chains"]?[0])
        #expect(first["account"] == "111122223333" && first["region"] == "us-east-1")
        #expect(first["digests"] == ["valid": 2, "invalid": 0])
        #expect(first["logs"] == ["valid": 4, "invalid": 0])
        #expect(first["coveredFrom"] == .string(builder.origin.description))
        #expect(first["findings"] == .array([]))
        #expect(json["totals"]?["chains"] == 1)
    }
}
