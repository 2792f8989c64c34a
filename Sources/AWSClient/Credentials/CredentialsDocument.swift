import Foundation
import OrderedJSON

/// Reading the JSON credential documents of `credential_process`, the container endpoint and IMDS, and their
/// ISO 8601 times. Errors say what is wrong, never what the document holds.
enum CredentialsDocument {
    struct Invalid: Error {
        var reason: String
    }

    /// An ISO 8601 time such as `2024-05-01T12:00:00Z`, `2024-05-01T12:00:00.123Z` or `2024-05-01T12:00:00+02:00`.
    static func parseTime(_ text: String) -> Date? {
        let trimmed = text.trimmingCharacters(in: .whitespaces)
        let formatter = ISO8601DateFormatter()
        formatter.formatOptions = [.withInternetDateTime]
        if let date = formatter.date(from: trimmed) { return date }
        formatter.formatOptions = [.withInternetDateTime, .withFractionalSeconds]
        return formatter.date(from: trimmed)
    }

    /// The JSON object in `data`.
    static func object(_ data: Data) throws(Invalid) -> JSONValue {
        let value: JSONValue
        do {
            value = try JSONValue.parse(data)
        } catch {
            throw Invalid(reason: "not JSON (\(error.description))")
        }
        guard case .object = value else { throw Invalid(reason: "not a JSON object") }
        return value
    }

    /// The string member `key` of `object`; throws when it is required and missing, empty or not a string.
    static func string(_ object: JSONValue, _ key: String, required: Bool) throws(Invalid) -> String? {
        guard let member = object[key], member != .null else {
            if required { throw Invalid(reason: "\(key) is missing") }
            return nil
        }
        guard let text = member.stringValue else { throw Invalid(reason: "\(key) is not a string") }
        if text.isEmpty {
            if required { throw Invalid(reason: "\(key) is empty") }
            return nil
        }
        return text
    }

    /// Credentials from a document with `AccessKeyId`, `SecretAccessKey`, the token under `tokenKey` and an
    /// optional ISO 8601 `Expiration`.
    static func credentials(
        _ object: JSONValue, tokenKey: String, tokenRequired: Bool,
        expirationRequired: Bool
    ) throws(Invalid) -> AWSCredentials {
        let accessKeyId = try string(object, "AccessKeyId", required: true)!
        let secret = try string(object, "SecretAccessKey", required: true)!
        let token = try string(object, tokenKey, required: tokenRequired)
        var expiration: Date?
        if let text = try string(object, "Expiration", required: expirationRequired) {
            guard let date = parseTime(text) else { throw Invalid(reason: "Expiration is not an ISO 8601 time") }
            expiration = date
        }
        return AWSCredentials(
            accessKeyId: accessKeyId, secretAccessKey: secret, sessionToken: token, expiration: expiration)
    }
}
