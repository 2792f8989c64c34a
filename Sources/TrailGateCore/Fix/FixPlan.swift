import OrderedJSON

/// The AWS resource a change applies to.
public struct FixResource: Sendable, Equatable, Hashable, CustomStringConvertible {
    public enum Kind: String, Sendable {
        case trail
        case bucket
        case key
    }

    public var kind: Kind
    /// The trail's ARN, the bucket's name or the key's ARN.
    public var name: String
    /// The Region the calls go to.
    public var region: String

    public init(kind: Kind, name: String, region: String) {
        self.kind = kind
        self.name = name
        self.region = region
    }

    public var description: String { "\(kind.rawValue) \(name)" }
}

/// One setting of a resource that a change replaces; a backup holds its document before the change.
public enum FixAspect: String, Sendable, CaseIterable {
    /// `IsMultiRegionTrail`, `IncludeGlobalServiceEvents`, `LogFileValidationEnabled` of `describe-trails`.
    case trailSettings = "trail-settings"
    /// `get-event-selectors`.
    case eventSelectors = "event-selectors"
    /// `IsLogging` of `get-trail-status`.
    case trailLogging = "trail-logging"
    /// `get-bucket-policy`'s `Policy` text.
    case bucketPolicy = "bucket-policy"
    /// `get-bucket-lifecycle-configuration`.
    case lifecycle
    /// `get-bucket-ownership-controls`.
    case ownershipControls = "ownership-controls"
    /// `get-bucket-logging`.
    case accessLogging = "access-logging"
    /// `get-bucket-encryption`.
    case encryption
    /// `get-key-policy --policy-name default`'s `Policy` text.
    case keyPolicy = "key-policy"

    /// Where a change of this aspect goes in the apply order: key and bucket policies first (so the service and
    /// CloudTrail keep their access whatever follows), ownership after the policies, the trail last (so it never
    /// delivers to a bucket that is not ready for it).
    public var applyOrder: Int {
        switch self {
        case .keyPolicy: return 0
        case .bucketPolicy: return 1
        case .encryption: return 2
        case .lifecycle: return 3
        case .accessLogging: return 4
        case .ownershipControls: return 5
        case .eventSelectors: return 6
        case .trailSettings: return 7
        case .trailLogging: return 8
        }
    }
}

/// A write call with its complete request.
public enum FixAction: Sendable, Equatable {
    /// `UpdateTrail` with this input (`Name` and the settings to change).
    case updateTrail(JSONValue)
    /// `PutEventSelectors` with this input.
    case putEventSelectors(JSONValue)
    case startLogging
    /// `PutBucketPolicy` with this policy text.
    case putBucketPolicy(String)
    /// `PutBucketLifecycleConfiguration` with this configuration (`{"Rules": [...]}`).
    case putBucketLifecycleConfiguration(JSONValue)
    /// `PutBucketOwnershipControls` with these controls (`{"Rules": [...]}`).
    case putBucketOwnershipControls(JSONValue)
    /// `PutBucketLogging` with this status (`{"LoggingEnabled": {...}}`).
    case putBucketLogging(JSONValue)
    /// `PutBucketEncryption` with this configuration (`{"Rules": [...]}`).
    case putBucketEncryption(JSONValue)
    /// `PutKeyPolicy` of the `default` policy with this text.
    case putKeyPolicy(String)

    /// The setting the call replaces.
    public var aspect: FixAspect {
        switch self {
        case .updateTrail: return .trailSettings
        case .putEventSelectors: return .eventSelectors
        case .startLogging: return .trailLogging
        case .putBucketPolicy: return .bucketPolicy
        case .putBucketLifecycleConfiguration: return .lifecycle
        case .putBucketOwnershipControls: return .ownershipControls
        case .putBucketLogging: return .accessLogging
        case .putBucketEncryption: return .encryption
        case .putKeyPolicy: return .keyPolicy
        }
    }

    /// The API operation.
    public var operation: String {
        switch self {
        case .updateTrail: return "UpdateTrail"
        case .putEventSelectors: return "PutEventSelectors"
        case .startLogging: return "StartLogging"
        case .putBucketPolicy: return "PutBucketPolicy"
        case .putBucketLifecycleConfiguration: return "PutBucketLifecycleConfiguration"
        case .putBucketOwnershipControls: return "PutBucketOwnershipControls"
        case .putBucketLogging: return "PutBucketLogging"
        case .putBucketEncryption: return "PutBucketEncryption"
        case .putKeyPolicy: return "PutKeyPolicy"
        }
    }

    /// The request as the API takes it, in the AWS CLI's JSON names (`--cli-input-json` form).
    public func request(on resource: FixResource) -> JSONValue {
        switch self {
        case .updateTrail(let input), .putEventSelectors(let input):
            return input
        case .startLogging:
            return ["Name": .string(resource.name)]
        case .putBucketPolicy(let policy):
            return ["Bucket": .string(resource.name), "Policy": .string(policy)]
        case .putBucketLifecycleConfiguration(let configuration):
            return ["Bucket": .string(resource.name), "LifecycleConfiguration": configuration]
        case .putBucketOwnershipControls(let controls):
            return ["Bucket": .string(resource.name), "OwnershipControls": controls]
        case .putBucketLogging(let status):
            return ["Bucket": .string(resource.name), "BucketLoggingStatus": status]
        case .putBucketEncryption(let configuration):
            return ["Bucket": .string(resource.name), "ServerSideEncryptionConfiguration": configuration]
        case .putKeyPolicy(let policy):
            return ["KeyId": .string(resource.name), "PolicyName": "default", "Policy": .string(policy)]
        }
    }

    /// The same call as an AWS CLI command: the one builder of every remediation command that changes a setting,
    /// for the check findings and the fix plan alike, always with `--region` and the exact resource.
    public func cliCommand(on resource: FixResource) -> String {
        cliCommand(on: resource, document: nil)
    }

    /// The same call as an AWS CLI command that reads its document (policy, configuration, selectors) from `file`
    /// (`file://…`): the form a finding prints when the user downloads, edits or merges the document first.
    public func cliCommand(on resource: FixResource, documentFile file: String) -> String {
        cliCommand(on: resource, document: "file://" + file)
    }

    private func cliCommand(on resource: FixResource, document: String?) -> String {
        let region = " --region \(shellWord(resource.region))"
        let bucket = "--bucket \(shellWord(resource.name))"
        func argument(_ inline: String) -> String { document.map(shellWord) ?? shellQuoted(inline) }
        switch self {
        case .updateTrail(let input):
            var flags = ""
            for (key, flag) in [
                ("IsMultiRegionTrail", "is-multi-region-trail"),
                ("IncludeGlobalServiceEvents", "include-global-service-events"),
                ("EnableLogFileValidation", "enable-log-file-validation"),
            ] {
                if let value = input[key]?.boolValue { flags += value ? " --\(flag)" : " --no-\(flag)" }
            }
            return "aws cloudtrail update-trail --name \(shellWord(resource.name))\(flags)\(region)"
        case .putEventSelectors(let input):
            let selectors =
                input["AdvancedEventSelectors"].map { "--advanced-event-selectors \(argument($0.serialized()))" }
                ?? "--event-selectors \(argument((input["EventSelectors"] ?? []).serialized()))"
            return "aws cloudtrail put-event-selectors --trail-name \(shellWord(resource.name)) \(selectors)\(region)"
        case .startLogging:
            return "aws cloudtrail start-logging --name \(shellWord(resource.name))\(region)"
        case .putBucketPolicy(let policy):
            return "aws s3api put-bucket-policy \(bucket) --policy \(argument(policy))\(region)"
        case .putBucketLifecycleConfiguration(let configuration):
            return
                "aws s3api put-bucket-lifecycle-configuration \(bucket) --lifecycle-configuration \(argument(configuration.serialized()))\(region)"
        case .putBucketOwnershipControls(let controls):
            return
                "aws s3api put-bucket-ownership-controls \(bucket) --ownership-controls \(argument(controls.serialized()))\(region)"
        case .putBucketLogging(let status):
            return
                "aws s3api put-bucket-logging \(bucket) --bucket-logging-status \(argument(status.serialized()))\(region)"
        case .putBucketEncryption(let configuration):
            return
                "aws s3api put-bucket-encryption \(bucket) --server-side-encryption-configuration \(argument(configuration.serialized()))\(region)"
        case .putKeyPolicy(let policy):
            return
                "aws kms put-key-policy --key-id \(shellWord(resource.name)) --policy-name default --policy \(argument(policy))\(region)"
        }
    }

    /// The read command that saves this call's current document into `file`, for a document the user merges or
    /// edits before putting it back (bucket policy, key policy, lifecycle configuration); nil for the others.
    public func readCommand(on resource: FixResource, into file: String) -> String? {
        let tail = " --region \(shellWord(resource.region)) > \(shellWord(file))"
        switch self {
        case .putBucketPolicy:
            return
                "aws s3api get-bucket-policy --bucket \(shellWord(resource.name)) --query Policy --output text\(tail)"
        case .putBucketLifecycleConfiguration:
            return "aws s3api get-bucket-lifecycle-configuration --bucket \(shellWord(resource.name))\(tail)"
        case .putKeyPolicy:
            return
                "aws kms get-key-policy --key-id \(shellWord(resource.name)) --policy-name default --query Policy --output text\(tail)"
        case .updateTrail, .putEventSelectors, .startLogging, .putBucketOwnershipControls, .putBucketLogging,
            .putBucketEncryption:
            return nil
        }
    }
}

/// One change of the plan: the call, why, and the document before and after.
public struct PlannedChange: Sendable, Equatable {
    public var resource: FixResource
    public var action: FixAction
    /// The failing checks the change makes pass.
    public var checkIds: [CheckID]
    /// What the change does, in one or two sentences.
    public var summary: String
    /// The setting's document now (null when there is none); what a diff starts from.
    public var before: JSONValue
    /// The setting's document after the change.
    public var after: JSONValue
    /// Remarks a reviewer should read (side effects, preconditions checked when applying).
    public var notes: [String]
    /// What the user must do instead when AWS refuses this call, for a change whose permission cannot be known
    /// before it is made. Such a change is made before every other one, so a refusal stops the apply with nothing
    /// changed; nil for every other change.
    public var stepIfRefused: ManualStep?

    public init(
        resource: FixResource, action: FixAction, checkIds: [CheckID], summary: String, before: JSONValue,
        after: JSONValue, notes: [String] = [], stepIfRefused: ManualStep? = nil
    ) {
        self.resource = resource
        self.action = action
        self.checkIds = checkIds
        self.summary = summary
        self.before = before
        self.after = after
        self.notes = notes
        self.stepIfRefused = stepIfRefused
    }

    /// Where the change goes in the apply order: changes that may be refused first, then by ``FixAspect/applyOrder``.
    public var applyOrder: Int { stepIfRefused == nil ? action.aspect.applyOrder + 1 : 0 }
}

/// A failing check that configuration cannot fix, with what the user must do.
public struct ManualStep: Sendable, Equatable {
    public var checkId: CheckID
    public var summary: String
    /// Commands or instructions, when there are any.
    public var steps: [String]
    /// True when the step is a failed precondition of a change the plan cannot make: `--apply` stops before any
    /// change until it is done.
    public var blocksApply: Bool

    public init(checkId: CheckID, summary: String, steps: [String] = [], blocksApply: Bool = false) {
        self.checkId = checkId
        self.summary = summary
        self.steps = steps
        self.blocksApply = blocksApply
    }
}

/// Everything `fix` would do for one trail.
public struct FixPlan: Sendable, Equatable {
    public var trailARN: String
    /// The changes in the order they are applied.
    public var changes: [PlannedChange]
    public var manualSteps: [ManualStep]

    public init(trailARN: String, changes: [PlannedChange], manualSteps: [ManualStep]) {
        self.trailARN = trailARN
        self.changes = changes.enumerated()
            .sorted { ($0.element.applyOrder, $0.offset) < ($1.element.applyOrder, $1.offset) }
            .map(\.element)
        self.manualSteps = manualSteps
    }

    /// The first manual step that stops `--apply` before any change, if there is one.
    public var blockingStep: ManualStep? { manualSteps.first(where: \.blocksApply) }

    /// True when there is nothing to change and nothing to do by hand.
    public var isEmpty: Bool { changes.isEmpty && manualSteps.isEmpty }
}
