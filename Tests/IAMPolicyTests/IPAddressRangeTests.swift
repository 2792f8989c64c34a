import IAMPolicy
import Testing

@Suite("IP addresses and CIDR ranges")
struct IPAddressRangeTests {
    @Test(
        "valid ranges and their prefix lengths",
        arguments: [
            ("203.0.113.0/24", 24, true),
            ("203.0.113.7", 32, true),
            ("0.0.0.0/0", 0, true),
            ("2001:DB8:1234:5678::/64", 64, false),
            ("2001:db8::", 128, false),
            ("::/0", 0, false),
            ("::1", 128, false),
            ("1:2:3:4:5:6:7:8/127", 127, false),
            ("64:ff9b::192.0.2.33", 128, false),
            ("::ffff:203.0.113.0/120", 24, true),
            ("::ffff:203.0.113.9", 32, true),
            ("::ffff:0:0/80", 80, false),
        ])
    func valid(_ text: String, _ prefixLength: Int, _ isIPv4: Bool) throws {
        let range = try #require(IPAddressRange(text))
        #expect(range.prefixLength == prefixLength)
        #expect(range.network.isIPv4 == isIPv4)
    }

    @Test(
        "malformed ranges are rejected",
        arguments: [
            "", "203.0.113.0/33", "203.0.113/24", "256.0.0.1", "01.2.3.4", "1.2.3.4/", "1.2.3.4/024", "1.2.3.4/-1",
            "1.2.3.4/24/1", " 1.2.3.4", "1.2.3.4 ", "2001:db8::/129", "1::2::3", "12345::", "fe80::1%eth0",
            ":1:2:3:4:5:6:7", "1:2:3:4:5:6:7:8:9", "1:2:3:4:5:6:7::8", "1:2:3:4:5:6:7", "1.2.3.4::", "::1.2.3.4.5",
            "g::1", ":::", "vpce-1a2b3c4d",
        ])
    func invalid(_ text: String) {
        #expect(IPAddressRange(text) == nil)
    }

    @Test("host bits below the prefix are ignored")
    func hostBits() throws {
        let range = try #require(IPAddressRange("203.0.113.77/20"))
        #expect(range.network == IPAddress("203.0.112.0"))
        #expect(IPAddressRange("2001:db8::ffff/112")?.network == IPAddress("2001:db8::"))
    }

    @Test("an IPv4-mapped address is its IPv4 address")
    func mapped() {
        #expect(IPAddress("::ffff:203.0.113.9") == IPAddress("203.0.113.9"))
        #expect(IPAddress("::FFFF:cb00:7109") == IPAddress("203.0.113.9"))
        #expect(IPAddress("2001:db8::1")?.bytes.count == 16)
    }

    @Test(
        "containment",
        arguments: [
            ("203.0.113.0/24", "203.0.113.0", true),
            ("203.0.113.0/24", "203.0.113.255", true),
            ("203.0.113.0/24", "203.0.114.0", false),
            ("203.0.113.128/25", "203.0.113.127", false),
            ("203.0.113.128/25", "203.0.113.200", true),
            ("10.0.0.0/8", "10.255.255.255", true),
            ("0.0.0.0/0", "198.51.100.1", true),
            ("0.0.0.0/0", "2001:db8::1", false),
            ("::/0", "198.51.100.1", false),
            ("::/0", "2001:db8::1", true),
            ("2001:DB8:1234:5678::/64", "2001:db8:1234:5678:ffff:ffff:ffff:ffff", true),
            ("2001:DB8:1234:5678::/64", "2001:db8:1234:5679::", false),
            ("2001:db8::/33", "2001:db8:7fff::1", true),
            ("2001:db8::/33", "2001:db8:8000::1", false),
            ("203.0.113.0/24", "::ffff:203.0.113.50", true),
            ("::ffff:203.0.113.0/120", "203.0.113.50", true),
            ("::ffff:0:0/96", "198.51.100.1", true),
            ("2001:db8::1", "2001:0db8:0000:0000:0000:0000:0000:0001", true),
        ])
    func contains(_ range: String, _ address: String, _ expected: Bool) throws {
        let block = try #require(IPAddressRange(range))
        let ip = try #require(IPAddress(address))
        #expect(block.contains(ip) == expected)
    }
}
