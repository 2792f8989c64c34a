/// The answer to one AWS read call in a snapshot: the response, the AWS error it returned, or nothing collected.
public enum Slot<Value: Sendable>: Sendable {
    case value(Value)
    case error(AWSErrorInfo)
    case absent

    /// The response, when the call succeeded.
    public var value: Value? {
        if case .value(let v) = self { return v }
        return nil
    }

    /// The AWS error, when the call failed.
    public var error: AWSErrorInfo? {
        if case .error(let e) = self { return e }
        return nil
    }
}

/// An AWS error as recorded in a snapshot slot: `{"Error": {"Code": "...", "Message": "..."}}`.
public struct AWSErrorInfo: Sendable, Codable, Equatable {
    /// The AWS error code, e.g. `AccessDenied` or `NoSuchLifecycleConfiguration`.
    public var code: String
    /// The error message AWS returned, if any.
    public var message: String?

    public init(code: String, message: String? = nil) {
        self.code = code
        self.message = message
    }

    enum CodingKeys: String, CodingKey {
        case code = "Code"
        case message = "Message"
    }

    /// `Code (Message)`, or just the code.
    public var description: String {
        var text = message ?? ""
        while text.hasSuffix(".") { text.removeLast() }
        return text.isEmpty ? code : "\(code) (\(text))"
    }

    /// True for the codes that mean the caller lacks permission rather than that the thing is missing.
    public var isAccessDenied: Bool {
        ["AccessDenied", "AccessDeniedException", "UnauthorizedOperation", "AuthorizationError"].contains(code)
    }
}

private struct ErrorProbe: Decodable {
    var error: AWSErrorInfo?

    enum CodingKeys: String, CodingKey {
        case error = "Error"
    }

    init(from decoder: any Decoder) throws {
        guard let container = try? decoder.container(keyedBy: CodingKeys.self) else { return }
        error = try container.decodeIfPresent(AWSErrorInfo.self, forKey: .error)
    }
}

extension KeyedDecodingContainer {
    /// Decodes a snapshot slot: absent or null, an `{"Error": …}` object, or the response itself.
    func decodeSlot<T: Decodable & Sendable>(_ type: T.Type, forKey key: Key) throws -> Slot<T> {
        guard contains(key), try !decodeNil(forKey: key) else { return .absent }
        if let error = try decode(ErrorProbe.self, forKey: key).error { return .error(error) }
        return .value(try decode(T.self, forKey: key))
    }
}
