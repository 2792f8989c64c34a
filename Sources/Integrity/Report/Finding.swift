/// The stable kinds of finding, as printed in JSON (`kind`) and documented in docs/validate-logs.md.
public enum FindingKind: String, Sendable, Hashable, CaseIterable {
    case logHashMismatch = "log-hash-mismatch"
    case logMissing = "log-missing"
    case logInvalidFormat = "log-invalid-format"
    case logTrailingData = "log-trailing-data"
    case digestMissing = "digest-missing"
    case digestInvalidFormat = "digest-invalid-format"
    case digestSignatureInvalid = "digest-signature-invalid"
    case digestMoved = "digest-moved"
    case publicKeyNotFound = "public-key-not-found"
    case publicKeyUnloadable = "public-key-unloadable"
    case accessDenied = "access-denied"
    case digestLinkMismatch = "digest-link-mismatch"
    case coverageGap = "coverage-gap"
    case noDigests = "no-digests"
    case fingerprintMismatch = "fingerprint-mismatch"

    /// True for the findings the AWS CLI does not make; `--compat` does not fail the run on them.
    public var isStrict: Bool {
        switch self {
        case .digestLinkMismatch, .coverageGap, .noDigests, .fingerprintMismatch, .accessDenied: return true
        default: return false
        }
    }
}

/// One problem found in a chain.
public struct Finding: Sendable, Hashable {
    public var kind: FindingKind
    /// The object concerned, `s3://bucket/key`, or the chain's digest folder for chain-wide findings.
    public var s3Uri: String
    public var detail: String

    public init(kind: FindingKind, s3Uri: String, detail: String) {
        self.kind = kind
        self.s3Uri = s3Uri
        self.detail = detail
    }
}
