import Foundation
import Testing

/// The IAM actions behind the AWS calls a `--verbose` run logs, and the policies docs/permissions.md documents for
/// them: the two sides of the permission tests.
enum CalledActions {
    /// `<Service> <Operation>`, as `--verbose` starts a request's line, to the IAM action the call needs (nil: none).
    static let byOperation: [String: String?] = [
        "STS GetCallerIdentity": nil, "STS AssumeRole": "sts:AssumeRole",
        "Organizations DescribeOrganization": "organizations:DescribeOrganization",
        "Organizations ListRoots": "organizations:ListRoots",
        "Organizations ListOrganizationalUnitsForParent": "organizations:ListOrganizationalUnitsForParent",
        "Organizations ListAccountsForParent": "organizations:ListAccountsForParent",
        "Organizations ListPoliciesForTarget": "organizations:ListPoliciesForTarget",
        "Organizations DescribePolicy": "organizations:DescribePolicy",
        "CloudTrail DescribeTrails": "cloudtrail:DescribeTrails",
        "CloudTrail GetTrailStatus": "cloudtrail:GetTrailStatus",
        "CloudTrail GetEventSelectors": "cloudtrail:GetEventSelectors", "S3 ListBuckets": "s3:ListAllMyBuckets",
        "S3 GetBucketLocation": "s3:GetBucketLocation", "S3 GetBucketEncryption": "s3:GetEncryptionConfiguration",
        "S3 GetBucketLogging": "s3:GetBucketLogging",
        "S3 GetBucketLifecycleConfiguration": "s3:GetLifecycleConfiguration",
        "S3 GetBucketOwnershipControls": "s3:GetBucketOwnershipControls",
        "S3 GetBucketPolicy": "s3:GetBucketPolicy",
        "S3 GetPublicAccessBlock": "s3:GetBucketPublicAccessBlock", "S3 GetBucketAcl": "s3:GetBucketAcl",
        "S3 ListBucketIntelligentTieringConfigurations": "s3:GetIntelligentTieringConfiguration",
        "KMS DescribeKey": "kms:DescribeKey", "KMS GetKeyPolicy": "kms:GetKeyPolicy",
        "IAM ListRoles": "iam:ListRoles", "IAM GetRole": "iam:GetRole",
        "IAM ListAttachedRolePolicies": "iam:ListAttachedRolePolicies",
        "IAM ListRolePolicies": "iam:ListRolePolicies", "IAM GetRolePolicy": "iam:GetRolePolicy",
        "IAM GetPolicy": "iam:GetPolicy", "IAM GetPolicyVersion": "iam:GetPolicyVersion",
    ]

    /// The actions of the calls `log` (a `--verbose` run's standard error) shows, and the first two words of its
    /// request lines this table does not know.
    static func actions(in log: String) -> (used: Set<String>, unknown: Set<String>) {
        var used: Set<String> = []
        var unknown: Set<String> = []
        for line in log.split(separator: "\n") where !line.hasPrefix(" ") {
            let words = line.split(separator: " ").prefix(2).joined(separator: " ")
            guard let action = byOperation[words] else {
                unknown.insert(words)
                continue
            }
            if let action { used.insert(action) }
        }
        return (used, unknown)
    }

    /// The statements of the first JSON policy in docs/permissions.md, or of the first after `heading`.
    static func documentedStatements(after heading: String? = nil) throws -> [[String: Any]] {
        let document = try String(
            contentsOf: TrailGateProcess.packageRoot.appendingPathComponent("docs/permissions.md"), encoding: .utf8)
        let section = try #require(
            heading.map { document.components(separatedBy: $0).dropFirst().first } ?? document)
        let policyText = try #require(
            section.components(separatedBy: "```json\n").dropFirst().first?.components(separatedBy: "```").first)
        let policy = try #require(try JSONSerialization.jsonObject(with: Data(policyText.utf8)) as? [String: Any])
        return try #require(policy["Statement"] as? [[String: Any]])
    }
}
