import OrderedJSON

/// `bucket.object-ownership`: ACLs are disabled (`BucketOwnerEnforced`), so the bucket owner owns every log object.
struct ObjectOwnershipCheck: Check {
    let id = CheckID.objectOwnership
    let title = "Object Ownership (BucketOwnerEnforced)"
    let area = CheckArea.bucket

    func evaluate(_ context: TrailContext) -> CheckResult {
        let enforce = Remediation(
            "Disable ACLs with Object Ownership BucketOwnerEnforced (first make sure no access depends on object ACLs).",
            commands: context.bucketCommands(.putBucketOwnershipControls(Self.enforced)))
        let slot = context.bucket?.ownershipControls ?? .absent
        if let error = slot.error, error.code == "OwnershipControlsNotFoundError" {
            return result(
                .fail, "The bucket has no ownership controls, which means ObjectWriter: ACLs are enabled.",
                evidence: [Evidence("GetBucketOwnershipControls", .string(error.code))], remediation: enforce)
        }
        guard let controls = slot.value else {
            return result(
                .unknown,
                context.bucketDataUnavailable(
                    call: "GetBucketOwnershipControls", permission: "GetBucketOwnershipControls", error: slot.error))
        }
        let evidence = [Evidence("ObjectOwnership", .array(controls.objectOwnership.map(JSONValue.string)))]
        if controls.objectOwnership == ["BucketOwnerEnforced"] {
            return result(.pass, "ACLs are disabled; the bucket owner owns every object.", evidence: evidence)
        }
        let found = controls.objectOwnership.isEmpty ? "no rule" : controls.objectOwnership.joined(separator: ", ")
        return result(
            .fail, "Object Ownership is \(found), not BucketOwnerEnforced.", evidence: evidence,
            remediation: enforce)
    }
}

extension ObjectOwnershipCheck {
    /// The ownership controls a fix sets: ACLs disabled.
    static let enforced: JSONValue = ["Rules": [["ObjectOwnership": "BucketOwnerEnforced"]]]
}

extension CheckID {
    public static let objectOwnership = CheckID("bucket.object-ownership")
}

extension ObjectOwnershipCheck: FixableCheck {
    /// `PutBucketOwnershipControls` with `BucketOwnerEnforced`, unless ACL grants would be lost.
    func fix(_ result: CheckResult, in fix: FixContext) -> FixOutcome {
        let context = fix.context
        guard let bucket = fix.bucketResource else { return .nothing }
        var notes: [String] = []
        if let acl = context.bucket?.acl.value {
            let lost = AccessControlReview.grantsLost(acl)
            guard lost.isEmpty else {
                return .manual(
                    ManualStep(
                        checkId: result.id,
                        summary:
                            "BucketOwnerEnforced disables ACLs, and the bucket's ACL grants access to others that would be lost: "
                            + lost.joined(separator: "; ")
                            + ". Move those grants into the bucket policy, remove them from the ACL, then run fix again.",
                        steps: [
                            "aws s3api get-bucket-acl --bucket \(shellWord(bucket.name)) --region \(shellWord(bucket.region))"
                        ]))
            }
        } else {
            notes.append(
                "The bucket ACL is not in the snapshot; apply reads it first and stops if a grant would be lost.")
        }
        let controls = Self.enforced
        let before: JSONValue =
            context.bucket?.ownershipControls.value.map { current in
                [
                    "OwnershipControls": [
                        "Rules": .array(current.objectOwnership.map { ["ObjectOwnership": .string($0)] })
                    ]
                ]
            } ?? nil
        return .change(
            PlannedChange(
                resource: bucket, action: .putBucketOwnershipControls(controls), checkIds: [result.id],
                summary: "Enforce bucket-owner object ownership (ACLs disabled); the ACL grants only the owner.",
                before: before, after: ["OwnershipControls": controls], notes: notes))
    }
}
