import Foundation

/// Removes secrets from text that came from outside TrailGate (an error answer, a transport error, a command's
/// standard error) before it reaches a message: every known secret value, as written or percent-encoded, and the
/// value after any name that announces a secret (`X-Amz-Security-Token: …`, `Signature=…`,
/// `"SecretAccessKey": "…"`), each replaced by `<redacted>`.
struct SecretRedactor: Sendable {
    static let placeholder = "<redacted>"
    /// Values shorter than this are not real AWS secrets (secret keys have 40 characters, signatures 64, tokens
    /// hundreds); replacing them would mangle ordinary words.
    static let minimumSecretLength = 8

    /// The values to replace, longest first (so a secret containing another is replaced whole).
    let secrets: [String]

    /// A redactor for `secrets`; nil and short values are ignored.
    init(secrets: [String?]) {
        var values = Set<String>()
        for case let secret? in secrets where secret.count >= Self.minimumSecretLength {
            values.insert(secret)
            if let encoded = secret.addingPercentEncoding(withAllowedCharacters: Self.unreserved) {
                values.insert(encoded)
            }
        }
        self.secrets = values.sorted { $0.count > $1.count }
    }

    /// A redactor for the secret access key and session token of `credentials`, and the signature of `request` (from
    /// its `Authorization` header or `X-Amz-Signature` query parameter).
    init(credentials: AWSCredentials, request: HTTPRequest? = nil) {
        let authorization = request?.header("Authorization")
        let signature = authorization?.range(of: "Signature=").map {
            String(authorization![$0.upperBound...].prefix { $0.isHexDigit })
        }
        let querySignature = request.flatMap {
            URLComponents(url: $0.url, resolvingAgainstBaseURL: false)?.queryItems?
                .first { $0.name == "X-Amz-Signature" }?.value
        }
        self.init(secrets: [credentials.secretAccessKey, credentials.sessionToken, signature, querySignature])
    }

    /// `text` with every secret replaced.
    func redact(_ text: String) -> String {
        var result = text
        for secret in secrets where result.contains(secret) {
            result = result.replacingOccurrences(of: secret, with: Self.placeholder)
        }
        return Self.redactNamedValues(result)
    }

    /// Names whose value is a secret, as headers, query parameters, shared-file keys or JSON members spell them.
    static let secretNames = [
        "x-amz-security-token", "x-amz-signature", "signature", "aws_secret_access_key", "aws_session_token",
        "secretaccesskey", "sessiontoken", "x-aws-ec2-metadata-token",
    ]

    /// `text` with the value after each of ``secretNames`` (then `:` or `=`, optionally quoted) replaced up to the
    /// next space, quote, comma, ampersand or angle bracket, and an `Authorization` value up to its quote or line end.
    static func redactNamedValues(_ text: String) -> String {
        let named = try! Regex(
            #"(\b(?:"# + secretNames.joined(separator: "|") + #")["']?\s*[:=]\s*["']?)[^\s"',&<>]+"#
        ).ignoresCase()
        let authorization = try! Regex(#"(\bauthorization["']?\s*[:=]\s*["']?)[^\r\n"']+"#).ignoresCase()
        var result = text
        for pattern in [authorization, named] {
            result = result.replacing(pattern) { match in
                (match.output[1].substring.map(String.init) ?? "") + placeholder
            }
        }
        return result
    }

    /// `text` with every run of at least 32 base64 characters that mixes upper case, lower case and digits (the
    /// shape of secret keys, session tokens and signatures, rarely of words or paths) replaced; for text from a
    /// program TrailGate knows nothing about.
    static func redactSecretShapes(_ text: String) -> String {
        let run = try! Regex(#"[A-Za-z0-9+/=]{32,}"#)
        return text.replacing(run) { match in
            let value = text[match.range]
            let mixed =
                value.contains(where: \.isUppercase) && value.contains(where: \.isLowercase)
                && value.contains(where: \.isNumber)
            return mixed ? placeholder : String(value)
        }
    }

    private static let unreserved = CharacterSet(
        charactersIn: "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-._~")
}
