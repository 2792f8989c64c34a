/// Every check `check` runs, in report order. Adding a check is adding its file and one line here.
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
}
