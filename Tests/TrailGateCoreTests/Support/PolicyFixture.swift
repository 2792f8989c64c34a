import OrderedJSON
import Testing

/// Bucket and key policies for tests. A snapshot holds each policy as JSON text in `{"Policy": "<json string>"}`;
/// these helpers parse that text, edit it as `JSONValue` and serialize it back.
extension Fixture {
    /// The `ready` example's delivery bucket.
    static let bucketName = "acme-org-trail-logs"
    /// The `ready` example's trail key, which is also its bucket's default key.
    static let keyARN = "arn:aws:kms:us-east-1:111122223333:key/1234abcd-12ab-34cd-56ef-1234567890ab"

    /// The policy document held as text in a `{"Policy": …}` slot.
    static func policyDocument(_ slot: JSONValue?) throws -> JSONValue {
        try JSONValue.parse(try #require(slot?["Policy"]?.stringValue))
    }

    /// A `get-bucket-policy` / `get-key-policy` answer holding `document` as text.
    static func policySlot(_ document: JSONValue) -> JSONValue {
        ["Policy": .string(document.serialized())]
    }

    /// `json` with its delivery bucket's policy document edited.
    static func editingBucketPolicy(_ json: JSONValue, _ edit: (inout JSONValue) -> Void) throws -> JSONValue {
        var json = json
        var document = try policyDocument(json["buckets"]?[bucketName]?["policy"])
        edit(&document)
        json["buckets"]![bucketName]!["policy"] = policySlot(document)
        return json
    }

    /// `json` with the trail key's policy document edited.
    static func editingKeyPolicy(_ json: JSONValue, _ edit: (inout JSONValue) -> Void) throws -> JSONValue {
        var json = json
        var document = try policyDocument(json["keys"]?[keyARN]?["policy"])
        edit(&document)
        json["keys"]![keyARN]!["policy"] = policySlot(document)
        return json
    }

    /// The `ready` snapshot with its bucket policy document edited.
    static func readyBucketPolicy(_ edit: (inout JSONValue) -> Void) throws -> JSONValue {
        try editingBucketPolicy(try ready(), edit)
    }

    /// The `ready` snapshot with its key policy document edited.
    static func readyKeyPolicy(_ edit: (inout JSONValue) -> Void) throws -> JSONValue {
        try editingKeyPolicy(try ready(), edit)
    }
}

extension JSONValue {
    /// The statement of a policy document with this `Sid`; setting nil removes it.
    subscript(sid sid: String) -> JSONValue? {
        get { statements.first { $0["Sid"]?.stringValue == sid } }
        set {
            guard let index = statements.firstIndex(where: { $0["Sid"]?.stringValue == sid }) else { return }
            self["Statement"]![index] = newValue
        }
    }

    /// Appends a statement to a policy document.
    mutating func append(statement: JSONValue) {
        self["Statement"] = .array(statements + [statement])
    }

    /// The statements of a policy document.
    private var statements: [JSONValue] {
        guard case .array(let statements)? = self["Statement"] else { return [] }
        return statements
    }
}
