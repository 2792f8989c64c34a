import Crypto
import Foundation
import OrderedJSON
import TrailGateBasics
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

/// Why a digest did not validate: the finding kind, the AWS CLI's message after `INVALID: `, and what the finding
/// says when it says more than that message.
struct DigestFailure: Error, Sendable {
    var kind: FindingKind
    var message: String
    var detail: String? = nil

    /// The finding's detail: ``detail``, else the AWS CLI's message.
    var findingDetail: String { detail ?? message }
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

/// The checks of one digest object, in the order the AWS CLI's `validate-logs` makes them (AWS CloudTrail User
/// Guide, "Validating CloudTrail log file integrity with the AWS CLI"; the fields and the signed string are those of
/// "CloudTrail digest file structure" and "Custom implementations of CloudTrail log file integrity validation").
enum DigestVerifier {
    /// The most a digest may inflate to. A digest lists one hour of one Region's log files at about 300 bytes an
    /// entry, so real ones are a few KB to a few MB; 64 MiB (some 200,000 log files in an hour) is far above any
    /// of them and keeps a gzip bomb posing as a digest from taking the process's memory.
    static let inflatedSizeLimit = 64 << 20

    static let requiredFields = [
        "digestPublicKeyFingerprint", "digestS3Bucket", "digestS3Object", "previousDigestSignature",
        "digestEndTime", "digestStartTime",
    ]

    /// Checks the fetched `object`; `loadBackfillKeys` is asked for keys around a backfill digest's generation time
    /// when its fingerprint is not known yet.
    static func verify(
        bucket: String, key: String, object: StoredObject, keys: inout KeyRing, homeRegion: String,
        inflater: any GzipInflater,
        loadBackfillKeys: (Timestamp) async throws -> [PublicKeyRecord]
    ) async throws(DigestFailure) -> VerifiedDigest {
        let (inflated, json) = try inflatedJSON(object.bytes, inflater: inflater)
        let signature = try signatureMetadata(object.metadata)
        let backfillTime = try backfillGenerationTime(object.metadata, key: key)
        try checkRequiredFields(json)
        try checkLocation(json, bucket: bucket, key: key)
        let fingerprint = pythonText(json["digestPublicKeyFingerprint"])
        let record = try await keyRecord(
            fingerprint, in: &keys, homeRegion: homeRegion, backfillTime: backfillTime,
            loadBackfillKeys: loadBackfillKeys)
        let publicKey = try loadedKey(record, fingerprint: fingerprint)
        let hash = hex(SHA256.hash(data: inflated))
        try checkSignature(signature, of: json, hash: hash, key: publicKey)
        let end = try time(json, "digestEndTime")
        let start = try time(json, "digestStartTime")
        // The previous digest's location, signature and hash are only recorded: the chain walk follows the link.
        return VerifiedDigest(
            bucket: bucket, key: key, start: start, end: end,
            previousBucket: json["previousDigestS3Bucket"]?.stringValue,
            previousKey: json["previousDigestS3Object"]?.stringValue,
            previousSignature: json["previousDigestSignature"]?.stringValue,
            previousHashValue: json["previousDigestHashValue"]?.stringValue,
            signature: signature, hash: hash, logFiles: logFiles(json),
            findings: fingerprintFindings(
                record, fingerprint: fingerprint,
                s3Uri: "s3://\(bucket)/\(key)"))
    }

    private static let invalidFormat = DigestFailure(kind: .digestInvalidFormat, message: "invalid format")

    /// `zlib.decompress` + `json.loads`: a truncated or corrupt member, bytes that are not UTF-8, or anything but a
    /// JSON object is an invalid format; bytes after the first member are ignored. Returns the inflated bytes too.
    private static func inflatedJSON(
        _ bytes: Data,
        inflater: any GzipInflater
    ) throws(DigestFailure) -> (Data, JSONValue) {
        let inflated: Data
        let json: JSONValue
        do {
            let (member, result) = try inflater.inflatedFirstMember(bytes, outputLimit: inflatedSizeLimit)
            guard result.isComplete, let text = String(data: member, encoding: .utf8) else { throw invalidFormat }
            inflated = member
            json = try JSONValue.parse(text)
        } catch let error as GzipOutputLimitError {
            throw DigestFailure(
                kind: .digestInvalidFormat, message: invalidFormat.message,
                detail: "the digest \(error.description), more than any digest holds: not inflated further")
        } catch {
            throw invalidFormat
        }
        guard case .object = json else { throw invalidFormat }
        return (inflated, json)
    }

    /// The object's `signature`; its `signature-algorithm` must be there too, whatever it says.
    private static func signatureMetadata(_ metadata: [String: String]) throws(DigestFailure) -> String {
        guard let signature = metadata["signature"], metadata["signature-algorithm"] != nil else {
            throw DigestFailure(kind: .digestSignatureInvalid, message: "signature verification failed")
        }
        return signature
    }

    /// A backfill digest's `backfill-generation-timestamp`, which it must have; nil for a standard digest.
    private static func backfillGenerationTime(
        _ metadata: [String: String],
        key: String
    ) throws(DigestFailure) -> String? {
        guard DigestKeyLayout.isBackfill(key) else { return nil }
        guard let time = metadata["backfill-generation-timestamp"] else { throw invalidFormat }
        return time
    }

    /// Every field the AWS CLI reads must be there, even when it is null.
    private static func checkRequiredFields(_ json: JSONValue) throws(DigestFailure) {
        for field in requiredFields where json[field] == nil { throw invalidFormat }
    }

    /// `digestS3Bucket` and `digestS3Object` must name where the digest was read.
    private static func checkLocation(_ json: JSONValue, bucket: String, key: String) throws(DigestFailure) {
        guard json["digestS3Bucket"]?.stringValue == bucket, json["digestS3Object"]?.stringValue == key else {
            throw DigestFailure(kind: .digestMoved, message: "has been moved from its original location")
        }
    }

    /// The public key with the digest's fingerprint; for a backfill digest, keys around its generation time are
    /// loaded first when the fingerprint is not known yet.
    private static func keyRecord(
        _ fingerprint: String, in keys: inout KeyRing, homeRegion: String,
        backfillTime: String?,
        loadBackfillKeys: (Timestamp) async throws -> [PublicKeyRecord]
    )
        async throws(DigestFailure) -> PublicKeyRecord
    {
        if keys.byFingerprint[fingerprint] == nil, let backfillTime {
            keys.add(try await backfillKeys(around: backfillTime, loadBackfillKeys))
        }
        guard let record = keys.byFingerprint[fingerprint] else {
            throw DigestFailure(
                kind: .publicKeyNotFound,
                message: "public key not found in region \(homeRegion) for fingerprint \(fingerprint)")
        }
        return record
    }

    /// The public keys an hour either side of a backfill digest's generation time, for a fingerprint not known yet.
    private static func backfillKeys(around text: String, _ load: (Timestamp) async throws -> [PublicKeyRecord])
        async throws(DigestFailure) -> [PublicKeyRecord]
    {
        guard let time = Timestamp.parse(text) else {
            throw DigestFailure(kind: .digestInvalidFormat, message: "Unable to parse date value: \(text)")
        }
        let found: [PublicKeyRecord]
        do {
            found = try await load(time)
        } catch {
            throw DigestFailure(kind: .publicKeyNotFound, message: "\(error)")
        }
        guard !found.isEmpty else {
            throw DigestFailure(
                kind: .publicKeyNotFound,
                message: "No public keys found between "
                    + "\(time.adding(seconds: -3600)) and \(time.adding(seconds: 3600))")
        }
        return found
    }

    /// The key's DER as a PKCS #1 (or SubjectPublicKeyInfo) RSA public key of at least 1,024 bits.
    private static func loadedKey(
        _ record: PublicKeyRecord,
        fingerprint: String
    ) throws(DigestFailure) -> _RSA.Signing.PublicKey {
        guard let numbers = RSAPublicKeyDER(record.der), numbers.bits >= 1024,
            let key = try? _RSA.Signing.PublicKey(n: numbers.modulus, e: numbers.exponent)
        else {
            throw DigestFailure(
                kind: .publicKeyUnloadable,
                message: "Unable to load PKCS #1 key with fingerprint \(fingerprint)")
        }
        return key
    }

    /// RSA PKCS #1 v1.5 with SHA-256 over the string to sign: end time, bucket/key, the digest's hash and the
    /// previous digest's signature (`null` for a starting digest), one a line.
    private static func checkSignature(
        _ signature: String, of json: JSONValue, hash: String,
        key publicKey: _RSA.Signing.PublicKey
    ) throws(DigestFailure) {
        let previous = json["previousDigestSignature"]
        let previousSignature = previous == .null ? "null" : pythonText(previous)
        let location = "\(pythonText(json["digestS3Bucket"]))/\(pythonText(json["digestS3Object"]))"
        let toSign = "\(pythonText(json["digestEndTime"]))\n\(location)\n\(hash)\n\(previousSignature)"
        let signatureBytes: [UInt8]
        switch unhexlify(signature) {
        case .success(let bytes): signatureBytes = bytes
        case .failure(let failure): throw DigestFailure(kind: .digestSignatureInvalid, message: failure.message)
        }
        let rsaSignature = _RSA.Signing.RSASignature(rawRepresentation: signatureBytes)
        guard publicKey.isValidSignature(rsaSignature, for: Data(toSign.utf8), padding: .insecurePKCS1v1_5) else {
            throw DigestFailure(kind: .digestSignatureInvalid, message: "signature verification failed")
        }
    }

    /// The time in `field`, which must parse.
    private static func time(_ json: JSONValue, _ field: String) throws(DigestFailure) -> Timestamp {
        let text = pythonText(json[field])
        guard let time = Timestamp.parse(text) else {
            throw DigestFailure(kind: .digestInvalidFormat, message: "Unable to parse date value: \(text)")
        }
        return time
    }

    /// A strict finding when the key's DER does not have the fingerprint ListPublicKeys gave it.
    private static func fingerprintFindings(
        _ record: PublicKeyRecord, fingerprint: String,
        s3Uri: String
    ) -> [Finding] {
        let computed = record.computedFingerprint
        guard computed != fingerprint.lowercased() else { return [] }
        return [
            Finding(
                kind: .fingerprintMismatch, s3Uri: s3Uri,
                detail: "public key \(fingerprint) has DER whose MD5 is \(computed)")
        ]
    }

    /// The `logFiles[]` entries, well-formed or not.
    private static func logFiles(_ json: JSONValue) -> [LogFileEntry] {
        guard case .array(let entries)? = json["logFiles"] else { return [] }
        return entries.map { entry in
            let logBucket = entry["s3Bucket"]?.stringValue
            let logKey = entry["s3Object"]?.stringValue
            let value = entry["hashValue"]?.stringValue
            return LogFileEntry(
                bucket: logBucket ?? "", key: logKey ?? "", hashValue: value,
                isWellFormed: logBucket != nil && logKey != nil && value != nil)
        }
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
