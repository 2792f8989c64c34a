import Crypto
import Foundation
import TrailObjects

/// What checking one log file found.
enum LogOutcome: Sendable, Equatable {
    case valid
    case hashMismatch(detail: String)
    case missing
    case invalidFormat(detail: String)
    case trailingData(bytes: Int)
    case accessDenied(detail: String)

    /// The AWS CLI's message after `INVALID: ` (access denied is TrailGate's own: the AWS CLI aborts instead).
    var message: String? {
        switch self {
        case .valid: return nil
        case .hashMismatch: return "hash value doesn't match"
        case .missing: return "not found"
        case .invalidFormat: return "invalid format"
        case .trailingData: return "unexpected data after end of compressed stream"
        case .accessDenied: return "access denied"
        }
    }

    var finding: (kind: FindingKind, detail: String)? {
        switch self {
        case .valid: return nil
        case .hashMismatch(let detail): return (.logHashMismatch, detail)
        case .missing: return (.logMissing, "NoSuchKey: the digest lists this log file but it does not exist")
        case .invalidFormat(let detail): return (.logInvalidFormat, detail)
        case .trailingData(let bytes):
            return (.logTrailingData, "\(bytes) bytes after the end of the first gzip member (not covered by the hash)")
        case .accessDenied(let detail): return (.accessDenied, detail)
        }
    }
}

/// Checks one log file: GET, inflate the first gzip member while hashing it, compare with the digest's `hashValue`.
enum LogFileCheck {
    /// Throws only for failures that stop the whole run (an S3 error other than NoSuchKey and AccessDenied).
    static func check(_ entry: LogFileEntry, source: any ObjectSource, inflater: any GzipInflater) async throws
        -> LogOutcome
    {
        guard entry.isWellFormed, let expected = entry.hashValue else {
            return .invalidFormat(detail: "the digest's logFiles entry lacks s3Bucket, s3Object or hashValue")
        }
        let object: StoredObject
        do {
            object = try await source.getObject(bucket: entry.bucket, key: entry.key)
        } catch ObjectSourceError.notFound {
            return .missing
        } catch let error as ObjectSourceError {
            switch error {
            case .accessDenied: return .accessDenied(detail: error.description)
            case .invalidMetadata: return .invalidFormat(detail: error.description)
            default: throw error
            }
        }
        return verify(object.bytes, expected: expected, inflater: inflater)
    }

    /// The pure part: inflate and hash `bytes`, compare with `expected`.
    static func verify(_ bytes: Data, expected: String, inflater: any GzipInflater) -> LogOutcome {
        var hasher = SHA256()
        let result: GzipMemberResult
        do {
            result = try inflater.inflateFirstMember(bytes) { hasher.update(bufferPointer: $0) }
        } catch {
            return .invalidFormat(detail: "\(error)")
        }
        if result.trailingBytes > 0 { return .trailingData(bytes: result.trailingBytes) }
        let computed = DigestVerifier.hex(hasher.finalize())
        guard computed == expected else {
            let truncated = result.isComplete ? "" : " (the gzip stream is truncated)"
            return .hashMismatch(
                detail: "SHA-256 of the inflated file is \(computed), the digest says \(expected)\(truncated)")
        }
        return .valid
    }
}
