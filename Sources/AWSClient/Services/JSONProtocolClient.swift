import Foundation
import OrderedJSON

/// Calls a JSON 1.1 service (CloudTrail, KMS, Organizations): `POST /` with `X-Amz-Target`.
struct JSONProtocolClient: Sendable {
    let client: AWSServiceClient
    let service: ServiceDescriptor
    /// The `X-Amz-Target` prefix, e.g. `com.amazonaws.cloudtrail.v20131101.CloudTrail_20131101`.
    let targetPrefix: String

    /// Sends `operation` with `input` and returns the answer as the AWS CLI v1 prints it: as AWS wrote it, without
    /// members whose value is null (botocore drops them).
    func call(_ operation: String, _ input: JSONValue, region: String) async throws -> JSONValue {
        var request = HTTPRequest(
            method: "POST", url: client.endpoint(service, region), body: Data(input.serialized().utf8))
        request.setHeader("Content-Type", "application/x-amz-json-1.1")
        request.setHeader("X-Amz-Target", "\(targetPrefix).\(operation)")
        let response = try await client.send(request, service: service, region: region, operation: operation)
        do {
            return response.body.isEmpty ? [:] : Self.droppingNulls(try JSONValue.parse(response.body))
        } catch {
            throw AWSTransportError(
                service: service.displayName, operation: operation,
                reason: "unreadable JSON answer: \(error.description)")
        }
    }
}

extension JSONProtocolClient {
    static func droppingNulls(_ value: JSONValue) -> JSONValue {
        switch value {
        case .object(let members):
            return .object(members.filter { $0.value != .null }.map { ($0.key, droppingNulls($0.value)) })
        case .array(let elements):
            return .array(elements.map(droppingNulls))
        default:
            return value
        }
    }
}

/// CloudTrail's read calls.
public struct CloudTrailClient: Sendable {
    let json: JSONProtocolClient

    public init(client: AWSServiceClient) {
        json = JSONProtocolClient(
            client: client, service: .cloudTrail,
            targetPrefix: "com.amazonaws.cloudtrail.v20131101.CloudTrail_20131101")
    }

    /// `cloudtrail describe-trails` (shadow trails included).
    public func describeTrails(region: String) async throws -> JSONValue {
        try await json.call("DescribeTrails", ["includeShadowTrails": true], region: region)
    }

    /// `cloudtrail get-trail-status --name ARN`, asked in the trail's home Region.
    public func getTrailStatus(_ trailArn: String, region: String) async throws -> JSONValue {
        try await json.call("GetTrailStatus", ["Name": .string(trailArn)], region: region)
    }

    /// `cloudtrail get-event-selectors --trail-name ARN`.
    public func getEventSelectors(_ trailArn: String, region: String) async throws -> JSONValue {
        try await json.call("GetEventSelectors", ["TrailName": .string(trailArn)], region: region)
    }
}

/// KMS's read calls.
public struct KMSClient: Sendable {
    let json: JSONProtocolClient

    public init(client: AWSServiceClient) {
        json = JSONProtocolClient(client: client, service: .kms, targetPrefix: "TrentService")
    }

    /// `kms describe-key --key-id KEY`.
    public func describeKey(_ keyId: String, region: String) async throws -> JSONValue {
        try await json.call("DescribeKey", ["KeyId": .string(keyId)], region: region)
    }

    /// `kms get-key-policy --key-id KEY --policy-name default`.
    public func getKeyPolicy(_ keyId: String, region: String) async throws -> JSONValue {
        try await json.call("GetKeyPolicy", ["KeyId": .string(keyId), "PolicyName": "default"], region: region)
    }
}

/// Organizations' read call.
public struct OrganizationsClient: Sendable {
    let json: JSONProtocolClient

    public init(client: AWSServiceClient) {
        json = JSONProtocolClient(client: client, service: .organizations, targetPrefix: "AWSOrganizationsV20161128")
    }

    /// `organizations describe-organization`.
    public func describeOrganization() async throws -> JSONValue {
        try await json.call("DescribeOrganization", [:], region: "us-east-1")
    }
}
