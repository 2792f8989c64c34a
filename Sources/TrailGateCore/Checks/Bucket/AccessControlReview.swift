import OrderedJSON

/// What disabling ACLs would take away from a bucket.
public enum AccessControlReview {
    /// The grants of a `get-bucket-acl` answer to anyone but the bucket owner, each as `PERMISSION to grantee`.
    public static func grantsLost(_ acl: JSONValue) -> [String] {
        let owner = acl["Owner"]?["ID"]?.stringValue
        return (acl["Grants"]?.arrayValue ?? []).compactMap { grant in
            let grantee = grant["Grantee"]
            if let id = grantee?["ID"]?.stringValue, id == owner { return nil }
            let who =
                grantee?["URI"]?.stringValue ?? grantee?["EmailAddress"]?.stringValue ?? grantee?["ID"]?.stringValue
                ?? "an unnamed grantee"
            return "\(grant["Permission"]?.stringValue ?? "?") to \(who)"
        }
    }
}
