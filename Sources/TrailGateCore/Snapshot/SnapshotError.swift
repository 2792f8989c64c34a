/// A snapshot that cannot be used: the JSON path of the offending value and why.
public struct SnapshotError: Error, Sendable, Equatable, CustomStringConvertible {
    /// A JSON path such as `$.trails[0].trail.IsMultiRegionTrail`.
    public var path: String
    /// What is wrong, in one phrase.
    public var reason: String

    public init(path: String, reason: String) {
        self.path = path
        self.reason = reason
    }

    init(decodingError: DecodingError) {
        switch decodingError {
        case let .typeMismatch(type, context):
            self.init(path: Self.path(context.codingPath), reason: "expected \(Self.describe(type))")
        case let .valueNotFound(type, context):
            self.init(path: Self.path(context.codingPath), reason: "expected \(Self.describe(type)), found null")
        case let .keyNotFound(key, context):
            self.init(path: Self.path(context.codingPath + [key]), reason: "required field is missing")
        case let .dataCorrupted(context):
            let reason = context.codingPath.isEmpty ? "not valid JSON" : context.debugDescription
            self.init(path: Self.path(context.codingPath), reason: reason)
        @unknown default:
            self.init(path: "$", reason: "\(decodingError)")
        }
    }

    public var description: String { "\(path): \(reason)" }

    static func path(_ codingPath: [any CodingKey]) -> String {
        var out = "$"
        for key in codingPath {
            if let index = key.intValue {
                out += "[\(index)]"
            } else if key.stringValue.allSatisfy({ $0.isLetter || $0.isNumber || $0 == "_" })
                && !key.stringValue.isEmpty
            {
                out += "." + key.stringValue
            } else {
                out += "[\"\(key.stringValue)\"]"
            }
        }
        return out
    }

    private static func describe(_ type: Any.Type) -> String {
        switch type {
        case is Bool.Type: return "a boolean"
        case is Int.Type, is Double.Type: return "a number"
        case is String.Type: return "a string"
        default:
            let name = String(describing: type)
            if name.hasPrefix("Array") { return "an array" }
            if name.hasPrefix("Dictionary") { return "an object" }
            return "an object"
        }
    }
}
