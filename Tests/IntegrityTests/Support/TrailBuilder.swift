import Crypto
import Foundation
import Integrity
import OrderedJSON
import TestSupport
import TrailGateBasics
import TrailObjects
import _CryptoExtras

/// Builds signed CloudTrail chains the way CloudTrail does (AWS CloudTrail User Guide, "CloudTrail digest file
/// structure" and "Custom implementations of CloudTrail log file integrity validation"), independently of the Python
/// generator: hourly digests over gzip log files, each digest signed with a test RSA key of its Region.
struct TrailBuilder {
    static let key = try! _RSA.Signing.PrivateKey(keySize: .bits2048)
    static let otherKey = try! _RSA.Signing.PrivateKey(keySize: .bits2048)

    let bucket = "trail-bucket"
    let trail = TrailARN("arn:aws:cloudtrail:us-east-1:111122223333:trail/org.trail_1")!
    var prefix: String?
    var organizationId: String?
    /// 2024-03-01T00:00:00Z.
    let origin = Timestamp(seconds: 1_709_251_200)
    /// Digest windows end at HH:17:28.
    let offset: Int64 = 17 * 60 + 28

    init(prefix: String? = nil, organizationId: String? = nil) {
        self.prefix = prefix
        self.organizationId = organizationId
    }

    func layout(_ chain: ChainID) -> DigestKeyLayout {
        DigestKeyLayout(
            prefix: prefix, organizationId: organizationId, chain: chain, trailName: trail.name,
            homeRegion: trail.homeRegion)
    }

    /// The public key record of `key` as ListPublicKeys returns it (PKCS#1 DER, MD5 fingerprint).
    static func record(_ key: _RSA.Signing.PrivateKey, spki: Bool = false, fingerprint: String? = nil)
        -> PublicKeyRecord
    {
        let der = spki ? key.publicKey.derRepresentation : key.publicKey.pkcs1DERRepresentation
        let md5 = Insecure.MD5.hash(data: der).map { String(format: "%02x", $0) }.joined()
        return PublicKeyRecord(
            der: der, fingerprint: fingerprint ?? md5, validityStart: Timestamp(seconds: 1_700_000_000),
            validityEnd: nil)
    }

    struct Digest {
        var key: String
        var start: Timestamp
        var end: Timestamp
        var logKeys: [String]
        var json: JSONValue
    }

    /// Writes `hours` digests (the first a starting digest) with `logsPerHour` log files each into `source`;
    /// `skipHours` have no digest and no logs and the digest after them starts a new chain.
    @discardableResult
    func build(
        _ chain: ChainID, hours: Int, logsPerHour: Int = 2, skipHours: Set<Int> = [], into source: MemoryObjectSource,
        signingKey: _RSA.Signing.PrivateKey = key
    ) -> [Digest] {
        let layout = layout(chain)
        var digests: [Digest] = []
        var previous: (key: String, signature: String, hash: String)?
        for hour in 0..<hours {
            if skipHours.contains(hour) {
                previous = nil
                continue
            }
            let start = origin.adding(seconds: Int64(hour) * 3600 + offset - 3600)
            let end = start.adding(seconds: 3600)
            var logEntries: [JSONValue] = []
            var logKeys: [String] = []
            for index in 0..<logsPerHour {
                let delivered = start.adding(seconds: Int64(index + 1) * 600)
                let stamp = String(delivered.keyFormat.prefix(13)) + "Z"
                let logKey =
                    layout.logsRoot + "\(chain.account)/CloudTrail/\(chain.region)/\(delivered.dateFolders)/"
                    + "\(chain.account)_CloudTrail_\(chain.region)_\(stamp)_\(String(hour * 100 + index).leftPadded(16)).json.gz"
                let content = Data(
                    "{\"Records\":[{\"eventTime\":\"\(delivered)\",\"eventName\":\"Hour\(hour)File\(index)\"}]}".utf8)
                source.put(bucket, logKey, Gzip.compress(content))
                logKeys.append(logKey)
                logEntries.append([
                    "s3Bucket": .string(bucket), "s3Object": .string(logKey),
                    "hashValue": .string(Self.sha256(content)),
                    "hashAlgorithm": "SHA-256",
                ])
            }
            let digestKey = layout.key(endingAt: end)
            let json: JSONValue = [
                "awsAccountId": .string(chain.account),
                "digestStartTime": .string(start.description),
                "digestEndTime": .string(end.description),
                "digestS3Bucket": .string(bucket),
                "digestS3Object": .string(digestKey),
                "digestPublicKeyFingerprint": .string(Self.record(signingKey).fingerprint),
                "digestSignatureAlgorithm": "SHA256withRSA",
                "previousDigestS3Bucket": previous == nil ? .null : .string(bucket),
                "previousDigestS3Object": previous.map { .string($0.key) } ?? .null,
                "previousDigestHashValue": previous.map { .string($0.hash) } ?? .null,
                "previousDigestHashAlgorithm": previous == nil ? .null : "SHA-256",
                "previousDigestSignature": previous.map { .string($0.signature) } ?? .null,
                "logFiles": .array(logEntries),
            ]
            let signature = put(digest: json, key: digestKey, chain: chain, into: source, signingKey: signingKey)
            previous = (digestKey, signature, Self.sha256(Data(json.serialized().utf8)))
            digests.append(Digest(key: digestKey, start: start, end: end, logKeys: logKeys, json: json))
        }
        return digests
    }

    /// Stores `json` as a signed digest at `key`; returns the signature.
    @discardableResult
    func put(
        digest json: JSONValue, key: String, chain: ChainID, into source: MemoryObjectSource,
        signingKey: _RSA.Signing.PrivateKey = key, extraMetadata: [String: String] = [:]
    ) -> String {
        let bytes = Data(json.serialized().utf8)
        let toSign =
            "\(json["digestEndTime"]!.stringValue!)\n\(json["digestS3Bucket"]!.stringValue!)/\(json["digestS3Object"]!.stringValue!)\n"
            + "\(Self.sha256(bytes))\n\(json["previousDigestSignature"]?.stringValue ?? "null")"
        let signature = try! signingKey.signature(for: Data(toSign.utf8), padding: .insecurePKCS1v1_5).rawRepresentation
            .map { String(format: "%02x", $0) }.joined()
        source.put(
            bucket, key, Gzip.compress(bytes),
            metadata: ["signature": signature, "signature-algorithm": "SHA256withRSA"].merging(extraMetadata) { $1 })
        return signature
    }

    func request(_ chains: [ChainID], hours: Int, end: Timestamp? = nil, jobs: Int = 4) -> ValidationRequest {
        ValidationRequest(
            trail: trail, bucket: bucket, prefix: prefix, organizationId: organizationId, chains: chains,
            start: origin, end: end ?? origin.adding(seconds: Int64(hours - 1) * 3600 + offset),
            now: origin.adding(seconds: 400 * 86400), jobs: jobs)
    }

    static func sha256(_ data: Data) -> String {
        SHA256.hash(data: data).map { String(format: "%02x", $0) }.joined()
    }
}

extension String {
    func leftPadded(_ width: Int) -> String {
        count >= width ? self : String(repeating: "0", count: width - count) + self
    }
}
