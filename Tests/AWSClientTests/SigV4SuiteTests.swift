import Foundation
import Testing

@testable import AWSClient

/// The AWS Signature Version 4 test suite (aws-c-auth's `v4` cases) in `../shared/datasets/sigv4-test-suite`:
/// every case is signed with headers and in the query, and each artefact must equal the suite's file byte for byte.
@Suite("SigV4 test suite")
struct SigV4SuiteTests {
    static let directory = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("../shared/datasets/sigv4-test-suite").standardizedFileURL

    static let caseNames: [String] = {
        let names = (try? FileManager.default.contentsOfDirectory(atPath: directory.path)) ?? []
        return names.filter { name in
            var isDirectory: ObjCBool = false
            return FileManager.default.fileExists(
                atPath: directory.appendingPathComponent(name).path,
                isDirectory: &isDirectory) && isDirectory.boolValue
        }.sorted()
    }()

    @Test("the suite is there, with its 38 cases")
    func suiteIsPresent() {
        #expect(Self.caseNames.count == 38, "expected 38 case folders in \(Self.directory.path)")
    }

    @Test("header signing: canonical request, string to sign, signature and signed request", arguments: caseNames)
    func headerSigning(_ name: String) throws {
        let suiteCase = try SuiteCase(name)
        let result = suiteCase.sign(.headers)
        #expect(result.canonicalRequest == (try suiteCase.file("header-canonical-request.txt")))
        #expect(result.stringToSign == (try suiteCase.file("header-string-to-sign.txt")))
        #expect(result.signature == (try suiteCase.file("header-signature.txt")))
        #expect(suiteCase.request.written(signed: result.request) == (try suiteCase.file("header-signed-request.txt")))
    }

    @Test("query signing: canonical request, string to sign, signature and signed request", arguments: caseNames)
    func querySigning(_ name: String) throws {
        let suiteCase = try SuiteCase(name)
        let result = suiteCase.sign(.query(expires: suiteCase.context.expirationInSeconds))
        #expect(result.canonicalRequest == (try suiteCase.file("query-canonical-request.txt")))
        #expect(result.stringToSign == (try suiteCase.file("query-string-to-sign.txt")))
        #expect(result.signature == (try suiteCase.file("query-signature.txt")))
        #expect(suiteCase.request.written(signed: result.request) == (try suiteCase.file("query-signed-request.txt")))
    }

    /// Three request lines carry a raw space or raw UTF-8, which no `URL` holds; the suite signs them encoded once
    /// (`/example%20space/`). The URL form of those paths is what actually goes on the wire, and SigV4 encodes it
    /// again, as aws-c-auth and botocore do for a wire path.
    @Test("request lines a URL cannot hold are signed from the raw path; their URL form is signed as sent")
    func rawPaths() throws {
        let raw = try Self.caseNames.filter { try !SuiteCase($0).urlHoldsPath }
        #expect(raw == ["get-space-normalized", "get-space-unnormalized", "get-utf8"])

        let suiteCase = try SuiteCase("get-utf8")
        #expect(suiteCase.request.url.path(percentEncoded: true) == "/%E1%88%B4")
        let wire = suiteCase.signer.signing(suiteCase.request.httpRequest, date: suiteCase.date)
        #expect(wire.canonicalRequest.split(separator: "\n")[1] == "/%25E1%2588%25B4")
    }
}

/// One folder of the suite: the parsed request, its context and the expected files.
private struct SuiteCase {
    let folder: URL
    let request: WrittenRequest
    let context: SuiteContext
    let date: Date
    let signer: SigV4Signer

    init(_ name: String) throws {
        folder = SigV4SuiteTests.directory.appendingPathComponent(name)
        request = try WrittenRequest(parsing: Data(contentsOf: folder.appendingPathComponent("request.txt")))
        context = try JSONDecoder().decode(
            SuiteContext.self,
            from: Data(contentsOf: folder.appendingPathComponent("context.json")))
        date = try #require(ISO8601DateFormatter().date(from: context.timestamp))
        let options = SigV4Signer.Options(
            uriEscapePath: true, normalizePath: context.normalize,
            signBody: context.signBody,
            omitSessionToken: context.omitSessionToken ?? false)
        signer = SigV4Signer(
            credentials: context.credentials.awsCredentials, region: context.region,
            service: context.service, options: options)
    }

    /// Whether `URL` keeps the path of the request line byte for byte.
    var urlHoldsPath: Bool { request.url.path(percentEncoded: true) == request.path }

    func sign(_ placement: SigV4Signer.Placement) -> SigningResult {
        urlHoldsPath
            ? signer.signing(request.httpRequest, date: date, placement: placement)
            : signer.signing(request.httpRequest, writtenPath: request.path, date: date, placement: placement)
    }

    func file(_ name: String) throws -> String {
        try String(contentsOf: folder.appendingPathComponent(name), encoding: .utf8)
    }
}

/// `context.json`.
private struct SuiteContext: Decodable {
    struct Credentials: Decodable {
        let accessKeyId: String
        let secretAccessKey: String
        let token: String?

        var awsCredentials: AWSCredentials {
            AWSCredentials(accessKeyId: accessKeyId, secretAccessKey: secretAccessKey, sessionToken: token)
        }

        enum CodingKeys: String, CodingKey {
            case accessKeyId = "access_key_id"
            case secretAccessKey = "secret_access_key"
            case token
        }
    }

    let credentials: Credentials
    let expirationInSeconds: Int
    let normalize: Bool
    let region: String
    let service: String
    let signBody: Bool
    let timestamp: String
    let omitSessionToken: Bool?

    enum CodingKeys: String, CodingKey {
        case credentials, normalize, region, service, timestamp
        case expirationInSeconds = "expiration_in_seconds"
        case signBody = "sign_body"
        case omitSessionToken = "omit_session_token"
    }
}

/// A raw HTTP/1.1 request as the suite writes it: the request line exactly as written, header lines (a line that
/// starts with whitespace continues the previous value, kept with its line break: the signer folds it) and a body.
private struct WrittenRequest {
    let method: String
    let path: String
    let query: String?
    let headers: [(name: String, value: String)]
    let body: Data
    /// `https://` + the Host header + the request target, with only the bytes a URL refuses percent-encoded.
    let url: URL

    init(parsing data: Data) throws {
        let text = String(decoding: data, as: UTF8.self)
        let blankLine = text.range(of: "\n\n")
        let lines = text[..<(blankLine?.lowerBound ?? text.endIndex)]
            .split(separator: "\n", omittingEmptySubsequences: false)
            .map { $0.hasSuffix("\r") ? String($0.dropLast()) : String($0) }
            .filter { !$0.isEmpty }
        let requestLine = try #require(lines.first)
        let method = try #require(requestLine.split(separator: " ").first)
        let version = try #require(requestLine.split(separator: " ").last)
        let target = requestLine.dropFirst(method.count + 1).dropLast(version.count + 1)
        self.method = String(method)
        path = String(target.prefix { $0 != "?" })
        query = target.contains("?") ? String(target.drop { $0 != "?" }.dropFirst()) : nil

        var headers: [(name: String, value: String)] = []
        for line in lines.dropFirst() {
            if line.first == " " || line.first == "\t", let last = headers.popLast() {
                headers.append((last.name, last.value + "\n" + line))
            } else {
                let name = line.prefix { $0 != ":" }
                headers.append((String(name), String(line.dropFirst(name.count + 1))))
            }
        }
        self.headers = headers
        body = blankLine.map { Data(text[$0.upperBound...].utf8) } ?? Data()

        let host = headers.first { $0.name.lowercased() == "host" }?.value ?? ""
        url = try #require(URL(string: "https://\(host)\(Self.encodingWhatURLRefuses(String(target)))"))
    }

    var httpRequest: HTTPRequest {
        HTTPRequest(method: method, url: url, headers: headers, body: body)
    }

    /// `signed` written like the suite's `*-signed-request.txt`: the request line keeps the target as written,
    /// followed by whatever query parameters signing appended; then the headers and the body.
    func written(signed: HTTPRequest) -> String {
        let original = url.query(percentEncoded: true) ?? ""
        let signedQuery = signed.url.query(percentEncoded: true) ?? ""
        let added = signedQuery.dropFirst(original.count).drop { $0 == "&" }
        var target = path + (query.map { "?" + $0 } ?? "")
        if !added.isEmpty {
            target += (query == nil ? "?" : "&") + added
        }
        let headerLines = signed.headers.map { "\($0.name):\($0.value)\n" }.joined()
        return "\(method) \(target) HTTP/1.1\n\(headerLines)\n" + String(decoding: signed.body, as: UTF8.self)
    }

    /// Percent-encodes the bytes that may not appear in a URL (controls, space, non-ASCII, the backquote and
    /// `"<>\^{|}`), and nothing else, so a target that is a valid URL stays byte for byte.
    static func encodingWhatURLRefuses(_ target: String) -> String {
        var encoded = ""
        for byte in target.utf8 {
            if byte > 0x20, byte < 0x7F, !"\"<>\\^`{|}".utf8.contains(byte) {
                encoded.append(Character(Unicode.Scalar(byte)))
            } else {
                encoded += String(format: "%%%02X", byte)
            }
        }
        return encoded
    }
}
