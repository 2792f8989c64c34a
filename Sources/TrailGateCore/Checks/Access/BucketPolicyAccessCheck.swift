import IAMPolicy
import OrderedJSON

/// `bucket.policy-access`: with a centralized bucket, the bucket policy itself grants the service's `ams-access-*`
/// roles in every member account the reads Athena makes.
struct BucketPolicyAccessCheck: Check {
    let id = CheckID.bucketPolicyAccess
    let title = "Bucket policy access through Athena"
    let area = CheckArea.bucket

    func evaluate(_ context: TrailContext) -> CheckResult {
        switch context.bucketPlacement {
        case .local(let why):
            return result(
                .notApplicable,
                "The bucket is not centralized (\(why)): the roles sit in the bucket's own account, "
                    + "where their IAM policies can grant access; the bucket policy statements are needed only for a centralized bucket."
            )
        case .undecided(let why):
            return result(.unknown, "Cannot tell whether the bucket is centralized: \(why).")
        case .centralized:
            break
        }
        guard let organizationId = context.organizationId else {
            return result(
                .unknown, "The organization id is unknown (describe-organization gave no answer); pass --org-id.")
        }
        guard let bucketName = context.bucketName else { return result(.unknown, "The trail names no S3 bucket.") }
        let merge = Self.mergeRemediation(context, bucket: bucketName, organizationId: organizationId)
        let policy: PolicyDocument
        switch BucketPolicyRead(context) {
        case .none(let code):
            let prefix = context.trail.s3KeyPrefix.map { " --prefix \(shellWord($0))" } ?? ""
            let render = Remediation(
                "Give the bucket a policy with the required statements (and the statements CloudTrail needs to deliver).",
                commands: [
                    "trailgate policy render --for bucket --bucket \(shellWord(bucketName)) --org-id \(shellWord(organizationId))\(prefix) > bucket-policy.json"
                ]
                    + (context.bucketResource.map {
                        [FixAction.putBucketPolicy("").cliCommand(on: $0, documentFile: "bucket-policy.json")]
                    } ?? []))
            return result(
                .fail, "The bucket has no policy, so the service's roles in other accounts cannot read it.",
                evidence: [Evidence("GetBucketPolicy", .string(code))], remediation: render)
        case .undecidable(let why):
            return result(.unknown, why)
        case .policy(let document):
            policy = document
        }
        let access = ServiceAccess(context: context, organizationId: organizationId)
        let requests = access.bucketRequests(
            bucket: bucketName, ownerAccount: context.bucket?.ownerAccountId ?? context.trail.ownerAccountId ?? "")
        let report = ServiceAccessReport(requests: requests, policy: policy) { $0.grantedByResourcePolicy }
        let notes =
            report.assumptions.isEmpty
            ? [] : ["The roles' own IAM policies must allow these actions too (cross-account access needs both sides)."]
        if !report.hasRefusals {
            return result(
                .pass,
                "The bucket policy grants all \(requests.count) requests the service's roles make from accounts "
                    + access.accounts.joined(separator: ", ") + ".", evidence: report.evidence, notes: notes)
        }
        var fix = merge
        fix.summary += report.denyAdvice ?? ""
        return result(
            .fail, report.failureSummary + ".", evidence: report.evidence, notes: notes, remediation: fix,
            requests: report.outcomes)
    }

    /// Merge the required statements into the current bucket policy and put it back.
    static func mergeRemediation(_ context: TrailContext, bucket: String, organizationId: String) -> Remediation {
        let prefix = context.trail.s3KeyPrefix.map { " --prefix \(shellWord($0))" } ?? ""
        let resource =
            context.bucketResource ?? FixResource(kind: .bucket, name: bucket, region: context.trailResource.region)
        let put = FixAction.putBucketPolicy("")
        return Remediation(
            "Merge the required statements into the bucket policy, keeping every existing statement, and put it back.",
            commands: [
                put.readCommand(on: resource, into: "bucket-policy.json"),
                "trailgate policy merge --for bucket --existing bucket-policy.json --bucket \(shellWord(bucket)) --org-id \(shellWord(organizationId))\(prefix) > merged-bucket-policy.json",
                put.cliCommand(on: resource, documentFile: "merged-bucket-policy.json"),
            ].compactMap { $0 })
    }
}

extension CheckID {
    public static let bucketPolicyAccess = CheckID("bucket.policy-access")
}
