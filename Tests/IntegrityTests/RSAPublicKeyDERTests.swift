import Foundation
import Testing
import _CryptoExtras

@testable import Integrity

@Suite("RSA public key DER")
struct RSAPublicKeyDERTests {
    @Test("PKCS #1 and SubjectPublicKeyInfo forms give the key's modulus and exponent")
    func bothForms() throws {
        let key = TrailBuilder.key.publicKey
        let pkcs1 = try #require(RSAPublicKeyDER(key.pkcs1DERRepresentation))
        let spki = try #require(RSAPublicKeyDER(key.derRepresentation))
        #expect(pkcs1 == spki)
        #expect(pkcs1.bits == 2048)
        #expect(pkcs1.exponent == [0x01, 0x00, 0x01])
        let primitives = try key.getKeyPrimitives()
        #expect(Data(pkcs1.modulus) == primitives.modulus.drop { $0 == 0 })
    }

    @Test(
        "truncated, mistagged, short or negative input is refused",
        arguments: [
            "", "30", "3000", "300302017f", "3006020101020181", "30060201010201ff", "30820000", "308500000000000201",
            "3003020101", "0206020101020101",
        ])
    func refused(hex: String) {
        let bytes = stride(from: 0, to: hex.count, by: 2).map {
            UInt8(
                hex[hex.index(hex.startIndex, offsetBy: $0)..<hex.index(hex.startIndex, offsetBy: $0 + 2)], radix: 16)!
        }
        #expect(RSAPublicKeyDER(Data(bytes)) == nil)
    }
}
