/// The condition keys of a request and their values. Key names are case-insensitive, as in IAM.
public struct RequestContext: Sendable, Equatable {
    /// A key's value: single-valued, or a set for multivalued keys such as `aws:CalledVia`.
    public enum Value: Sendable, Equatable {
        case single(String)
        case multiple([String])

        /// The values as a list (one element for a single value).
        public var values: [String] {
            switch self {
            case .single(let value): return [value]
            case .multiple(let values): return values
            }
        }
    }

    private var entries: [String: (name: String, value: Value)] = [:]

    public init() {}

    public init(_ values: [String: Value]) {
        for (key, value) in values { self[key] = value }
    }

    public static func == (lhs: RequestContext, rhs: RequestContext) -> Bool {
        lhs.entries.count == rhs.entries.count
            && lhs.entries.allSatisfy { key, entry in rhs.entries[key]?.value == entry.value }
    }

    /// The value of `key`, matched case-insensitively; nil when the key is missing.
    public subscript(key: String) -> Value? {
        get { entries[key.lowercased()]?.value }
        set {
            if let newValue { entries[key.lowercased()] = (key, newValue) } else { entries[key.lowercased()] = nil }
        }
    }

    /// The keys present, as they were set, sorted.
    public var keys: [String] { entries.values.map(\.name).sorted() }
}
