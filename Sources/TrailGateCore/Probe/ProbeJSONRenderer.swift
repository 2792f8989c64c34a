import OrderedJSON

/// Renders a probe report as the stable `trailgate.probe/v1` JSON document.
public struct ProbeJSONRenderer: Sendable {
    public static let schema = "trailgate.probe/v1"

    public init() {}

    public func render(_ report: ProbeReport) -> String {
        document(report).serialized(pretty: true) + "\n"
    }

    /// The report as a JSON value.
    public func document(_ report: ProbeReport) -> JSONValue {
        [
            "schema": .string(Self.schema),
            "roleArn": .string(report.roleArn),
            "trailArn": report.trailArn.map(JSONValue.string) ?? .null,
            "bucket": .string(report.bucket),
            "prefix": report.prefix.map(JSONValue.string) ?? .null,
            "verdict": .string(report.passed ? "pass" : "fail"),
            "created": .array(report.created.map(JSONValue.string)),
            "steps": .array(report.steps.map(step)),
        ]
    }

    private func step(_ step: ProbeStep) -> JSONValue {
        [
            "id": .string(step.id.rawValue),
            "status": .string(step.status.rawValue),
            "summary": .string(step.summary),
            "requests": .array(
                step.requests.map { request in
                    [
                        "operation": .string(request.operation),
                        "resource": .string(request.resource),
                        "region": .string(request.region),
                        "errorCode": request.errorCode.map(JSONValue.string) ?? .null,
                        "errorMessage": request.errorMessage.map(JSONValue.string) ?? .null,
                    ]
                }),
            "elapsedMs": .int(step.elapsedMilliseconds),
            "explanation": step.explanation.map(JSONValue.string) ?? .null,
            "details": .array(step.details.map(JSONValue.string)),
        ]
    }
}
