import Foundation
import IAMPolicy
import OrderedJSON

/// Measures policy evaluation throughput on a large bucket policy (about 20 KB, many statements and conditions).
/// Run with `bench/policy-eval.sh` (a release build); prints evaluations per second.

/// A bucket policy near the 20 KB limit: the AMS statements, CloudTrail's, and many per-team statements with
/// string, ARN, IP, Bool, numeric and set conditions.
func largePolicy() -> JSONValue {
    var statements: [JSONValue] = []
    let condition: JSONValue = [
        "StringEquals": ["aws:PrincipalOrgID": "o-a1b2c3d4e5"],
        "ArnLike": ["aws:PrincipalArn": ["arn:aws:iam::*:role/ams-access-*"]],
    ]
    statements.append([
        "Sid": "DONOTDELETE-AMS-ALLOWLISTBUCKET", "Effect": "Allow", "Principal": ["AWS": "*"],
        "Action": "s3:ListBucket", "Resource": "arn:aws:s3:::bench-bucket",
        "Condition": [
            "ForAnyValue:StringEquals": ["aws:CalledVia": "athena.amazonaws.com"],
            "StringLike": ["s3:prefix": "logs/AWSLogs/*"],
            "StringEquals": ["aws:PrincipalOrgID": "o-a1b2c3d4e5"],
            "ArnLike": ["aws:PrincipalArn": ["arn:aws:iam::*:role/ams-access-*"]],
        ],
    ])
    statements.append([
        "Sid": "DenyInsecureTransport", "Effect": "Deny", "Principal": "*", "Action": "s3:*",
        "Resource": ["arn:aws:s3:::bench-bucket", "arn:aws:s3:::bench-bucket/*"],
        "Condition": ["Bool": ["aws:SecureTransport": "false"]],
    ])
    var index = 0
    while JSONValue.object([("Version", "2012-10-17"), ("Statement", .array(statements))]).serialized().utf8.count
        < 19_500
    {
        index += 1
        statements.append([
            "Sid": .string("Team\(index)Read"),
            "Effect": index % 7 == 0 ? "Deny" : "Allow",
            "Principal": ["AWS": .string("arn:aws:iam::\(100000000000 + index):role/team-\(index)")],
            "Action": ["s3:GetObject", "s3:GetObjectVersion"],
            "Resource": .string("arn:aws:s3:::bench-bucket/team-\(index)/*"),
            "Condition": teamCondition(index).merging(condition),
        ])
    }
    return ["Version": "2012-10-17", "Statement": .array(statements)]
}

/// Per-team conditions: an IP range, a numeric bound and a prefix pattern.
func teamCondition(_ index: Int) -> JSONValue {
    [
        "IpAddress": ["aws:SourceIp": .string("10.\(index % 250).0.0/16")],
        "NumericLessThan": ["s3:max-keys": "1000"],
        "StringLike": ["s3:prefix": .string("team-\(index)/*")],
    ]
}

extension JSONValue {
    func merging(_ other: JSONValue) -> JSONValue {
        guard case .object(var members) = self, case .object(let extra) = other else { return self }
        members += extra
        return .object(members)
    }
}

let json = largePolicy()
let policy = try PolicyDocument(json: json)
let principal = RequestPrincipal(parsing: "arn:aws:sts::222233334444:assumed-role/ams-access-ro/q")!
let requests = [
    AuthorizationRequest(
        principal: principal, action: "s3:ListBucket", resource: "arn:aws:s3:::bench-bucket",
        resourceAccountId: "111122223333",
        context: RequestContext([
            "aws:PrincipalOrgID": .single("o-a1b2c3d4e5"),
            "aws:CalledVia": .multiple(["athena.amazonaws.com"]),
            "aws:SecureTransport": .single("true"),
            "s3:prefix": .single("logs/AWSLogs/222233334444/"),
        ])),
    AuthorizationRequest(
        principal: principal, action: "s3:GetObject", resource: "arn:aws:s3:::bench-bucket/team-40/a.json",
        resourceAccountId: "111122223333",
        context: RequestContext([
            "aws:PrincipalOrgID": .single("o-a1b2c3d4e5"),
            "aws:SourceIp": .single("10.40.1.1"),
            "aws:SecureTransport": .single("true"),
        ])),
]
let evaluator = PolicyEvaluator()
let policies = PolicySet(identityPolicies: nil, resourcePolicy: policy)
let iterations = Int(CommandLine.arguments.dropFirst().first ?? "") ?? 20_000
var allowed = 0
let clock = ContinuousClock()
let elapsed = clock.measure {
    for i in 0..<iterations
    where evaluator.evaluate(requests[i % requests.count], policies: policies).decision == .allowed {
        allowed += 1
    }
}
let seconds = Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) / 1e18
print(
    "policy: \(json.serialized().utf8.count) bytes, \(policy.statements.count) statements, \(policy.statements.map(\.conditions.count).reduce(0, +)) conditions"
)
print(
    "evaluations: \(iterations) in \(String(format: "%.3f", seconds)) s = \(Int(Double(iterations) / seconds)) evaluations/s (\(allowed) allowed)"
)
