import Foundation
import OrderedJSON

extension CloudTrailClient {
    /// `cloudtrail list-public-keys --start-time --end-time`, every page (NextToken followed), as one answer in the
    /// wire form: `{"PublicKeyList": [{"Value": base64 DER, "ValidityStartTime": epoch s, "ValidityEndTime": …,
    /// "Fingerprint": hex}]}`.
    public func listPublicKeys(startTime: Date, endTime: Date, region: String) async throws -> JSONValue {
        var keys: [JSONValue] = []
        var token: String?
        repeat {
            var input: JSONValue = [
                "StartTime": .int(Int(startTime.timeIntervalSince1970)),
                "EndTime": .int(Int(endTime.timeIntervalSince1970)),
            ]
            if let token { input["NextToken"] = .string(token) }
            let page = try await json.call("ListPublicKeys", input, region: region)
            if case .array(let list)? = page["PublicKeyList"] { keys += list }
            token = page["NextToken"]?.stringValue
        } while token != nil
        return ["PublicKeyList": .array(keys)]
    }
}
