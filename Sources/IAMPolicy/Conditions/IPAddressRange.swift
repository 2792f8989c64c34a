/// A CIDR block such as `203.0.113.0/24` or `2001:DB8:1234:5678::/64`, as written in `IpAddress` conditions.
///
/// A bare address is a `/32` or `/128` block. Host bits below the prefix are ignored. An IPv4-mapped block
/// (`::ffff:203.0.113.0/120`) is the IPv4 block it maps (`203.0.113.0/24`); an IPv6 block never contains an
/// IPv4 address, and an IPv4 block never contains an IPv6 one.
public struct IPAddressRange: Sendable, Hashable {
    /// The first address of the block.
    public let network: IPAddress
    /// The number of leading bits every address in the block shares with `network`.
    public let prefixLength: Int

    /// Parses `address/prefix` or a bare address; nil when either part is malformed or the prefix is too long.
    public init?(_ text: String) {
        let parts = text.split(separator: "/", maxSplits: 1, omittingEmptySubsequences: false)
        guard var bytes = IPAddress.unmappedBytes(String(parts[0])) else { return nil }
        var prefixLength = bytes.count * 8
        if parts.count == 2 {
            let digits = parts[1]
            guard (1...3).contains(digits.count), digits.allSatisfy(\.isASCIIDigit),
                digits.count == 1 || digits.first != "0",
                let length = Int(digits), length <= prefixLength
            else { return nil }
            prefixLength = length
        }
        if IPAddress.isIPv4Mapped(bytes), prefixLength >= 96 {
            bytes = Array(bytes[12...])
            prefixLength -= 96
        }
        self.network = IPAddress(bytes: Self.masked(bytes, prefixLength: prefixLength))
        self.prefixLength = prefixLength
    }

    /// True when `address` is in the block.
    public func contains(_ address: IPAddress) -> Bool {
        address.bytes.count == network.bytes.count
            && Self.masked(address.bytes, prefixLength: prefixLength) == network.bytes
    }

    private static func masked(_ bytes: [UInt8], prefixLength: Int) -> [UInt8] {
        bytes.enumerated().map { index, byte in
            let kept = min(max(prefixLength - index * 8, 0), 8)
            return kept == 0 ? 0 : byte & ~UInt8(0xFF >> kept)
        }
    }
}
