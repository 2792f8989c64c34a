import OrderedJSON

extension ResponseShape {
    /// The S3 namespace every REST-XML request body is written in.
    static let s3Namespace = "http://s3.amazonaws.com/doc/2006-03-01/"

    /// Writes `json`, in the AWS CLI's shape, as the REST-XML element `root` of this shape: members in model
    /// order, lists as the model lays them out, keys the model does not know left out.
    func xml(from json: JSONValue, root: String, namespace: String? = ResponseShape.s3Namespace) -> String {
        let attributes = namespace.map { " xmlns=\"\($0)\"" } ?? ""
        return "<?xml version=\"1.0\" encoding=\"UTF-8\"?><\(root)\(attributes)>\(content(of: json))</\(root)>"
    }

    /// The inside of an element of this shape holding `json`.
    private func content(of json: JSONValue) -> String {
        switch self {
        case .structure(let members):
            var out = ""
            for member in members {
                guard let value = json[member.key] else { continue }
                switch member.shape {
                case .list(let item, _, true):
                    for element in value.arrayValue ?? [] {
                        out += Self.element(member.xmlName, item.content(of: element))
                    }
                default:
                    out += Self.element(member.xmlName, member.shape.content(of: value))
                }
            }
            return out
        case .list(let item, let memberName, _):
            return (json.arrayValue ?? []).map { Self.element(memberName, item.content(of: $0)) }.joined()
        case .string, .timestamp, .policyDocument:
            return Self.escaped(json.stringValue ?? json.serialized())
        case .integer:
            return json.stringValue ?? json.serialized()
        case .boolean:
            return json.boolValue.map { $0 ? "true" : "false" } ?? json.stringValue ?? "false"
        }
    }

    private static func element(_ name: String, _ content: String) -> String { "<\(name)>\(content)</\(name)>" }

    private static func escaped(_ text: String) -> String {
        var out = ""
        for character in text {
            switch character {
            case "&": out += "&amp;"
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            case "\"": out += "&quot;"
            case "'": out += "&apos;"
            default: out.append(character)
            }
        }
        return out
    }
}
