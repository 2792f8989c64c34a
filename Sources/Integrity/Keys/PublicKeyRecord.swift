import Crypto
import Foundation
import OrderedJSON
import TrailGateBasics

/// One entry of a ListPublicKeys answer.
public struct PublicKeyRecord: Sendable, Hashable {
    /// The DER bytes: the wire's base64 `Value` decoded once (PKCS#1 `RSAPublicKey` from CloudTrail; SPKI accepted too).
    public var der: Data
    /// `Fingerprint` as AWS gave it: the hex MD5 of `der`, lowercase.
    public var fingerprint: String
    public var validityStart: Timestamp?
    public var validityEnd: Timestamp?

    public init(der: Data, fingerprint: String, validityStart: Timestamp?, validityEnd: Timestamp?) {
        self.der = der
        self.fingerprint = fingerprint
        self.validityStart = validityStart
        self.validityEnd = validityEnd
    }

    /// The hex MD5 of ``der``, which must equal ``fingerprint``.
    public var computedFingerprint: String {
        Insecure.MD5.hash(data: der).map { String($0, radix: 16).leftPadded(2) }.joined()
    }

    /// True when the key's validity period overlaps `[from, to]` (unknown bounds are open), as ListPublicKeys selects.
    public func isValid(between from: Timestamp, and to: Timestamp) -> Bool {
        (validityStart.map { $0 <= to } ?? true) && (validityEnd.map { $0 >= from } ?? true)
    }

    /// Reads the `PublicKeyList` of a ListPublicKeys answer in its wire form: `Value` base64, times epoch seconds
    /// (numbers) or ISO 8601 strings (the AWS CLI's output).
    public static func list(fromListPublicKeys json: JSONValue) throws -> [PublicKeyRecord] {
        guard case .array(let entries)? = json["PublicKeyList"] else {
            throw PublicKeyListError(reason: "no PublicKeyList array")
        }
        return try entries.enumerated().map { index, entry in
            guard let value = entry["Value"]?.stringValue, let fingerprint = entry["Fingerprint"]?.stringValue else {
                throw PublicKeyListError(reason: "PublicKeyList[\(index)] lacks Value or Fingerprint")
            }
            return PublicKeyRecord(
                der: Data(base64Encoded: value, options: .ignoreUnknownCharacters) ?? Data(),
                fingerprint: fingerprint,
                validityStart: time(entry["ValidityStartTime"]), validityEnd: time(entry["ValidityEndTime"]))
        }
    }

    private static func time(_ value: JSONValue?) -> Timestamp? {
        switch value {
        case .int(let seconds)?: return Timestamp(seconds: Int64(seconds))
        case .double(let seconds)?: return Timestamp(seconds: Int64(seconds.rounded(.down)))
        case .string(let text)?: return Timestamp.parse(text)
        default: return nil
        }
    }
}

/// A ListPublicKeys answer that cannot be read.
public struct PublicKeyListError: Error, Sendable, CustomStringConvertible {
    public var reason: String
    public var description: String { "unreadable ListPublicKeys answer: \(reason)" }
}

/// Where public keys come from: CloudTrail's ListPublicKeys in a Region, or a saved answer.
public protocol PublicKeySource: Sendable {
    /// The keys of `region` whose validity overlaps `[from, to]`, every page.
    func publicKeys(region: String, from: Timestamp, to: Timestamp) async throws -> [PublicKeyRecord]
}

/// Keys known in advance, per Region (a saved ListPublicKeys answer, or a test's keys); filtered by validity.
public struct StaticPublicKeySource: PublicKeySource {
    public var keysByRegion: [String: [PublicKeyRecord]]
    /// Keys offered in every Region (`--public-keys FILE`).
    public var everywhere: [PublicKeyRecord]

    public init(keysByRegion: [String: [PublicKeyRecord]] = [:], everywhere: [PublicKeyRecord] = []) {
        self.keysByRegion = keysByRegion
        self.everywhere = everywhere
    }

    public func publicKeys(region: String, from: Timestamp, to: Timestamp) async throws -> [PublicKeyRecord] {
        ((keysByRegion[region] ?? []) + everywhere).filter { $0.isValid(between: from, and: to) }
    }
}

extension String {
    func leftPadded(_ width: Int) -> String {
        count >= width ? self : String(repeating: "0", count: width - count) + self
    }
}
