import TrailGateBasics
import Crypto
import Foundation
import OrderedJSON
import TrailObjects
import _CryptoExtras

/// A digest that passed every check the AWS CLI makes.
struct VerifiedDigest: Sendable {
    var bucket: String
    var key: String
    var start: Timestamp
    var end: Timestamp
    var previousBucket: String?
    var previousKey: String?
    var previousSignature: String?
    var previousHashValue: String?
    /// The signature from the object's metadata.
    var signature: String
    /// Hex SHA-256 of the inflated digest bytes.
    var hash: String
    var logFiles: [LogFileEntry]
    /// Strict findings about the digest itself (a key whose fingerprint does not match its DER).
    var findings: [Finding]

    var s3Uri: String { "s3://\(bucket)/\(key)" }
}

/// One `logFiles[]` entry.
struct LogFileEntry: Sendable {
    var bucket: String
    var key: String
    var hashValue: String?
    /// False when the entry lacks `s3Bucket`, `s3Object` or `hashValue` (the AWS CLI then reports invalid format).
    var isWellFormed: Bool

    var s3Uri: String { "s3://\(bucket)/\(key)" }
}

/// Why a digest did not validate: the finding kind and the AWS CLI's message after `INVALID: `.
struct DigestFailure: Error, Sendable {
    var kind: FindingKind
    var message: String
}

/// The public keys of one chain walk, by fingerprint; backfill walks add keys as they go.
struct KeyRing: Sendable {
    var byFingerprint: [String: PublicKeyRecord] = [:]

    init(_ keys: [PublicKeyRecord]) {
        for key in keys where byFingerprint[key.fingerprint] == nil { byFingerprint[key.fingerprint] = key }
    }

    mutating func add(_ keys: [PublicKeyRecord]) {
        for key in keys { byFingerprint[key.fingerprint] = key }
    }
}

/// The checks of one digest object, in the AWS CLI's order (digest.md §3.3).
enum DigestVerifier {
    static let requiredFields = ["digestPublicKeyFingerprint", "digestS3Bucket", "digestS3Object", "previousDigestSignature",
                                 "digestEndTime", "digestStartTime"]

    /// Checks the fetched `object`; `loadBackfillKeys` is asked for keys around a backfill digest's generation time
    /// when its fingerprint is not known yet.
    static func verify(bucket: String, key: String, object: StoredObject, keys: inout KeyRing, homeRegion: String,
                       inflater: any GzipInflater,
                       loadBackfillKeys: (Timestamp) async throws -> [PublicKeyRecord]) async throws(DigestFailure) -> VerifiedDigest {
        let backfill = DigestKeyLayout.isBackfill(key)
        let inflated: Data
        let json: JSONValue
        // zlib.decompress + json.loads: a truncated or corrupt member, bytes that are not UTF-8, or anything but a
        // JSON object is an invalid format; bytes after the first member are ignored.
        do {
            let (bytes, result) = try inflater.inflatedFirstMember(object.bytes)
            guard result.isComplete, let text = String(data: bytes, encoding: .utf8) else {
                throw DigestFailure(kind: .digestInvalidFormat, message: "invalid format")
            }
            inflated = bytes
            json = try JSONValue.parse(text)
        } catch {
            throw DigestFailure(kind: .digestInvalidFormat, message: "invalid format")
        }
        guard case .object = json else { throw DigestFailure(kind: .digestInvalidFormat, message: "invalid format") }
        guard let signature = object.metadata["signature"], object.metadata["signature-algorithm"] != nil else {
            throw DigestFailure(kind: .digestSignatureInvalid, message: "signature verification failed")
        }
        let backfillTime = object.metadata["backfill-generation-timestamp"]
        if backfill && backfillTime == nil {
            throw DigestFailure(kind: .digestInvalidFormat, message: "invalid format")
        }
        for field in requiredFields where json[field] == nil {
            throw DigestFailure(kind: .digestInvalidFormat, message: "invalid format")
        }
        guard json["digestS3Bucket"]?.stringValue == bucket, json["digestS3Object"]?.stringValue == key else {
            throw DigestFailure(kind: .digestMoved, message: "has been moved from its original location")
        }
        let fingerprint = pythonText(json["digestPublicKeyFingerprint"])
        if keys.byFingerprint[fingerprint] == nil, backfill, let backfillTime {
            guard let time = Timestamp.parse(backfillTime) else {
                throw DigestFailure(kind: .digestInvalidFormat, message: "Unable to parse date value: \(backfillTime)")
            }
            let found: [PublicKeyRecord]
            do {
                found = try await loadBackfillKeys(time)
            } catch {
                throw DigestFailure(kind: .publicKeyNotFound, message: "\(error)")
            }
            guard !found.isEmpty else {
                throw DigestFailure(kind: .publicKeyNotFound,
                                    message: "No public keys found between \(time.adding(seconds: -3600)) and \(time.adding(seconds: 3600))")
            }
            keys.add(found)
        }
        guard let record = keys.byFingerprint[fingerprint] else {
            throw DigestFailure(kind: .publicKeyNotFound,
                                message: "public key not found in region \(homeRegion) for fingerprint \(fingerprint)")
        }
        let publicKey: _RSA.Signing.PublicKey
        do {
            publicKey = try _RSA.Signing.PublicKey(unsafeDERRepresentation: record.der)
        } catch {
            throw DigestFailure(kind: .publicKeyUnloadable, message: "Unable to load PKCS #1 key with fingerprint \(fingerprint)")
        }
        let hash = hex(SHA256.hash(data: inflated))
        let previousSignature = json["previousDigestSignature"] == .null ? "null" : pythonText(json["previousDigestSignature"])
        let toSign = "\(pythonText(json["digestEndTime"]))\n\(pythonText(json["digestS3Bucket"]))/\(pythonText(json["digestS3Object"]))\n\(hash)\n\(previousSignature)"
        let signatureBytes: [UInt8]
        switch unhexlify(signature) {
        case .success(let bytes): signatureBytes = bytes
        case .failure(let failure): throw DigestFailure(kind: .digestSignatureInvalid, message: failure.message)
        }
        guard publicKey.isValidSignature(_RSA.Signing.RSASignature(rawRepresentation: signatureBytes), for: Data(toSign.utf8),
                                         padding: .insecurePKCS1v1_5) else {
            throw DigestFailure(kind: .digestSignatureInvalid, message: "signature verification failed")
        }
        let endText = pythonText(json["digestEndTime"])
        guard let end = Timestamp.parse(endText) else {
            throw DigestFailure(kind: .digestInvalidFormat, message: "Unable to parse date value: \(endText)")
        }
        let startText = pythonText(json["digestStartTime"])
        guard let start = Timestamp.parse(startText) else {
            throw DigestFailure(kind: .digestInvalidFormat, message: "Unable to parse date value: \(startText)")
        }
        var findings: [Finding] = []
        let computed = record.computedFingerprint
        if computed != fingerprint.lowercased() {
            findings.append(Finding(kind: .fingerprintMismatch, s3Uri: "s3://\(bucket)/\(key)",
                                    detail: "public key \(fingerprint) has DER whose MD5 is \(computed)"))
        }
        var logs: [LogFileEntry] = []
        if case .array(let entries)? = json["logFiles"] {
            for entry in entries {
                let logBucket = entry["s3Bucket"]?.stringValue
                let logKey = entry["s3Object"]?.stringValue
                let value = entry["hashValue"]?.stringValue
                logs.append(LogFileEntry(bucket: logBucket ?? "", key: logKey ?? "", hashValue: value,
                                         isWellFormed: logBucket != nil && logKey != nil && value != nil))
            }
        }
        return VerifiedDigest(bucket: bucket, key: key, start: start, end: end,
                              previousBucket: json["previousDigestS3Bucket"]?.stringValue,
                              previousKey: json["previousDigestS3Object"]?.stringValue,
                              previousSignature: json["previousDigestSignature"]?.stringValue,
                              previousHashValue: json["previousDigestHashValue"]?.stringValue,
                              signature: signature, hash: hash, logFiles: logs, findings: findings)
    }

    /// A JSON value as Python's `str()` writes it inside the AWS CLI's f-strings.
    static func pythonText(_ value: JSONValue?) -> String {
        switch value {
        case .string(let text)?: return text
        case .null?, nil: return "None"
        case .bool(let flag)?: return flag ? "True" : "False"
        case .int(let number)?: return String(number)
        case let other?: return other.serialized()
        }
    }

    struct HexFailure: Error { var message: String }

    /// `binascii.unhexlify`, with its two error messages.
    static func unhexlify(_ text: String) -> Result<[UInt8], HexFailure> {
        let bytes = Array(text.utf8)
        guard bytes.count % 2 == 0 else { return .failure(HexFailure(message: "Odd-length string")) }
        var output: [UInt8] = []
        output.reserveCapacity(bytes.count / 2)
        func nibble(_ byte: UInt8) -> UInt8? {
            switch byte {
            case 48...57: return byte - 48
            case 97...102: return byte - 87
            case 65...70: return byte - 55
            default: return nil
            }
        }
        var index = 0
        while index < bytes.count {
            guard let high = nibble(bytes[index]), let low = nibble(bytes[index + 1]) else {
                return .failure(HexFailure(message: "Non-hexadecimal digit found"))
            }
            output.append(high << 4 | low)
            index += 2
        }
        return .success(output)
    }

    static func hex<D: Sequence>(_ digest: D) -> String where D.Element == UInt8 {
        let digits: [UInt8] = Array("0123456789abcdef".utf8)
        var text: [UInt8] = []
        for byte in digest {
            text.append(digits[Int(byte >> 4)])
            text.append(digits[Int(byte & 15)])
        }
        return String(decoding: text, as: UTF8.self)
    }
}
