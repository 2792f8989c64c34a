import OrderedJSON

/// The two resource policies the managed-operations service needs statements in.
public enum PolicyKind: String, Sendable {
    /// The trail bucket's S3 bucket policy.
    case bucket
    /// The key policy of a KMS key that encrypts the trail's objects.
    case key

    /// The service's size limit of this policy in bytes: S3 allows 20 KB for a bucket policy, KMS 32 KB for a key
    /// policy. TrailGate measures a policy as its minified UTF-8 JSON (no whitespace outside strings).
    public var sizeLimit: Int {
        switch self {
        case .bucket: return 20_480
        case .key: return 32_768
        }
    }

    /// `bucket policy` or `key policy`, for messages.
    public var displayName: String { "\(rawValue) policy" }

    /// The service that enforces ``sizeLimit``.
    var service: String {
        switch self {
        case .bucket: return "S3"
        case .key: return "KMS"
        }
    }
}

/// The values written into the required statements, each checked by ``PolicyInputValidation``.
public struct PolicyInputs: Sendable, Equatable {
    /// The principal pattern every `aws:PrincipalArn` list starts with: the service's access roles.
    public static let defaultPrincipalArnPattern = "arn:aws:iam::*:role/ams-access-*"

    /// The trail's S3 bucket.
    public let bucket: String
    /// The AWS Organization whose principals may read the trail.
    public let organizationId: String
    /// The trail's S3 key prefix without leading or trailing slashes; nil when the trail has none.
    public let prefix: String?
    /// The prefix exactly as given, when slashes had to be trimmed from it; nil otherwise.
    public let untrimmedPrefix: String?
    /// ``defaultPrincipalArnPattern`` followed by the extra patterns in the order given, each once.
    public let principalArnPatterns: [String]

    /// Validates every value, in the order of the parameters; the first invalid one is thrown.
    public init(
        bucket: String, organizationId: String, prefix: String? = nil,
        extraPrincipalArnPatterns: [String] = []
    ) throws(PolicyInputError) {
        try PolicyInputValidation.validateBucketName(bucket)
        try PolicyInputValidation.validateOrganizationId(organizationId)
        self.bucket = bucket
        self.organizationId = organizationId
        self.prefix = try prefix.flatMap { value throws(PolicyInputError) in
            try PolicyInputValidation.normalizedPrefix(value)
        }
        untrimmedPrefix = prefix.flatMap { $0.hasPrefix("/") || $0.hasSuffix("/") ? $0 : nil }
        for pattern in extraPrincipalArnPatterns {
            try PolicyInputValidation.validatePrincipalArnPattern(pattern)
        }
        var patterns = [Self.defaultPrincipalArnPattern]
        for pattern in extraPrincipalArnPatterns where !patterns.contains(pattern) {
            patterns.append(pattern)
        }
        principalArnPatterns = patterns
    }
}

/// The statements that let the service's roles read the trail through Athena, exactly as the service expects them:
/// the same Sids, members in the same order, values in the same shapes.
public struct RequiredStatements: Sendable {
    /// The policy language version of rendered documents.
    public static let policyVersion = "2012-10-17"

    /// The values written into the statements.
    public let inputs: PolicyInputs

    /// The statements for `inputs`.
    public init(_ inputs: PolicyInputs) {
        self.inputs = inputs
    }

    /// The three bucket policy statements: bucket configuration audit, listing the logs, reading them.
    public var bucketStatements: [JSONValue] {
        let bucketArn = "arn:aws:s3:::\(inputs.bucket)"
        let logs = (inputs.prefix.map { "\($0)/" } ?? "") + "AWSLogs/*"
        return [
            [
                "Sid": "DONOTDELETE-AMS-ALLOWBUCKETCONFIGAUDIT",
                "Effect": "Allow",
                "Principal": ["AWS": "*"],
                "Action": [
                    "s3:GetBucketLogging", "s3:GetBucketObjectLockConfiguration", "s3:GetLifecycleConfiguration",
                    "s3:GetEncryptionConfiguration",
                ],
                "Resource": .string(bucketArn),
                "Condition": ["StringEquals": organization, "ArnLike": principalArns],
            ],
            [
                "Sid": "DONOTDELETE-AMS-ALLOWLISTBUCKET",
                "Effect": "Allow",
                "Principal": ["AWS": "*"],
                "Action": "s3:ListBucket",
                "Resource": .string(bucketArn),
                "Condition": [
                    "ForAnyValue:StringEquals": calledViaAthena, "StringLike": ["s3:prefix": .string(logs)],
                    "StringEquals": organization, "ArnLike": principalArns,
                ],
            ],
            [
                "Sid": "DONOTDELETE-AMS-ALLOWGETOBJECT",
                "Effect": "Allow",
                "Principal": ["AWS": "*"],
                "Action": "s3:GetObject",
                "Resource": .string("\(bucketArn)/\(logs)"),
                "Condition": [
                    "ForAnyValue:StringEquals": calledViaAthena, "StringEquals": organization,
                    "ArnLike": principalArns,
                ],
            ],
        ]
    }

    /// The statement every KMS key that encrypts the trail's objects needs: decrypting them through Athena.
    public var keyStatements: [JSONValue] {
        [
            [
                "Sid": "DONOTDELETE-AMS-ALLOWTRAILOBJECTDECRYPTION",
                "Effect": "Allow",
                "Principal": ["AWS": "*"],
                "Action": ["kms:Decrypt", "kms:DescribeKey"],
                "Resource": "*",
                "Condition": [
                    "ForAnyValue:StringEquals": calledViaAthena, "StringEquals": organization,
                    "ArnLike": principalArns,
                ],
            ]
        ]
    }

    /// The required statements of one policy.
    public func statements(for kind: PolicyKind) -> [JSONValue] {
        switch kind {
        case .bucket: return bucketStatements
        case .key: return keyStatements
        }
    }

    /// A policy document holding only the required statements of `kind`.
    public func document(for kind: PolicyKind) -> JSONValue {
        ["Version": .string(Self.policyVersion), "Statement": .array(statements(for: kind))]
    }

    /// Both documents: `{"bucketPolicy": …, "keyPolicy": …}`.
    public var bothDocuments: JSONValue {
        ["bucketPolicy": document(for: .bucket), "keyPolicy": document(for: .key)]
    }

    private var organization: JSONValue { ["aws:PrincipalOrgID": .string(inputs.organizationId)] }
    private var principalArns: JSONValue {
        ["aws:PrincipalArn": .array(inputs.principalArnPatterns.map(JSONValue.string))]
    }
    private var calledViaAthena: JSONValue { ["aws:CalledVia": "athena.amazonaws.com"] }
}
