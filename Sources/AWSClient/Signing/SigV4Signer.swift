import Crypto
import Foundation

/// Signs requests with AWS Signature Version 4, in the `Authorization` header or in the query string (presigning).
public struct SigV4Signer: Sendable {
    /// How the service canonicalizes requests; the defaults suit every service except S3, which wants `.s3`.
    public struct Options: Sendable, Equatable {
        /// Percent-encode the path, which is already encoded for the wire, once more: every service except S3.
        public var uriEscapePath: Bool
        /// Remove `.` and `..` segments and duplicate slashes from the path: every service except S3.
        public var normalizePath: Bool
        /// Send the payload hash as `x-amz-content-sha256` when signing headers: always for S3.
        public var signBody: Bool
        /// Sign without the session token, then add it to the request, for services that check the token apart.
        public var omitSessionToken: Bool

        public init(
            uriEscapePath: Bool = true, normalizePath: Bool = true, signBody: Bool = false,
            omitSessionToken: Bool = false
        ) {
            self.uriEscapePath = uriEscapePath
            self.normalizePath = normalizePath
            self.signBody = signBody
            self.omitSessionToken = omitSessionToken
        }

        /// S3's rules: the path is signed as it is sent, and the payload hash is always sent.
        public static let s3 = Options(uriEscapePath: false, normalizePath: false, signBody: true)
    }

    /// Where the signature goes.
    public enum Placement: Sendable, Equatable {
        /// `Authorization`, `X-Amz-Date` and, when there is one, `X-Amz-Security-Token` headers.
        case headers
        /// `X-Amz-*` query parameters: a presigned URL, valid for `expires` seconds.
        case query(expires: Int)
    }

    let credentials: AWSCredentials
    public let region: String
    public let service: String
    public let options: Options

    public init(credentials: AWSCredentials, region: String, service: String, options: Options = Options()) {
        self.credentials = credentials
        self.region = region
        self.service = service
        self.options = options
    }

    /// `request` signed at `date` with the `Authorization` header.
    public func sign(_ request: HTTPRequest, date: Date) -> HTTPRequest {
        signing(request, date: date).request
    }

    /// Signs `request` and returns the signed request with the canonical request, string to sign and signature,
    /// for tests and `--verbose` output.
    public func signing(_ request: HTTPRequest, date: Date, placement: Placement = .headers) -> SigningResult {
        signing(request, writtenPath: request.url.path(percentEncoded: true), date: date, placement: placement)
    }

    /// Signs with `writtenPath` as the path of the request line. A `URL` cannot hold a request line with raw spaces
    /// or non-ASCII bytes, which the AWS test suite has; the suite's tests pass those paths here.
    func signing(_ request: HTTPRequest, writtenPath: String, date: Date, placement: Placement) -> SigningResult {
        let time = SigningTime(date)
        let scope = "\(time.day)/\(region)/\(service)/aws4_request"
        var signed = request
        signed.headers.removeAll { $0.name.caseInsensitiveCompare("Authorization") == .orderedSame }
        if signed.header("Host") == nil {
            signed.headers.insert(("Host", Self.host(of: request.url)), at: 0)
        }
        let payloadHash = signed.header(Self.contentHashHeader) ?? Self.hex(SHA256.hash(data: request.body))
        let query = request.url.query(percentEncoded: true)
        let canonical: CanonicalRequest
        var queryParameters: [(name: String, value: String)] = []

        switch placement {
        case .headers:
            if let token = credentials.sessionToken {
                signed.setHeader(Self.tokenName, token)
            }
            signed.setHeader("X-Amz-Date", time.amzDate)
            if options.signBody, signed.header(Self.contentHashHeader) == nil {
                signed.headers.append((Self.contentHashHeader, payloadHash))
            }
            let headers =
                options.omitSessionToken
                ? signed.headers.filter { $0.name.caseInsensitiveCompare(Self.tokenName) != .orderedSame }
                : signed.headers
            canonical = CanonicalRequest(
                method: request.method, path: writtenPath, query: query,
                headers: CanonicalHeaders(headers), payloadHash: payloadHash,
                options: options)
        case .query(let expires):
            let headers = CanonicalHeaders(signed.headers)
            queryParameters = [
                ("X-Amz-Algorithm", Self.algorithm),
                ("X-Amz-Credential", "\(credentials.accessKeyId)/\(scope)"),
                ("X-Amz-Date", time.amzDate),
                ("X-Amz-SignedHeaders", headers.signedHeaders),
                ("X-Amz-Expires", String(expires)),
            ]
            if let token = credentials.sessionToken {
                queryParameters.append((Self.tokenName, token))
            }
            let signedParameters =
                options.omitSessionToken
                ? queryParameters.filter { $0.name != Self.tokenName } : queryParameters
            canonical = CanonicalRequest(
                method: request.method, path: writtenPath, query: query,
                adding: signedParameters, headers: headers, payloadHash: payloadHash,
                options: options)
        }

        let canonicalText = canonical.text
        let stringToSign = [Self.algorithm, time.amzDate, scope, Self.hex(SHA256.hash(data: Data(canonicalText.utf8)))]
            .joined(separator: "\n")
        let signature = Self.hex(
            HMAC<SHA256>.authenticationCode(
                for: Data(stringToSign.utf8),
                using: signingKey(day: time.day)))
        switch placement {
        case .headers:
            signed.headers.append(
                (
                    "Authorization",
                    "\(Self.algorithm) Credential=\(credentials.accessKeyId)/\(scope), "
                        + "SignedHeaders=\(canonical.headers.signedHeaders), Signature=\(signature)"
                ))
        case .query:
            signed.url = Self.appending(queryParameters + [("X-Amz-Signature", signature)], to: request.url)
        }
        return SigningResult(
            request: signed, canonicalRequest: canonicalText, stringToSign: stringToSign,
            signature: signature)
    }

    private static let algorithm = "AWS4-HMAC-SHA256"
    private static let tokenName = "X-Amz-Security-Token"
    private static let contentHashHeader = "x-amz-content-sha256"

    /// HMAC chain from the secret through the day, region and service to `aws4_request`.
    private func signingKey(day: String) -> SymmetricKey {
        var key = SymmetricKey(data: Data("AWS4\(credentials.secretAccessKey)".utf8))
        for part in [day, region, service, "aws4_request"] {
            key = SymmetricKey(data: Data(HMAC<SHA256>.authenticationCode(for: Data(part.utf8), using: key)))
        }
        return key
    }

    /// The `Host` header for `url`: lowercased, IPv6 in brackets, the port only when it is not the scheme's default.
    private static func host(of url: URL) -> String {
        var host = (url.host(percentEncoded: true) ?? "").lowercased()
        if host.contains(":") {
            host = "[\(host)]"
        }
        let defaultPort = ["http": 80, "https": 443][url.scheme?.lowercased() ?? ""]
        if let port = url.port, port != defaultPort {
            host += ":\(port)"
        }
        return host
    }

    /// `url` with `parameters` percent-encoded and appended to its query.
    private static func appending(_ parameters: [(name: String, value: String)], to url: URL) -> URL {
        guard var components = URLComponents(url: url, resolvingAgainstBaseURL: false) else {
            preconditionFailure("an HTTP request URL has components: \(url)")
        }
        let added = parameters.map { "\(URIEncoding.encode($0.name.utf8))=\(URIEncoding.encode($0.value.utf8))" }
        let existing = components.percentEncodedQuery.flatMap { $0.isEmpty ? nil : [$0] } ?? []
        components.percentEncodedQuery = (existing + added).joined(separator: "&")
        guard let signed = components.url else {
            preconditionFailure("appending encoded parameters keeps a URL valid: \(url)")
        }
        return signed
    }

    private static func hex(_ bytes: some Sequence<UInt8>) -> String {
        let digits = Array("0123456789abcdef".utf8)
        return String(decoding: bytes.flatMap { [digits[Int($0 >> 4)], digits[Int($0 & 0x0F)]] }, as: UTF8.self)
    }
}

/// A signed request and the artefacts of its signature.
public struct SigningResult: Sendable {
    /// The request with its signature headers or query parameters added.
    public var request: HTTPRequest
    public var canonicalRequest: String
    public var stringToSign: String
    /// The signature, lowercase hex.
    public var signature: String
}

/// The signing instant in SigV4's two forms, in UTC.
struct SigningTime {
    /// `yyyyMMdd'T'HHmmss'Z'`, the `X-Amz-Date` value.
    let amzDate: String
    /// `yyyyMMdd`, the date of the credential scope.
    var day: String { String(amzDate.prefix(8)) }

    init(_ date: Date) {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = .gmt
        let parts = calendar.dateComponents([.year, .month, .day, .hour, .minute, .second], from: date)
        func padded(_ value: Int?, _ width: Int) -> String {
            let digits = String(value ?? 0)
            return String(repeating: "0", count: max(0, width - digits.count)) + digits
        }
        amzDate =
            padded(parts.year, 4) + padded(parts.month, 2) + padded(parts.day, 2) + "T"
            + padded(parts.hour, 2) + padded(parts.minute, 2) + padded(parts.second, 2) + "Z"
    }
}
