import Foundation

/// An error answer from an AWS service, decoded from its JSON or XML body.
public struct AWSServiceError: Error, Sendable, Equatable, CustomStringConvertible {
    /// E.g. `CloudTrail`, `S3`.
    public var service: String
    /// E.g. `GetTrailStatus`.
    public var operation: String
    public var statusCode: Int
    /// The AWS error code, e.g. `AccessDenied`, `ThrottlingException`.
    public var code: String
    public var message: String?
    public var requestId: String?

    public init(
        service: String, operation: String, statusCode: Int, code: String, message: String? = nil,
        requestId: String? = nil
    ) {
        self.service = service
        self.operation = operation
        self.statusCode = statusCode
        self.code = code
        self.message = message
        self.requestId = requestId
    }

    public var description: String {
        var text = "\(service) \(operation) failed with \(code)"
        if let message, !message.isEmpty { text += ": \(message)" }
        if let requestId { text += " (request id \(requestId))" }
        return text
    }

    /// Decodes an error body: JSON (`__type`/`code`, `message`/`Message`) or XML (`<Error><Code>`, query `ErrorResponse`).
    public static func decode(_ response: HTTPResponse, service: String, operation: String) -> AWSServiceError {
        let requestId = response.header("x-amzn-RequestId") ?? response.header("x-amz-request-id")
        var code: String?
        var message: String?
        var bodyRequestId: String?
        if let object = try? JSONSerialization.jsonObject(with: response.body) as? [String: Any] {
            code = (object["__type"] as? String ?? object["code"] as? String ?? object["Code"] as? String)
                .map { String($0.split(separator: "#").last ?? Substring($0)) }
            message = object["message"] as? String ?? object["Message"] as? String
        } else if let document = try? XMLDocumentTree.parse(response.body) {
            let error = document.first("Error") ?? document
            code = error.child("Code")?.text
            message = error.child("Message")?.text
            bodyRequestId = document.first("RequestId")?.text
        }
        if code == nil, let header = response.header("x-amzn-ErrorType") {
            code = String(header.split(separator: ":").first ?? Substring(header))
        }
        return AWSServiceError(
            service: service, operation: operation, statusCode: response.status,
            code: code ?? Self.code(forStatus: response.status), message: message,
            requestId: requestId ?? bodyRequestId)
    }

    /// This error with `redactor` applied to every text it carries (an endpoint may quote the request back).
    func redacted(by redactor: SecretRedactor) -> AWSServiceError {
        AWSServiceError(
            service: service, operation: operation, statusCode: statusCode, code: redactor.redact(code),
            message: message.map(redactor.redact), requestId: requestId.map(redactor.redact))
    }

    /// The code S3 uses for a status without a body (HEAD requests).
    static func code(forStatus status: Int) -> String {
        switch status {
        case 301: return "PermanentRedirect"
        case 400: return "BadRequest"
        case 403: return "AccessDenied"
        case 404: return "NotFound"
        case 503: return "ServiceUnavailable"
        default: return "HTTP\(status)"
        }
    }
}
