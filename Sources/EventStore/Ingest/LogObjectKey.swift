/// What an object key (or file path) in the CloudTrail S3 layout says about its contents:
/// `[prefix/]AWSLogs/[o-…/]<account>/CloudTrail[-Insight|-Digest]/<region>/YYYY/MM/DD/<file>`.
public struct LogObjectKey: Sendable, Equatable {
    public enum Kind: Sendable, Equatable {
        /// `CloudTrail/`: management and data events.
        case events
        /// `CloudTrail-Insight/`: Insights events, read like other events.
        case insight
        /// `CloudTrail-Digest/`: integrity digests, never ingested.
        case digest
    }

    public var kind: Kind
    public var organizationId: String?
    public var account: String
    public var region: String
    /// The delivery day, `YYYY/MM/DD`.
    public var date: String

    /// Reads the layout from a key or path; nil when it does not follow it (a single file named on its own). The
    /// key is read as bytes: a tree walk reads one per file.
    public init?(_ key: String) {
        let parts = key.utf8.split(separator: UInt8(ascii: "/"), omittingEmptySubsequences: false)
        guard let logs = parts.lastIndex(where: { $0.elementsEqual("AWSLogs".utf8) }) else { return nil }
        var index = logs + 1
        var organization: String?
        if index < parts.count, parts[index].starts(with: "o-".utf8) {
            organization = String(Substring(parts[index]))
            index += 1
        }
        // account, CloudTrail*, region, YYYY, MM, DD, file
        guard parts.count - index >= 7 else { return nil }
        func digits(_ part: Substring.UTF8View, _ count: Int) -> Bool {
            part.count == count && part.allSatisfy { $0 >= UInt8(ascii: "0") && $0 <= UInt8(ascii: "9") }
        }
        guard digits(parts[index], 12) else { return nil }
        let folder = parts[index + 1]
        if folder.elementsEqual("CloudTrail".utf8) {
            kind = .events
        } else if folder.elementsEqual("CloudTrail-Insight".utf8) {
            kind = .insight
        } else if folder.elementsEqual("CloudTrail-Digest".utf8) {
            kind = .digest
        } else {
            return nil
        }
        let (year, month, day) = (parts[index + 3], parts[index + 4], parts[index + 5])
        guard digits(year, 4), digits(month, 2), digits(day, 2) else { return nil }
        organizationId = organization
        account = String(Substring(parts[index]))
        region = String(Substring(parts[index + 2]))
        date = "\(Substring(year))/\(Substring(month))/\(Substring(day))"
    }

    /// True for names CloudTrail gives digest files, wherever they lie.
    public static func isDigestName(_ key: String) -> Bool {
        var key = key
        return key.withUTF8 { bytes in
            ScanPrefilter.contains(bytes, Array("/CloudTrail-Digest/".utf8))
                || ScanPrefilter.contains(bytes, Array("_CloudTrail-Digest_".utf8))
        }
    }
}

extension Character {
    var isASCIIDigit: Bool { isASCII && isNumber }
}
