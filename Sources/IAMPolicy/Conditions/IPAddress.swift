/// An IPv4 or IPv6 address, as used by `aws:SourceIp`.
///
/// An IPv4-mapped IPv6 address (`::ffff:192.0.2.1`) is the IPv4 address it maps, so it is compared with
/// IPv4 ranges.
public struct IPAddress: Sendable, Hashable {
    /// The address in network byte order: 4 bytes for IPv4, 16 for IPv6.
    public let bytes: [UInt8]

    /// True for an IPv4 address (including one written IPv4-mapped).
    public var isIPv4: Bool { bytes.count == 4 }

    /// Parses a dotted-quad IPv4 address or an RFC 4291 IPv6 address (with `::` and an optional dotted IPv4
    /// tail). Nil for anything else, including zone indexes (`%eth0`) and IPv4 octets with leading zeros.
    public init?(_ text: String) {
        guard let bytes = Self.unmappedBytes(text) else { return nil }
        self.bytes = Self.isIPv4Mapped(bytes) ? Array(bytes[12...]) : bytes
    }

    init(bytes: [UInt8]) {
        self.bytes = bytes
    }

    /// The bytes as written: 16 for any IPv6 form, IPv4-mapped ones included.
    static func unmappedBytes(_ text: String) -> [UInt8]? {
        text.contains(":") ? ipv6Bytes(Substring(text)) : ipv4Bytes(Substring(text))
    }

    /// True for 16 bytes of the form `::ffff:a.b.c.d`.
    static func isIPv4Mapped(_ bytes: [UInt8]) -> Bool {
        bytes.count == 16 && bytes[..<10].allSatisfy { $0 == 0 } && bytes[10] == 0xFF && bytes[11] == 0xFF
    }

    private static func ipv4Bytes(_ text: Substring) -> [UInt8]? {
        let parts = text.split(separator: ".", omittingEmptySubsequences: false)
        guard parts.count == 4 else { return nil }
        var bytes: [UInt8] = []
        for part in parts {
            guard (1...3).contains(part.count), part.allSatisfy(\.isASCIIDigit),
                part.count == 1 || part.first != "0", let value = UInt8(part)
            else { return nil }
            bytes.append(value)
        }
        return bytes
    }

    private static func ipv6Bytes(_ text: Substring) -> [UInt8]? {
        let halves = text.split(separator: "::", omittingEmptySubsequences: false)
        guard halves.count <= 2 else { return nil }
        guard let head = groups(halves[0], allowsIPv4Tail: halves.count == 1) else { return nil }
        var bytes = head
        if halves.count == 2 {
            guard let tail = groups(halves[1], allowsIPv4Tail: true), head.count + tail.count <= 14 else { return nil }
            bytes += [UInt8](repeating: 0, count: 16 - head.count - tail.count) + tail
        }
        return bytes.count == 16 ? bytes : nil
    }

    /// The bytes of colon-separated hex groups, the last of which may be a dotted IPv4 address.
    private static func groups(_ text: Substring, allowsIPv4Tail: Bool) -> [UInt8]? {
        guard !text.isEmpty else { return [] }
        let parts = text.split(separator: ":", omittingEmptySubsequences: false)
        var bytes: [UInt8] = []
        for (index, part) in parts.enumerated() {
            if index == parts.count - 1, allowsIPv4Tail, part.contains(".") {
                guard let ipv4 = ipv4Bytes(part) else { return nil }
                bytes += ipv4
            } else {
                guard (1...4).contains(part.count), part.allSatisfy(\.isHexDigit), let value = UInt16(part, radix: 16)
                else {
                    return nil
                }
                bytes += [UInt8(value >> 8), UInt8(value & 0xFF)]
            }
        }
        return bytes
    }
}

extension Character {
    /// True for `0` to `9` only.
    var isASCIIDigit: Bool { isASCII && isWholeNumber }
}
