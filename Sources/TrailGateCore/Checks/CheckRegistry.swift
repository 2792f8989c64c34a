/// Every check `check` runs, in report order. Adding a check is adding its file (with its ``CheckID`` constant
/// and, for a fixable check, its ``FixableCheck`` fix) and one line here.
public enum CheckRegistry {
    public static let all: [any Check] = [
        TrailLoggingCheck(),
        MultiRegionCheck(),
        GlobalServiceEventsCheck(),
        ManagementEventsCheck(),
        KMSEventsCheck(),
        RDSDataEventsCheck(),
        LogFileValidationCheck(),
        BucketEncryptionCheck(),
        AccessLoggingCheck(),
        LifecycleRetentionCheck(),
        ObjectOwnershipCheck(),
        BucketPolicyAccessCheck(),
        OutsideAccessCheck(),
        KeyPolicyAccessCheck(),
        OrganizationCheck(),
    ]

    /// Every check, the trail checks then the account checks, in report order.
    public static var definitions: [any CheckDefinition] { all + AccountCheckRegistry.all }

    /// Every check id, in report order.
    public static var ids: [CheckID] { definitions.map(\.id) }

    /// The id of the check named `text`, a trail check or an account check; nil when no registered check has that
    /// id.
    public static func id(named text: String) -> CheckID? {
        ids.first { $0.rawValue == text }
    }
}
