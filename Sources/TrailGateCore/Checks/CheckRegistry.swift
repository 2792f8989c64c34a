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

    /// The id of the check named `text`, a trail check or an account check; nil when no registered check has that
    /// id.
    public static func id(named text: String) -> CheckID? {
        all.first { $0.id.rawValue == text }?.id ?? AccountCheckRegistry.all.first { $0.id.rawValue == text }?.id
    }
}
