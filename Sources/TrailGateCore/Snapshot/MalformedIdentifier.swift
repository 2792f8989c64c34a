import TrailGateBasics

/// A value in a trail's description that does not fit its AWS grammar. AWS never returns such a value, so the
/// snapshot was edited or damaged; nothing built from it (a command to paste, a policy) can be trusted, and every
/// check of the trail is `unknown`.
struct MalformedIdentifier: Sendable {
    /// The `describe-trails` field, e.g. `HomeRegion`.
    var field: String
    var value: String
    /// What the value should be, e.g. `a Region code`.
    var expected: String

    /// The first malformed identifier of `trail`, or nil when every identifier fits.
    static func first(in trail: Trail) -> MalformedIdentifier? {
        let fields: [(String, String?, String, (String) -> Bool)] = [
            ("Name", trail.name, "a trail name or ARN", { IdentifierGrammar.isTrailName($0) || isTrailARN($0) }),
            ("TrailARN", trail.trailARN, "a CloudTrail trail ARN", isTrailARN),
            ("HomeRegion", trail.homeRegion, "a Region code", IdentifierGrammar.isRegion),
            ("S3BucketName", trail.s3BucketName, "an S3 bucket name", IdentifierGrammar.isBucketName),
            ("KmsKeyId", trail.kmsKeyId, "a KMS key ARN", IdentifierGrammar.isARN),
        ]
        for (field, value, expected, fits) in fields {
            if let value, !fits(value) { return MalformedIdentifier(field: field, value: value, expected: expected) }
        }
        return nil
    }

    private static func isTrailARN(_ text: String) -> Bool {
        guard IdentifierGrammar.isARN(text), let arn = ARN(text) else { return false }
        return arn.service == "cloudtrail" && arn.resourceType == "trail"
            && IdentifierGrammar.isTrailName(arn.resourceId)
    }

    /// The `unknown` result `check` gives for the trail.
    func result(of check: any Check) -> CheckResult {
        check.result(
            .unknown,
            "The snapshot's \(field) \(quoted(value)) is not \(expected), which AWS never returns: the snapshot was "
                + "edited or damaged, so this check is not judged. Take a new snapshot.",
            evidence: [Evidence(field, .string(value))])
    }
}
