import Foundation
import OrderedJSON

/// The shape of an AWS response member, as botocore's service models describe it: enough to turn REST-XML and
/// query answers into the JSON the AWS CLI prints. Timestamps stay as AWS wrote them, as the AWS CLI v1 prints
/// them by default (`cli_timestamp_format = none`).
public indirect enum ResponseShape: Sendable {
    /// Members in model order: the CLI's key, the XML element name, the member's shape.
    case structure([(key: String, xmlName: String, shape: ResponseShape)])
    /// A list. Flattened lists repeat the member element in the parent; others wrap `member` elements.
    case list(ResponseShape, member: String, flattened: Bool)
    case string
    case integer
    case boolean
    case timestamp
    /// An IAM policy document: URL-encoded JSON in the XML, printed by the AWS CLI as the JSON it decodes to (text
    /// that does not decode stays text).
    case policyDocument

    /// A structure whose members have XML names other than their keys: `(key, xmlName, shape)`.
    static func renamed(_ members: [(String, String, ResponseShape)]) -> ResponseShape {
        .structure(members.map { (key: $0.0, xmlName: $0.1, shape: $0.2) })
    }

    /// A structure whose members keep their key as XML name.
    static func members(_ members: [(String, ResponseShape)]) -> ResponseShape {
        .structure(members.map { (key: $0.0, xmlName: $0.0, shape: $0.1) })
    }

    /// Converts an XML element of this shape into the AWS CLI's JSON (an integer that does not parse stays text).
    public func json(from element: XMLDocumentTree) -> JSONValue {
        switch self {
        case .structure(let members):
            var object: [(key: String, value: JSONValue)] = []
            for member in members {
                if case .list(let item, _, true) = member.shape {
                    let elements = element.children(member.xmlName)
                    if !elements.isEmpty { object.append((member.key, .array(elements.map { item.json(from: $0) }))) }
                } else if let child = element.child(member.xmlName) {
                    object.append((member.key, member.shape.json(from: child)))
                }
            }
            return .object(object)
        case .list(let item, let memberName, let flattened):
            let elements = flattened ? [element] : element.children(memberName)
            return .array(elements.map { item.json(from: $0) })
        case .string, .timestamp:
            return .string(element.text)
        case .integer:
            return Int(element.text).map(JSONValue.int) ?? .string(element.text)
        case .boolean:
            return .bool(element.text.lowercased() == "true")
        case .policyDocument:
            guard let decoded = element.text.removingPercentEncoding, let document = try? JSONValue.parse(decoded)
            else { return .string(element.text) }
            return document
        }
    }
}
