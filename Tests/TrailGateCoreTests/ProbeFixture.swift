import OrderedJSON

@testable import TrailGateCore

/// Probe reports as the live runner writes them: a role in a member account probing an organization trail whose
/// bucket and key sit in the log-archive account, with the policies the caller read.
enum ProbeFixture {
    static let organizationId = "o-a1b2c3d4e5"
    static let memberAccount = "111122223333"
    static let logArchiveAccount = "222233334444"
    static let roleArn = "arn:aws:iam::\(memberAccount):role/ams-access-probe"
    static let trailArn = "arn:aws:cloudtrail:eu-west-1:333344445555:trail/organization-trail"
    static let bucket = "acme-org-cloudtrail"
    static let bucketArn = "arn:aws:s3:::\(bucket)"
    static let prefix = "cloudtrail"
    static let keyArn = "arn:aws:kms:eu-west-1:\(logArchiveAccount):key/1234abcd-12ab-34cd-56ef-1234567890ab"
    static let logPrefix = "\(prefix)/AWSLogs/\(organizationId)/\(memberAccount)/CloudTrail/"
    static let objectArn =
        "\(bucketArn)/\(logPrefix)eu-west-1/2026/12/03/"
        + "\(memberAccount)_CloudTrail_eu-west-1_20261203T1015Z_Qx7b2NvZ3kLm9PaR.json.gz"

    /// The required statements as `trailgate policy render` writes them.
    static var required: RequiredStatements {
        get throws {
            RequiredStatements(try PolicyInputs(bucket: bucket, organizationId: organizationId, prefix: prefix))
        }
    }

    /// The required bucket policy, with `change` applied to its statements.
    static func bucketPolicy(_ change: ([JSONValue]) -> [JSONValue] = { $0 }) throws -> String {
        let document: JSONValue = [
            "Version": "2012-10-17", "Statement": .array(change(try required.bucketStatements)),
        ]
        return document.serialized(pretty: true)
    }

    /// The required key statement after the key's default statement, which delegates to the log-archive account.
    static func keyPolicy(withRequiredStatement: Bool) throws -> String {
        let owner: JSONValue = [
            "Sid": "Enable IAM User Permissions", "Effect": "Allow",
            "Principal": ["AWS": .string("arn:aws:iam::\(logArchiveAccount):root")], "Action": "kms:*",
            "Resource": "*",
        ]
        let statements = [owner] + (withRequiredStatement ? try required.keyStatements : [])
        let document: JSONValue = ["Version": "2012-10-17", "Statement": .array(statements)]
        return document.serialized(pretty: true)
    }

    /// The statements without the one with `sid`.
    static func removing(_ sid: String) -> ([JSONValue]) -> [JSONValue] {
        { statements in statements.filter { $0["Sid"]?.stringValue != sid } }
    }

    /// What the caller read: the organization, the bucket's owner, the required bucket policy and a key policy
    /// with the required statement.
    static var policies: ProbePolicies {
        get throws {
            ProbePolicies(
                organizationId: organizationId, bucketPolicy: try bucketPolicy(),
                keyPolicies: [keyArn: try keyPolicy(withRequiredStatement: true)],
                bucketOwnerAccountId: logArchiveAccount)
        }
    }

    static func accessDenied(_ operation: String, _ resource: String) -> ProbeRequest {
        ProbeRequest(
            operation: operation, resource: resource, region: "eu-west-1", errorCode: "AccessDenied",
            errorMessage: "Access Denied")
    }

    static let scratch = [
        "database: trailgate_probe_k3x9", "table: trailgate_probe_k3x9.cloudtrail_logs",
        "query results: s3://acme-athena-results-111122223333/trailgate-probe/k3x9/",
    ]

    static let assumeRole = ProbeStep(
        id: .assumeRole, status: .pass, summary: "Assumed the role as session trailgate-probe.",
        requests: [ProbeRequest(operation: "AssumeRole", resource: roleArn, region: "eu-west-1")],
        elapsedMilliseconds: 184)

    static let bucketConfig = ProbeStep(
        id: .bucketConfig, status: .pass, summary: "Read the bucket's logging, object lock, lifecycle and encryption.",
        requests: [
            ProbeRequest(operation: "GetBucketLogging", resource: bucketArn, region: "eu-west-1"),
            ProbeRequest(operation: "GetBucketObjectLockConfiguration", resource: bucketArn, region: "eu-west-1"),
            ProbeRequest(operation: "GetBucketLifecycleConfiguration", resource: bucketArn, region: "eu-west-1"),
            ProbeRequest(operation: "GetBucketEncryption", resource: bucketArn, region: "eu-west-1"),
        ], elapsedMilliseconds: 231)

    /// Every configuration read refused.
    static let bucketConfigRefused = ProbeStep(
        id: .bucketConfig, status: .fail, summary: "GetBucketLogging: AccessDenied: Access Denied",
        requests: [
            accessDenied("GetBucketLogging", bucketArn), accessDenied("GetBucketObjectLockConfiguration", bucketArn),
            accessDenied("GetBucketLifecycleConfiguration", bucketArn), accessDenied("GetBucketEncryption", bucketArn),
        ], elapsedMilliseconds: 198)

    static let athenaTable = ProbeStep(
        id: .athenaTable, status: .pass, summary: "Created the scratch database and table.",
        requests: [
            ProbeRequest(operation: "StartQueryExecution", resource: "trailgate_probe_k3x9", region: "eu-west-1")
        ], elapsedMilliseconds: 1_412,
        details: ["partition projection: account \(memberAccount), 2026/12/02 to 2026/12/03"])

    static let athenaQuery = ProbeStep(
        id: .athenaQuery, status: .pass, summary: "5 rows from 2026/12/02 to 2026/12/03.",
        requests: [
            ProbeRequest(operation: "StartQueryExecution", resource: "trailgate_probe_k3x9", region: "eu-west-1"),
            ProbeRequest(operation: "GetQueryResults", resource: "5c1f0e2a-query", region: "eu-west-1"),
        ], elapsedMilliseconds: 3_870,
        details: ["first row: 2026-12-03T10:14:52Z sts.amazonaws.com AssumeRole"])

    /// The direct reads refused, as the required statements mean them to be.
    static let directReadRefused = ProbeStep(
        id: .directRead, status: .refused, summary: "ListObjectsV2 and GetObject were refused (AccessDenied).",
        requests: [
            accessDenied("ListObjectsV2", "\(bucketArn)?prefix=\(logPrefix)"), accessDenied("GetObject", objectArn),
        ], elapsedMilliseconds: 160)

    static let cleanup = ProbeStep(
        id: .cleanup, status: .pass, summary: "Dropped the table and database and deleted 4 result objects.",
        requests: [
            ProbeRequest(operation: "StartQueryExecution", resource: "trailgate_probe_k3x9", region: "eu-west-1")
        ], elapsedMilliseconds: 2_205)

    static func report(steps: [ProbeStep], policies: ProbePolicies = ProbePolicies()) -> ProbeReport {
        ProbeReport(
            roleArn: roleArn, roleSessionName: "trailgate-probe", trailArn: trailArn, bucket: bucket,
            prefix: prefix, created: scratch, steps: steps, policies: policies)
    }

    /// Every step as it ends when the role can query the trail, the direct reads refused by the CalledVia
    /// condition.
    static var passing: ProbeReport {
        get throws {
            report(
                steps: [assumeRole, bucketConfig, athenaTable, athenaQuery, directReadRefused, cleanup],
                policies: try policies)
        }
    }

    /// The bucket policy lacks the configuration audit statement and the key policy the decryption statement: the
    /// configuration reads and the Athena query fail.
    static var failing: ProbeReport {
        get throws {
            let query = ProbeStep(
                id: .athenaQuery, status: .fail,
                summary: "The query failed: Permission denied on S3 path: s3://\(bucket)/\(logPrefix)…",
                requests: [
                    ProbeRequest(
                        operation: "StartQueryExecution", resource: "trailgate_probe_k3x9", region: "eu-west-1"),
                    ProbeRequest(
                        operation: "GetObject", resource: objectArn, region: "eu-west-1", errorCode: "AccessDenied",
                        errorMessage:
                            "Permission denied on S3 path: s3://\(bucket)/\(objectArn.dropFirst(bucketArn.count + 1))"),
                ], elapsedMilliseconds: 2_954,
                details: ["window: 2026/12/02 to 2026/12/03 (partitions of account \(memberAccount))"])
            return report(
                steps: [assumeRole, bucketConfigRefused, athenaTable, query, directReadRefused, cleanup],
                policies: ProbePolicies(
                    organizationId: organizationId,
                    bucketPolicy: try bucketPolicy(removing("DONOTDELETE-AMS-ALLOWBUCKETCONFIGAUDIT")),
                    keyPolicies: [keyArn: try keyPolicy(withRequiredStatement: false)],
                    bucketOwnerAccountId: logArchiveAccount))
        }
    }
}
