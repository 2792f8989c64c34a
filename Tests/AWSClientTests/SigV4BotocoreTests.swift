import AWSClient
import Foundation
import TestSupport
import Testing

/// Our `Authorization` header against botocore's (`SigV4Auth`, and `S3SigV4Auth` with S3's rules) on generated
/// requests with awkward paths, query strings and headers. botocore signs all of them in one `python3` process
/// (`Support/botocore_sign.py`).
///
/// botocore's canonicalisation differs from the AWS suite (aws-c-auth, which the signer follows) in a few corners;
/// the generator stays out of them:
/// - a URL's query is signed by botocore as written, while the suite decodes each name and value and encodes it
///   again (so a raw `+`, a lowercase `%2f`, `%7E` or a raw `/` would differ): generated queries are encoded
///   canonically, as botocore's own serializer writes them (every byte but `A-Za-z0-9-._~` as uppercase `%XY`);
/// - an empty pair (`a=1&&b=2`) is an `=` entry for botocore and nothing for the suite: never generated;
/// - header values: botocore collapses any Unicode whitespace, the suite ASCII whitespace only, and obs-folded
///   lines do not survive botocore's header container: values hold spaces and tabs, no line breaks;
/// - S3 with an empty path: botocore signs an empty canonical URI, the suite `/`: S3 paths are never empty;
/// - a `Date` header makes botocore drop `X-Amz-Date`; `X-Amz-Content-SHA256` is taken as the payload hash by both
///   but replaced by botocore for S3: neither is generated.
@Suite("SigV4 against botocore")
struct SigV4BotocoreTests {
    static let seed: UInt64 = 0x5147_4154_4556_3401
    static let caseCount = 200

    @Test("Authorization equals botocore's on generated requests, for S3 and for other services")
    func matchesBotocore() throws {
        var generator = RequestGenerator(seed: Self.seed)
        let cases = (0..<Self.caseCount).map { generator.makeCase(s3: $0.isMultiple(of: 2)) }
        for generated in cases {
            let url = try #require(URL(string: generated.url), "not a URL: \(generated.url)")
            try #require(
                url.path(percentEncoded: true) == generated.wirePath,
                "URL rewrote the generated path \(generated.wirePath)")
        }

        let expected = try Botocore.sign(cases)
        try #require(expected.count == cases.count)
        for (index, (generated, botocore)) in zip(cases, expected).enumerated() {
            let ours = try generated.signing()
            #expect(
                ours.request.header("Authorization") == botocore.authorization,
                """
                case \(index) (seed \(Self.seed)): \(generated.method) \(generated.url) \
                s3: \(generated.s3) headers: \(generated.headers)
                our canonical request:
                \(ours.canonicalRequest)
                botocore's:
                \(botocore.canonicalRequest)
                """)
        }
    }
}

/// One generated request, encoded as `botocore_sign.py` reads it.
private struct GeneratedCase: Encodable {
    let method: String
    let url: String
    let wirePath: String
    let headers: [[String]]
    let body: Data
    let accessKey: String
    let secretKey: String
    let token: String?
    let region: String
    let service: String
    let s3: Bool
    let timestamp: String

    enum CodingKeys: String, CodingKey {
        case method, url, headers, body, token, region, service, s3, timestamp
        case accessKey = "access_key"
        case secretKey = "secret_key"
    }

    func signing() throws -> SigningResult {
        let formatter = DateFormatter()
        formatter.locale = Locale(identifier: "en_US_POSIX")
        formatter.timeZone = TimeZone(identifier: "UTC")
        formatter.dateFormat = "yyyyMMdd'T'HHmmss'Z'"
        let date = try #require(formatter.date(from: timestamp))
        let request = HTTPRequest(
            method: method, url: try #require(URL(string: url)),
            headers: headers.map { ($0[0], $0[1]) }, body: body)
        let signer = SigV4Signer(
            credentials: AWSCredentials(
                accessKeyId: accessKey, secretAccessKey: secretKey,
                sessionToken: token),
            region: region, service: service, options: s3 ? .s3 : SigV4Signer.Options())
        return signer.signing(request, date: date)
    }
}

/// Builds awkward requests from a seeded generator.
private struct RequestGenerator {
    var random: SplitMix64

    init(seed: UInt64) {
        random = SplitMix64(seed: seed)
    }

    /// Path segments written raw, encoded for the wire as an SDK would (every byte but the unreserved ones).
    static let rawSegments = [
        "docs", "Key", "v1.2", "x_y-z", "with space", "  lead", "trail ", "ünïcødé", "日本語",
        "🙂", "e\u{301}", "a/b", "100%", "a+b", "q?x=1", "#hash", "tab\there",
    ]
    /// Path segments as they go on the wire: encoded slashes and percents, dot segments, empty segments (double
    /// slashes), and reserved characters a URL path may hold raw.
    static let wireSegments = [
        "a%2Fb", "%2F", "%2f", "~user", ".", "..", "", "a+b", "k=v", "x:y", "at@home",
        "semi;colon", "comma,list", "it's", "(paren)", "star*", "bang!", "$dollar", "amp&",
        "%7E", "%2e%2E", "%25", "%E2%82%AC",
    ]
    static let queryNames = [
        "a", "A", "b", "prefix", "max-keys", "x-id", "list-type", "ሴ", "key with space", "a+b",
        "k=v", "[]", "~tilde", "ä", "%", "/",
    ]
    static let queryValues = [
        "", "1", "value", "a b", "a+b", "x/y?z", "100%", "ü", "=", "&", "~-._", "日本", "a%2Fb",
        "+", "Value With  Spaces",
    ]
    static let headerNames = [
        "X-Custom", "x-custom", "X-CUSTOM", "Content-Type", "content-type", "X-Amz-Meta-Note",
        "My-Header1", "Accept", "Cache-Control", "x-amz-target", "User-Agent", "X-Amzn-Trace-Id",
        "Expect", "Connection",
    ]
    static let headerValues = [
        "value", "a  b   c", "\"quoted   string\"", "", "text/plain; charset=utf-8",
        "application/x-amz-json-1.1", "UPPER lower", "a,b", "tab\there", "x=y;z", "ünï",
    ]
    static let hosts = [
        "example.amazonaws.com", "Bucket-Name.s3.us-west-2.amazonaws.com",
        "cloudtrail.eu-west-1.amazonaws.com", "localhost", "127.0.0.1",
    ]

    mutating func makeCase(s3: Bool) -> GeneratedCase {
        let scheme = random.chance(20) ? "http" : "https"
        let host = random.pick(Self.hosts) + random.pick(["", "", "", ":443", ":80", ":8443"])
        let path = makePath(allowEmpty: !s3)
        let query = makeQuery()
        var headers = (0..<random.below(6)).map { _ in [random.pick(Self.headerNames), makeHeaderValue()] }
        if random.chance(30) {
            let name = random.pick(["Host", "host", "HOST"])
            headers.insert([name, host.lowercased()], at: random.below(headers.count + 1))
        }
        let alphanumerics = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789"
        let timestamp = String(
            format: "%04d%02d%02dT%02d%02d%02dZ", 2015 + random.below(21), 1 + random.below(12),
            1 + random.below(28), random.below(24), random.below(60), random.below(60))
        return GeneratedCase(
            method: random.pick(["GET", "PUT", "POST", "DELETE", "HEAD", "PATCH"]),
            url: "\(scheme)://\(host)\(path)\(query)",
            wirePath: path,
            headers: headers,
            body: makeBody(),
            accessKey: "AKIA" + random.string(16, from: "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567"),
            secretKey: random.string(40, from: alphanumerics + "+/"),
            token: random.chance(50) ? random.string(60 + random.below(60), from: alphanumerics + "+/") + "==" : nil,
            region: random.pick(["us-east-1", "eu-west-1", "ap-southeast-2", "us-gov-west-1"]),
            service: s3 ? "s3" : random.pick(["cloudtrail", "execute-api", "sts", "kms"]),
            s3: s3,
            timestamp: timestamp)
    }

    mutating func makePath(allowEmpty: Bool) -> String {
        if allowEmpty, random.chance(10) {
            return ""
        }
        let segments = (0..<random.below(6)).map { _ in
            random.chance(50) ? Self.canonicallyEncoded(random.pick(Self.rawSegments)) : random.pick(Self.wireSegments)
        }
        let trailingSlash = !segments.isEmpty && random.chance(30)
        return "/" + segments.joined(separator: "/") + (trailingSlash ? "/" : "")
    }

    /// `?name=value&…` with repeated names, empty values and names without `=`, encoded canonically.
    mutating func makeQuery() -> String {
        var pairs: [String] = []
        for _ in 0..<random.below(6) {
            let repeated = random.chance(30) ? pairs.last.map { String($0.prefix { $0 != "=" }) } : nil
            let name = repeated ?? Self.canonicallyEncoded(random.pick(Self.queryNames))
            pairs.append(random.chance(15) ? name : name + "=" + Self.canonicallyEncoded(random.pick(Self.queryValues)))
        }
        if pairs.isEmpty {
            return random.chance(10) ? "?" : ""
        }
        return "?" + pairs.joined(separator: "&")
    }

    /// A value with random runs of spaces and tabs around it.
    mutating func makeHeaderValue() -> String {
        let padding = ["", "", " ", "  ", "\t", " \t "]
        return random.pick(padding) + random.pick(Self.headerValues) + random.pick(padding)
    }

    mutating func makeBody() -> Data {
        switch random.below(4) {
        case 0: Data()
        case 1: Data("Param1=value1&Param2=ünï".utf8)
        case 2: Data("{\"TrailName\":\"management-events\"}".utf8)
        default: Data((0..<random.below(64)).map { _ in UInt8(truncatingIfNeeded: random.next()) })
        }
    }

    /// Every byte but `A-Za-z0-9-._~` as `%XY`, the way SDK serializers write URIs.
    static func canonicallyEncoded(_ text: String) -> String {
        text.addingPercentEncoding(
            withAllowedCharacters: CharacterSet(
                charactersIn:
                    "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-._~")) ?? text
    }
}

/// botocore, run once for a whole batch of cases.
private enum Botocore {
    struct Signature: Decodable {
        let authorization: String
        let canonicalRequest: String

        enum CodingKeys: String, CodingKey {
            case authorization
            case canonicalRequest = "canonical_request"
        }
    }

    struct Unavailable: Error, CustomStringConvertible {
        let description: String
    }

    static let script = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
        .appendingPathComponent("Support/botocore_sign.py")

    /// Signs `cases` with botocore in one `python3` process: cases as JSON on standard input, signatures back on
    /// standard output.
    static func sign(_ cases: [GeneratedCase]) throws -> [Signature] {
        // Checked first, so that a missing python3 does not leave the batch half written into a closed pipe.
        _ = try run(["-c", "import botocore"], input: Data())
        let output = try run([script.path], input: JSONEncoder().encode(["cases": cases]))
        return try JSONDecoder().decode([Signature].self, from: output)
    }

    private static func run(_ arguments: [String], input: Data) throws -> Data {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["python3"] + arguments
        let standardInput = Pipe(), standardOutput = Pipe(), standardError = Pipe()
        process.standardInput = standardInput
        process.standardOutput = standardOutput
        process.standardError = standardError
        try process.run()
        standardInput.fileHandleForWriting.write(input)
        try standardInput.fileHandleForWriting.close()
        let output = standardOutput.fileHandleForReading.readDataToEndOfFile()
        let errors = String(decoding: standardError.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        process.waitUntilExit()
        guard process.terminationStatus == 0 else {
            throw Unavailable(
                description: """
                    SigV4BotocoreTests needs python3 with botocore (scripts/test installs it from requirements-test.txt); \
                    `python3 \(arguments.joined(separator: " "))` exited with \(process.terminationStatus): \(errors)
                    """)
        }
        return output
    }
}
