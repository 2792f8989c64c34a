import Foundation
import TrailGateBasics

/// Invalid input to `trailgate probe`, or a trail it cannot settle on; one line naming the option.
public struct ProbeInputError: Error, Sendable, Equatable, CustomStringConvertible {
    public var description: String

    public init(_ description: String) {
        self.description = description
    }
}

/// What `trailgate probe` probes and how: the role, the trail (or bucket and prefix), and the Athena settings.
public struct ProbeSettings: Sendable, Equatable {
    public var roleArn: String
    public var sessionName: String
    public var externalId: String?
    /// The trail's name or ARN; nil picks the one trail visible in the Region (ignored when ``bucket`` is set).
    public var trail: String?
    /// The bucket to probe instead of a trail's.
    public var bucket: String?
    public var prefix: String?
    /// The organization the trail's log folders are under (`AWSLogs/o-…/`), with ``bucket``.
    public var organizationId: String?
    public var workgroup: String
    public var outputLocation: String?
    /// An existing Glue database for the scratch table; nil creates a scratch database too.
    public var database: String?
    /// Leave the scratch table, database and query results in place.
    public var keep: Bool
    /// How many delivery days the query reads, ending at the newest log object's day (else today).
    public var days: Int
    /// The longest the probe waits for one Athena statement to finish.
    public var queryTimeout: Duration

    /// The account of ``roleArn``.
    public let roleAccount: String

    /// Settings checked for what AWS would refuse anyway: a role ARN, a session name, the days, an `s3://` output
    /// location; a problem is a ``ProbeInputError`` naming the option.
    public init(
        roleArn: String, sessionName: String = "trailgate-probe", externalId: String? = nil, trail: String? = nil,
        bucket: String? = nil, prefix: String? = nil, organizationId: String? = nil, workgroup: String = "primary",
        outputLocation: String? = nil, database: String? = nil, keep: Bool = false, days: Int = 7,
        queryTimeout: Duration = .seconds(30)
    ) throws(ProbeInputError) {
        guard let arn = ARN(roleArn), arn.partition.hasPrefix("aws"), arn.service == "iam", arn.region.isEmpty,
            arn.account.count == 12, arn.account.allSatisfy({ $0.isASCII && $0.isNumber }),
            arn.resource.hasPrefix("role/"), arn.resource.count > 5
        else {
            throw ProbeInputError(
                "--role-arn \"\(roleArn)\": expected a role ARN, arn:aws:iam::<12-digit account>:role/<name>")
        }
        let nameCharacters = Set("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789+=,.@-_")
        guard (2...64).contains(sessionName.count), sessionName.allSatisfy(nameCharacters.contains) else {
            throw ProbeInputError(
                "--role-session-name \"\(sessionName)\": 2 to 64 letters, digits and any of + = , . @ - _")
        }
        guard days > 0 else { throw ProbeInputError("--days must be a positive number of days") }
        if let outputLocation, S3Location(outputLocation) == nil {
            throw ProbeInputError("--output-location \"\(outputLocation)\": expected s3://bucket/prefix/")
        }
        if bucket == nil, prefix != nil || organizationId != nil {
            throw ProbeInputError("--prefix and --org-id go with --bucket (a trail's own are read from it)")
        }
        if bucket != nil, trail != nil { throw ProbeInputError("give --trail or --bucket, not both") }
        guard !workgroup.isEmpty else { throw ProbeInputError("--workgroup may not be empty") }
        self.roleArn = roleArn
        self.sessionName = sessionName
        self.externalId = externalId
        self.trail = trail
        self.bucket = bucket
        self.prefix = prefix
        self.organizationId = organizationId
        self.workgroup = workgroup
        self.outputLocation = outputLocation
        self.database = database
        self.keep = keep
        self.days = days
        self.queryTimeout = queryTimeout
        roleAccount = arn.account
    }
}
