import IAMPolicy

/// The delivery bucket's policy as the access checks need it: parsed, absent, or why it cannot be judged.
enum BucketPolicyRead {
    /// The bucket has no policy (`NoSuchBucketPolicy`).
    case none(errorCode: String)
    /// The policy cannot be read or evaluated; the sentence says why and where it can be.
    case undecidable(String)
    case policy(PolicyDocument)

    init(_ context: TrailContext) {
        let slot = context.bucket?.policy ?? .absent
        if let error = slot.error, error.code == "NoSuchBucketPolicy" {
            self = .none(errorCode: error.code)
        } else if let text = slot.value?.policy {
            do {
                self = .policy(try PolicyDocument(text: text))
            } catch {
                self = .undecidable("The bucket policy cannot be evaluated: \(error.description).")
            }
        } else {
            self = .undecidable(
                context.bucketDataUnavailable(call: "GetBucketPolicy", permission: "GetBucketPolicy", error: slot.error)
            )
        }
    }
}
