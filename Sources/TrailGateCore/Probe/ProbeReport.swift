/// The steps `trailgate probe` runs as the role, in order; the raw value is the stable id reports use.
public enum ProbeStepID: String, Sendable, CaseIterable, Codable {
    case assumeRole = "probe.assume-role"
    case bucketConfig = "probe.bucket-config"
    case athenaTable = "probe.athena-table"
    case athenaQuery = "probe.athena-query"
    case directRead = "probe.direct-read"
    case cleanup = "probe.cleanup"

    /// True for the steps whose outcome decides the verdict (1–4); the direct read informs, the cleanup reports.
    public var decidesVerdict: Bool {
        switch self {
        case .assumeRole, .bucketConfig, .athenaTable, .athenaQuery: true
        case .directRead, .cleanup: false
        }
    }
}

/// How a probe step ended.
public enum ProbeStatus: String, Sendable, Codable {
    case pass
    case fail
    /// Not run: a step it needs failed.
    case skipped
    /// `probe.direct-read` only: the role's direct request was granted.
    case allowed
    /// `probe.direct-read` only: the role's direct request was refused.
    case refused
}

/// One AWS request a step made, and the AWS error it got, if any. Never holds credentials or signatures.
public struct ProbeRequest: Sendable, Equatable {
    /// The API operation, e.g. `GetBucketLogging` or `StartQueryExecution`.
    public var operation: String
    /// What the request was on: a bucket or object ARN, a key ARN, a role ARN, a query execution id, a database.
    /// A listing (ListObjectsV2) is written `arn:aws:s3:::<bucket>?prefix=<prefix>`, e.g.
    /// `arn:aws:s3:::trail-bucket?prefix=cloudtrail/AWSLogs/111122223333/CloudTrail/`: the explainer decides it as
    /// `s3:ListBucket` on the bucket with that `s3:prefix`.
    public var resource: String
    public var region: String
    /// The AWS error code, e.g. `AccessDenied`; nil when the request succeeded.
    public var errorCode: String?
    public var errorMessage: String?

    public init(
        operation: String, resource: String, region: String, errorCode: String? = nil, errorMessage: String? = nil
    ) {
        self.operation = operation
        self.resource = resource
        self.region = region
        self.errorCode = errorCode
        self.errorMessage = errorMessage
    }
}

/// The outcome of one step: its status, one line saying why, the requests it made and how long it took.
public struct ProbeStep: Sendable, Equatable {
    public var id: ProbeStepID
    public var status: ProbeStatus
    /// One line: what happened, in the user's terms (for a failure, AWS's words).
    public var summary: String
    public var requests: [ProbeRequest]
    public var elapsedMilliseconds: Int
    /// For a failed or refused step: the evaluator's explanation of the same request and the check that covers it,
    /// when the policies could be read; nil otherwise.
    public var explanation: String?
    /// Further lines under the step (the query's window and partitions, what was created, the rows' first values).
    public var details: [String]

    public init(
        id: ProbeStepID, status: ProbeStatus, summary: String, requests: [ProbeRequest] = [],
        elapsedMilliseconds: Int = 0, explanation: String? = nil, details: [String] = []
    ) {
        self.id = id
        self.status = status
        self.summary = summary
        self.requests = requests
        self.elapsedMilliseconds = elapsedMilliseconds
        self.explanation = explanation
        self.details = details
    }
}

/// The policies the caller could read with its own credentials, from which a failed step is explained.
public struct ProbePolicies: Sendable, Equatable {
    /// The organization of the role's account, for `aws:PrincipalOrgID`; nil when unknown.
    public var organizationId: String?
    /// The bucket policy as JSON text; nil when it could not be read.
    public var bucketPolicy: String?
    /// Key policies as JSON text, by key ARN: the keys that encrypt the trail's objects.
    public var keyPolicies: [String: String]
    /// The account that owns the bucket, which decides whether the role's requests cross accounts; nil when
    /// unknown (the requests are then judged as crossing accounts, as a centralized bucket's are).
    public var bucketOwnerAccountId: String?

    public init(
        organizationId: String? = nil, bucketPolicy: String? = nil, keyPolicies: [String: String] = [:],
        bucketOwnerAccountId: String? = nil
    ) {
        self.organizationId = organizationId
        self.bucketPolicy = bucketPolicy
        self.keyPolicies = keyPolicies
        self.bucketOwnerAccountId = bucketOwnerAccountId
    }
}

/// Everything `trailgate probe` found: the role, the trail and bucket it probed, and each step in order.
public struct ProbeReport: Sendable, Equatable {
    public var roleArn: String
    /// The session name the role was assumed with; nil when not recorded.
    public var roleSessionName: String?
    /// The trail probed; nil when the bucket and prefix were given instead.
    public var trailArn: String?
    public var bucket: String
    /// The key prefix the trail delivers under; nil for none.
    public var prefix: String?
    /// The scratch Athena objects and result locations the probe created, as `kind: name` lines (kept with `--keep`).
    public var created: [String]
    public var steps: [ProbeStep]
    /// What the caller could read of the policies in the way; explanations of failed steps come from them.
    public var policies: ProbePolicies

    public init(
        roleArn: String, roleSessionName: String? = nil, trailArn: String?, bucket: String, prefix: String?,
        created: [String] = [], steps: [ProbeStep], policies: ProbePolicies = ProbePolicies()
    ) {
        self.policies = policies
        self.roleArn = roleArn
        self.roleSessionName = roleSessionName
        self.trailArn = trailArn
        self.bucket = bucket
        self.prefix = prefix
        self.created = created
        self.steps = steps
    }

    /// Pass when every step that decides the verdict (assume-role, bucket-config, athena-table, athena-query) passed.
    public var passed: Bool {
        ProbeStepID.allCases.filter(\.decidesVerdict).allSatisfy { id in
            steps.first { $0.id == id }?.status == .pass
        }
    }
}
