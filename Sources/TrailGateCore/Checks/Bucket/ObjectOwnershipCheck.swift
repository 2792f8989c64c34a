import OrderedJSON

/// `bucket.object-ownership`: ACLs are disabled (`BucketOwnerEnforced`), so the bucket owner owns every log object.
struct ObjectOwnershipCheck: Check {
    let id = "bucket.object-ownership"
    let title = "Object Ownership is BucketOwnerEnforced"
    let area = CheckArea.bucket

    func evaluate(_ context: TrailContext) -> CheckResult {
        let enforce = Remediation(
            "Disable ACLs with Object Ownership BucketOwnerEnforced (first make sure no access depends on object ACLs).",
            commands: ["aws s3api put-bucket-ownership-controls \(context.bucketCommandArguments) "
                + "--ownership-controls 'Rules=[{ObjectOwnership=BucketOwnerEnforced}]'"])
        let slot = context.bucket?.ownershipControls ?? .absent
        if let error = slot.error, error.code == "OwnershipControlsNotFoundError" {
            return result(.fail, "The bucket has no ownership controls, which means ObjectWriter: ACLs are enabled.",
                          evidence: [Evidence("GetBucketOwnershipControls", .string(error.code))], remediation: enforce)
        }
        guard let controls = slot.value else {
            return result(.unknown, context.bucketDataUnavailable(
                call: "GetBucketOwnershipControls", permission: "GetBucketOwnershipControls", error: slot.error))
        }
        let evidence = [Evidence("ObjectOwnership", .array(controls.objectOwnership.map(JSONValue.string)))]
        if controls.objectOwnership == ["BucketOwnerEnforced"] {
            return result(.pass, "ACLs are disabled; the bucket owner owns every object.", evidence: evidence)
        }
        let found = controls.objectOwnership.isEmpty ? "no rule" : controls.objectOwnership.joined(separator: ", ")
        return result(.fail, "Object Ownership is \(found), not BucketOwnerEnforced.", evidence: evidence,
                      remediation: enforce)
    }
}
