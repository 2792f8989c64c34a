/// The canonical request of SigV4 (task 1): method, canonical URI, canonical query string, canonical headers,
/// signed headers and payload hash, one per line.
struct CanonicalRequest {
    let method: String
    let uri: String
    let query: String
    let headers: CanonicalHeaders
    let payloadHash: String

    /// - Parameters:
    ///   - path: the path as written on the request line (already percent-encoded for the wire).
    ///   - query: the query as written, without `?`; its names and values are decoded, then re-encoded canonically.
    ///   - parameters: unencoded parameters to add to the query (the `X-Amz-*` of query signing).
    init(
        method: String, path: String, query: String?, adding parameters: [(name: String, value: String)] = [],
        headers: CanonicalHeaders, payloadHash: String, options: SigV4Signer.Options
    ) {
        self.method = method
        self.uri = Self.canonicalURI(path, options: options)
        self.query = Self.canonicalQuery(query, adding: parameters)
        self.headers = headers
        self.payloadHash = payloadHash
    }

    /// The canonical request text, whose SHA-256 goes into the string to sign.
    var text: String {
        [method, uri, query, headers.block, headers.signedHeaders, payloadHash].joined(separator: "\n")
    }

    /// The path normalized (when asked) and encoded once more (when asked); an empty path is `/`.
    static func canonicalURI(_ path: String, options: SigV4Signer.Options) -> String {
        var uri = path.isEmpty ? "/" : path
        if options.normalizePath {
            uri = removingDotSegments(uri)
        }
        return options.uriEscapePath ? URIEncoding.encode(uri.utf8, keepingSlash: true) : uri
    }

    /// Removes `.` and `..` segments and empty segments (duplicate slashes); keeps a trailing slash when a segment
    /// remains, as aws-c-auth and botocore do.
    static func removingDotSegments(_ path: String) -> String {
        var segments: [ArraySlice<UInt8>] = []
        for segment in Array(path.utf8).split(separator: slash) where !segment.elementsEqual(".".utf8) {
            if segment.elementsEqual("..".utf8) {
                _ = segments.popLast()
            } else {
                segments.append(segment)
            }
        }
        let trailingSlash = path.utf8.last == slash && !segments.isEmpty ? "/" : ""
        return "/" + segments.map { String(decoding: $0, as: UTF8.self) }.joined(separator: "/") + trailingSlash
    }

    /// `name=value` pairs, each decoded and re-encoded (RFC 3986, so `+` becomes `%2B`), sorted by name then value;
    /// a parameter without `=` has an empty value, and empty pairs (`&&`) are dropped.
    static func canonicalQuery(_ query: String?, adding parameters: [(name: String, value: String)]) -> String {
        var pairs: [(name: String, value: String)] = []
        for pair in Array((query ?? "").utf8).split(separator: UInt8(ascii: "&")) {
            let name = pair.prefix { $0 != UInt8(ascii: "=") }
            let value = pair.dropFirst(name.count + 1)
            pairs.append((URIEncoding.encode(URIEncoding.decode(name)), URIEncoding.encode(URIEncoding.decode(value))))
        }
        for parameter in parameters {
            pairs.append((URIEncoding.encode(parameter.name.utf8), URIEncoding.encode(parameter.value.utf8)))
        }
        pairs.sort { lhs, rhs in
            lhs.name == rhs.name
                ? lhs.value.utf8.lexicographicallyPrecedes(rhs.value.utf8)
                : lhs.name.utf8.lexicographicallyPrecedes(rhs.name.utf8)
        }
        return pairs.map { "\($0.name)=\($0.value)" }.joined(separator: "&")
    }

    private static let slash = UInt8(ascii: "/")
}

/// The canonical headers block and the signed-headers list of a request.
struct CanonicalHeaders {
    /// `name:value` lines, each ending with a newline.
    let block: String
    /// The lowercased names, sorted, joined with `;`.
    let signedHeaders: String

    /// Headers that are never signed: hop-by-hop headers and those that clients and proxies rewrite (botocore's
    /// list), and `authorization`, which carries the signature.
    static let unsigned: Set<String> = [
        "authorization", "connection", "expect", "keep-alive", "proxy-authenticate", "proxy-authorization", "te",
        "trailer", "transfer-encoding", "upgrade", "user-agent", "x-amzn-trace-id",
    ]

    /// Lowercases the names, trims each value and collapses its runs of whitespace (folded lines included) to one
    /// space, joins the values of a repeated name with `,` in request order, and sorts by name.
    init(_ headers: [(name: String, value: String)]) {
        var values: [String: [String]] = [:]
        for header in headers {
            let name = header.name.lowercased()
            guard !Self.unsigned.contains(name) else { continue }
            values[name, default: []].append(Self.trimmingAll(header.value))
        }
        let sorted = values.sorted { $0.key.utf8.lexicographicallyPrecedes($1.key.utf8) }
        block = sorted.map { "\($0.key):\($0.value.joined(separator: ","))\n" }.joined()
        signedHeaders = sorted.map(\.key).joined(separator: ";")
    }

    /// SigV4's Trimall: no leading or trailing whitespace, and every inner run of it becomes a single space.
    static func trimmingAll(_ value: String) -> String {
        value.utf8.split(whereSeparator: isWhitespace).map { String(decoding: $0, as: UTF8.self) }
            .joined(separator: " ")
    }

    /// The C locale's `isspace`, as aws-c-auth uses: space, tab, line feed, vertical tab, form feed, carriage return.
    private static func isWhitespace(_ byte: UInt8) -> Bool {
        byte == 0x20 || (0x09...0x0D).contains(byte)
    }
}
