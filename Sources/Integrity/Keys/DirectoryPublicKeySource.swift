import Foundation
import OrderedJSON
import TrailGateBasics

/// Public keys saved per Region as ListPublicKeys answers, as a local mirror holds them:
/// `FOLDER/<region>/list-public-keys.json`. A Region without the file has no keys.
public struct DirectoryPublicKeySource: PublicKeySource {
    public var folder: URL

    public init(folder: URL) {
        self.folder = folder
    }

    public func publicKeys(region: String, from: Timestamp, to: Timestamp) async throws -> [PublicKeyRecord] {
        let url = folder.appendingPathComponent(region).appendingPathComponent("list-public-keys.json")
        guard FileManager.default.fileExists(atPath: url.path) else { return [] }
        do {
            let json = try JSONValue.parse(try Data(contentsOf: url))
            return try PublicKeyRecord.list(fromListPublicKeys: json).filter { $0.isValid(between: from, and: to) }
        } catch let error as JSONParseError {
            throw PublicKeyListError(reason: "\(url.path): \(error.description)")
        } catch let error as PublicKeyListError {
            throw PublicKeyListError(reason: "\(url.path): \(error.reason)")
        }
    }
}
