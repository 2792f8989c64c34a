import Foundation

/// The modulus and exponent of an RSA public key in DER, as PKCS #1 `RSAPublicKey` or as a SubjectPublicKeyInfo
/// (RFC 8017 appendix A.1.1, RFC 5280 section 4.1): every length within its parent; bytes after the key are
/// ignored, as the AWS CLI's key loader ignores them. Keys are built from these numbers instead of handing unchecked DER to the crypto library, whose DER
/// loader frees its key twice when the bytes do not parse (swift-crypto 3.12, `_RSA.Signing.PublicKey`).
struct RSAPublicKeyDER: Equatable {
    /// Big-endian, without leading zero bytes.
    var modulus: [UInt8]
    var exponent: [UInt8]

    /// The modulus's size in bits.
    var bits: Int {
        guard let first = modulus.first else { return 0 }
        return (modulus.count - 1) * 8 + (8 - first.leadingZeroBitCount)
    }

    /// The numbers of the key `der` begins with; nil unless that is a well-formed key of either form.
    init?(_ der: Data) {
        var reader = DERReader(bytes: [UInt8](der))
        guard let outer = reader.read(tag: 0x30) else { return nil }
        var fields = DERReader(bytes: outer)
        if fields.peekTag == 0x30 {
            guard let algorithm = fields.read(tag: 0x30), Self.isRSAEncryption(algorithm),
                let bitString = fields.read(tag: 0x03), fields.isAtEnd, bitString.first == 0
            else { return nil }
            var inner = DERReader(bytes: Array(bitString.dropFirst()))
            guard let key = inner.read(tag: 0x30), inner.isAtEnd else { return nil }
            fields = DERReader(bytes: key)
        }
        guard let modulus = fields.readPositiveInteger(), let exponent = fields.readPositiveInteger(), fields.isAtEnd
        else { return nil }
        self.modulus = modulus
        self.exponent = exponent
    }

    /// `rsaEncryption` (1.2.840.113549.1.1.1), with NULL parameters or none.
    private static func isRSAEncryption(_ algorithm: [UInt8]) -> Bool {
        var reader = DERReader(bytes: algorithm)
        guard reader.read(tag: 0x06) == [0x2A, 0x86, 0x48, 0x86, 0xF7, 0x0D, 0x01, 0x01, 0x01] else { return false }
        if reader.isAtEnd { return true }
        return reader.read(tag: 0x05) == [] && reader.isAtEnd
    }
}

/// Reads DER tag-length-value items in order.
private struct DERReader {
    let bytes: [UInt8]
    var index = 0

    var isAtEnd: Bool { index == bytes.count }
    var peekTag: UInt8? { index < bytes.count ? bytes[index] : nil }

    /// The contents of the next item if its tag is `tag` and its definite length fits.
    mutating func read(tag: UInt8) -> [UInt8]? {
        guard peekTag == tag, index + 1 < bytes.count else { return nil }
        var position = index + 1
        var length = Int(bytes[position])
        position += 1
        if length & 0x80 != 0 {
            let count = length & 0x7F
            guard (1...4).contains(count), position + count <= bytes.count else { return nil }
            length = bytes[position..<position + count].reduce(0) { $0 << 8 | Int($1) }
            position += count
        }
        guard length <= bytes.count - position else { return nil }
        index = position + length
        return Array(bytes[position..<index])
    }

    /// The next INTEGER without its leading zero bytes; nil if it is missing, empty, zero or negative.
    mutating func readPositiveInteger() -> [UInt8]? {
        guard let value = read(tag: 0x02), let first = value.first, first & 0x80 == 0 else { return nil }
        let magnitude = Array(value.drop { $0 == 0 })
        return magnitude.isEmpty ? nil : magnitude
    }
}
