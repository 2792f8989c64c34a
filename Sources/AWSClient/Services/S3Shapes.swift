/// The response shapes of the S3 read calls TrailGate makes (botocore's `s3` model, member order kept).
enum S3Shapes {
    static let tag = ResponseShape.members([("Key", .string), ("Value", .string)])

    static let lifecycleRule = ResponseShape.renamed([
        (
            "Expiration", "Expiration",
            .members([("Date", .timestamp), ("Days", .integer), ("ExpiredObjectDeleteMarker", .boolean)])
        ),
        ("ID", "ID", .string),
        ("Prefix", "Prefix", .string),
        (
            "Filter", "Filter",
            .renamed([
                ("Prefix", "Prefix", .string),
                ("Tag", "Tag", tag),
                ("ObjectSizeGreaterThan", "ObjectSizeGreaterThan", .integer),
                ("ObjectSizeLessThan", "ObjectSizeLessThan", .integer),
                (
                    "And", "And",
                    .renamed([
                        ("Prefix", "Prefix", .string),
                        ("Tags", "Tag", .list(tag, member: "Tag", flattened: true)),
                        ("ObjectSizeGreaterThan", "ObjectSizeGreaterThan", .integer),
                        ("ObjectSizeLessThan", "ObjectSizeLessThan", .integer),
                    ])
                ),
            ])
        ),
        ("Status", "Status", .string),
        (
            "Transitions", "Transition",
            .list(
                .members([("Date", .timestamp), ("Days", .integer), ("StorageClass", .string)]), member: "Transition",
                flattened: true)
        ),
        (
            "NoncurrentVersionTransitions", "NoncurrentVersionTransition",
            .list(
                .members([
                    ("NoncurrentDays", .integer), ("StorageClass", .string), ("NewerNoncurrentVersions", .integer),
                ]),
                member: "NoncurrentVersionTransition", flattened: true)
        ),
        (
            "NoncurrentVersionExpiration", "NoncurrentVersionExpiration",
            .members([("NoncurrentDays", .integer), ("NewerNoncurrentVersions", .integer)])
        ),
        (
            "AbortIncompleteMultipartUpload", "AbortIncompleteMultipartUpload",
            .members([("DaysAfterInitiation", .integer)])
        ),
    ])

    /// `ListBucketIntelligentTieringConfigurationsOutput`.
    static let intelligentTieringList = ResponseShape.renamed([
        ("IsTruncated", "IsTruncated", .boolean),
        ("ContinuationToken", "ContinuationToken", .string),
        ("NextContinuationToken", "NextContinuationToken", .string),
        (
            "IntelligentTieringConfigurationList", "IntelligentTieringConfiguration",
            .list(
                .renamed([
                    ("Id", "Id", .string),
                    (
                        "Filter", "Filter",
                        .renamed([
                            ("Prefix", "Prefix", .string),
                            ("Tag", "Tag", tag),
                            (
                                "And", "And",
                                .renamed([
                                    ("Prefix", "Prefix", .string),
                                    ("Tags", "Tag", .list(tag, member: "Tag", flattened: true)),
                                ])
                            ),
                        ])
                    ),
                    ("Status", "Status", .string),
                    (
                        "Tierings", "Tiering",
                        .list(
                            .members([("Days", .integer), ("AccessTier", .string)]), member: "Tiering",
                            flattened: true)
                    ),
                ]),
                member: "IntelligentTieringConfiguration", flattened: true)
        ),
    ])

    /// `LifecycleConfiguration` → `{"Rules": [...]}`.
    static let lifecycle = ResponseShape.renamed([
        ("Rules", "Rule", .list(lifecycleRule, member: "Rule", flattened: true))
    ])

    /// `ServerSideEncryptionConfiguration`.
    static let encryption = ResponseShape.renamed([
        (
            "Rules", "Rule",
            .list(
                .members([
                    (
                        "ApplyServerSideEncryptionByDefault",
                        .members([("SSEAlgorithm", .string), ("KMSMasterKeyID", .string)])
                    ),
                    ("BucketKeyEnabled", .boolean),
                ]), member: "Rule", flattened: true)
        )
    ])

    static let grant = ResponseShape.members([
        (
            "Grantee",
            .members([
                ("DisplayName", .string), ("EmailAddress", .string), ("ID", .string), ("Type", .string),
                ("URI", .string),
            ])
        ),
        ("Permission", .string),
    ])

    /// `AccessControlPolicy` (get-bucket-acl).
    static let accessControlPolicy = ResponseShape.renamed([
        ("Owner", "Owner", .members([("DisplayName", .string), ("ID", .string)])),
        ("Grants", "AccessControlList", .list(grant, member: "Grant", flattened: false)),
    ])

    /// `BucketLoggingStatus`.
    static let logging = ResponseShape.members([
        (
            "LoggingEnabled",
            .members([
                ("TargetBucket", .string),
                ("TargetGrants", .list(grant, member: "Grant", flattened: false)),
                ("TargetPrefix", .string),
                (
                    "TargetObjectKeyFormat",
                    .members([
                        ("SimplePrefix", .members([])),
                        ("PartitionedPrefix", .members([("PartitionDateSource", .string)])),
                    ])
                ),
            ])
        )
    ])

    /// `OwnershipControls`.
    static let ownershipControls = ResponseShape.renamed([
        ("Rules", "Rule", .list(.members([("ObjectOwnership", .string)]), member: "Rule", flattened: true))
    ])

    /// `ObjectLockConfiguration`.
    static let objectLock = ResponseShape.members([
        ("ObjectLockEnabled", .string),
        (
            "Rule",
            .members([
                ("DefaultRetention", .members([("Mode", .string), ("Days", .integer), ("Years", .integer)]))
            ])
        ),
    ])

    /// `PublicAccessBlockConfiguration`.
    static let publicAccessBlock = ResponseShape.members([
        ("BlockPublicAcls", .boolean), ("IgnorePublicAcls", .boolean), ("BlockPublicPolicy", .boolean),
        ("RestrictPublicBuckets", .boolean),
    ])

    /// `ListAllMyBucketsResult`.
    static let listBuckets = ResponseShape.members([
        (
            "Buckets",
            .list(
                .members([("Name", .string), ("CreationDate", .timestamp), ("BucketRegion", .string)]),
                member: "Bucket", flattened: false)
        ),
        ("Owner", .members([("DisplayName", .string), ("ID", .string)])),
        ("ContinuationToken", .string),
        ("Prefix", .string),
    ])
}
