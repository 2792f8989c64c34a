import Foundation

/// Calls a query-protocol service (STS, IAM): `POST /` with a form-encoded `Action`, `Version` and parameters; the
/// answer is XML whose `<Action>Result` element is returned.
struct QueryProtocolClient: Sendable {
    var client: AWSServiceClient
    let service: ServiceDescriptor
    /// The API version every request names, e.g. `2011-06-15` for STS.
    let version: String

    /// Form-encodes query parameters (RFC 3986 unreserved characters kept).
    static func form(_ parameters: [(String, String)]) -> String {
        let unreserved = CharacterSet(
            charactersIn: "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-._~")
        return parameters.map { "\($0.0)=\($0.1.addingPercentEncoding(withAllowedCharacters: unreserved) ?? $0.1)" }
            .joined(separator: "&")
    }

    /// Sends `action` with `parameters` and returns its `<action>Result` element.
    func call(_ action: String, _ parameters: [(String, String)], region: String) async throws -> XMLDocumentTree {
        var request = HTTPRequest(
            method: "POST", url: client.endpoint(service, region),
            body: Data(Self.form([("Action", action), ("Version", version)] + parameters).utf8))
        request.setHeader("Content-Type", "application/x-www-form-urlencoded; charset=utf-8")
        let response = try await client.send(request, service: service, region: region, operation: action)
        let document: XMLDocumentTree
        do {
            document = try XMLDocumentTree.parse(response.body)
        } catch {
            throw AWSTransportError(service: service.displayName, operation: action, reason: "\(error)")
        }
        guard let result = document.first("\(action)Result") else {
            throw AWSTransportError(
                service: service.displayName, operation: action, reason: "the answer has no \(action)Result")
        }
        return result
    }
}
