/// The `events` table: one row per CloudTrail record, keyed by `eventid`.
///
/// Column names are those of AWS's Athena CloudTrail table, so a query written for one runs on the other; nested
/// objects (`useridentity`, `requestparameters`, `resources`, …) are kept as the JSON text the record held. Flattened,
/// indexed columns hold what investigations filter on, and `account`/`region`/`date` play Athena's partitions.
public enum EventSchema {
    /// How a column's value is taken from a record.
    public enum Source: Sendable, Equatable {
        /// A top-level member of the record, stored as written: strings unescaped, objects and arrays as JSON text,
        /// numbers as their text, `true`/`false` as `'true'`/`'false'`.
        case member(String)
        /// A member of `userIdentity`, possibly nested (`sessionContext.sessionIssuer.arn`).
        case identity([String])
        /// Computed during ingest (time, partitions, source key, kept JSON).
        case derived
    }

    /// One column of `events`.
    public struct Column: Sendable, Equatable {
        public var name: String
        public var sqlType: String
        public var source: Source
        /// Shown in `docs/logs.md` and `logs query --help`.
        public var meaning: String

        /// True for the free-form members kept as JSON text (`(JSON)` in their meaning); read them with
        /// `json_extract(column, '$.path')` or `column ->> '$.path'`.
        public var holdsJSON: Bool { meaning.hasSuffix("(JSON)") || meaning.hasSuffix("(JSON array)") }
    }

    /// The record members stored in their own Athena-named column, in Athena's order, then those the AWS DDL lacks.
    public static let recordColumns: [Column] = [
        member("eventversion", "eventVersion", "record format version, e.g. 1.08"),
        member("useridentity", "userIdentity", "who made the request (JSON)"),
        member("eventtime", "eventTime", "when the request completed, ISO 8601 UTC as written"),
        member("eventsource", "eventSource", "service, e.g. iam.amazonaws.com"),
        member("eventname", "eventName", "API action"),
        member("awsregion", "awsRegion", "Region the request was made to"),
        member("sourceipaddress", "sourceIPAddress", "caller IP address or service name"),
        member("useragent", "userAgent", "caller's user agent"),
        member("errorcode", "errorCode", "AWS error code, NULL on success"),
        member("errormessage", "errorMessage", "AWS error message"),
        member("requestparameters", "requestParameters", "request parameters (JSON)"),
        member("responseelements", "responseElements", "response elements (JSON)"),
        member("additionaleventdata", "additionalEventData", "additional data (JSON)"),
        member("requestid", "requestID", "request id"),
        member("eventid", "eventID", "unique event id (the primary key)"),
        member("readonly", "readOnly", "'true' or 'false'"),
        member("resources", "resources", "resources accessed (JSON array)"),
        member("eventtype", "eventType", "AwsApiCall, AwsServiceEvent, AwsConsoleSignIn, AwsCloudTrailInsight, …"),
        member("apiversion", "apiVersion", "API version"),
        member("recipientaccountid", "recipientAccountId", "account that received the event"),
        member("serviceeventdetails", "serviceEventDetails", "service event details (JSON)"),
        member("sharedeventid", "sharedEventID", "id shared by copies delivered to several accounts"),
        member("vpcendpointid", "vpcEndpointId", "VPC endpoint used"),
        member("vpcendpointaccountid", "vpcEndpointAccountId", "owner of the VPC endpoint"),
        member("eventcategory", "eventCategory", "Management, Data, Insight or NetworkActivity"),
        member("addendum", "addendum", "correction of an earlier record (JSON)"),
        member("sessioncredentialfromconsole", "sessionCredentialFromConsole", "'true' for console sessions"),
        member("edgedevicedetails", "edgeDeviceDetails", "edge device details (JSON)"),
        member("tlsdetails", "tlsDetails", "TLS version and cipher (JSON)"),
        member("managementevent", "managementEvent", "'true' for management events"),
        member("insightdetails", "insightDetails", "Insights event details (JSON)"),
        member("eventcontext", "eventContext", "enrichment context (JSON)"),
    ]

    /// Flattened `userIdentity` members, indexed for investigations.
    public static let identityColumns: [Column] = [
        identity("useridentity_type", ["type"], "Root, IAMUser, AssumedRole, AWSService, …"),
        identity("useridentity_principalid", ["principalId"], "principal id"),
        identity("useridentity_arn", ["arn"], "principal ARN"),
        identity("useridentity_accountid", ["accountId"], "principal's account"),
        identity("useridentity_accesskeyid", ["accessKeyId"], "access key used"),
        identity("useridentity_username", ["userName"], "user name"),
        identity("useridentity_invokedby", ["invokedBy"], "service that made the request for the principal"),
        identity(
            "sessionissuer_arn", ["sessionContext", "sessionIssuer", "arn"], "role behind an assumed-role session"),
        identity(
            "mfaauthenticated", ["sessionContext", "attributes", "mfaAuthenticated"], "'true' when the session used MFA"
        ),
    ]

    /// Columns computed at ingest.
    public static let derivedColumns: [Column] = [
        Column(
            name: "actor", sqlType: "TEXT", source: .derived,
            meaning:
                "coalesce(useridentity_arn, sessionissuer_arn, useridentity_invokedby, useridentity_principalid, useridentity_type)"
        ),
        Column(name: "eventts", sqlType: "INTEGER", source: .derived, meaning: "eventtime as Unix seconds (sortable)"),
        Column(
            name: "account", sqlType: "TEXT", source: .derived,
            meaning: "account of the object key (AWSLogs/…/<account>/), else recipientaccountid"),
        Column(name: "region", sqlType: "TEXT", source: .derived, meaning: "Region of the object key, else awsregion"),
        Column(
            name: "date", sqlType: "TEXT", source: .derived,
            meaning: "delivery day YYYY/MM/DD of the object key, else of eventtime"),
        Column(
            name: "sourcekey", sqlType: "TEXT", source: .derived,
            meaning: "file path or s3://bucket/key the record came from"),
        Column(
            name: "extrafields", sqlType: "TEXT", source: .derived,
            meaning: "members with no column of their own, as a JSON object (NULL when none)"),
        Column(
            name: "rawrecord", sqlType: "TEXT", source: .derived,
            meaning: "the whole record as written, kept for eventVersions newer than this schema knows"),
    ]

    /// Every column, in table order: the short values investigations filter and index on first, then the JSON
    /// members, then the source key and the kept JSON. Rows then decode their indexed values from the start of the
    /// record, which makes index builds and scans cheaper; queries name columns, so the order is not visible.
    public static let columns: [Column] = {
        let trailing: Set<String> = ["sourcekey", "extrafields", "rawrecord"]
        let body = identityColumns + derivedColumns.filter { !trailing.contains($0.name) } + recordColumns
        return body.filter { !$0.holdsJSON } + body.filter(\.holdsJSON)
            + derivedColumns.filter { trailing.contains($0.name) }
    }()

    /// The newest `eventVersion` this schema maps member by member; a record with a higher one also keeps `rawrecord`.
    public static let newestKnownVersion = (major: 1, minor: 11)

    /// An index of `events`; `partial` limits it to the rows a filter can match (queries whose condition implies it use it).
    public struct Index: Sendable, Equatable {
        public var name: String
        public var columns: String
        public var partial: String?
        public var unique = false

        /// `CREATE [UNIQUE] INDEX IF NOT EXISTS …`.
        public var createStatement: String {
            "CREATE \(unique ? "UNIQUE " : "")INDEX IF NOT EXISTS \(name) ON events(\(columns))"
                + (partial.map { " WHERE \($0)" } ?? "")
        }
    }

    /// Keeps `eventid` unique (stores made before it have the table's own UNIQUE constraint instead); see
    /// ``UniqueEvents``.
    public static let eventIDIndex = Index(name: "events_eventid", columns: "eventid", unique: true)

    /// Indexes for the filters investigations use.
    public static let indexes: [Index] = [
        Index(name: "events_eventts", columns: "eventts"),
        // With the time, so a listing picks its first rows in time order from the index alone.
        Index(name: "events_source_name", columns: "eventsource, eventname, eventts"),
        Index(name: "events_actor", columns: "actor, eventts"),
        Index(name: "events_accesskey", columns: "useridentity_accesskeyid, eventts"),
        // Only a few percent of events come from assumed-role sessions or fail: partial indexes are that much smaller.
        Index(name: "events_sessionissuer", columns: "sessionissuer_arn", partial: "sessionissuer_arn IS NOT NULL"),
        Index(name: "events_identitytype", columns: "useridentity_type"),
        // Covering the error investigations: they group failed calls without reading the rows.
        Index(
            name: "events_errorcode", columns: "errorcode, eventsource, eventname, actor, eventtime",
            partial: "errorcode IS NOT NULL"),
    ]

    /// Statements that create the schema in an empty database (idempotent).
    public static var createStatements: [String] {
        let definitions = columns.map { column in
            column.name == "eventid"
                ? "\(quoted(column.name)) TEXT NOT NULL" : "\(quoted(column.name)) \(column.sqlType)"
        }
        var statements = ["CREATE TABLE IF NOT EXISTS events (\n  " + definitions.joined(separator: ",\n  ") + "\n)"]
        statements += indexes.map(\.createStatement)
        statements.append(
            """
            CREATE TABLE IF NOT EXISTS ingested_objects (
              sourcekey TEXT PRIMARY KEY,
              size INTEGER NOT NULL,
              records INTEGER NOT NULL,
              inserted INTEGER NOT NULL,
              rejected INTEGER NOT NULL,
              ingestedat TEXT NOT NULL
            )
            """)
        for investigation in InvestigationCatalogue.all {
            statements += investigation.rollup?.createStatements(investigation) ?? []
        }
        return statements
    }

    /// `date` is a keyword in some dialects; quote every name the same way.
    static func quoted(_ name: String) -> String { "\"\(name)\"" }

    private static func member(_ name: String, _ key: String, _ meaning: String) -> Column {
        Column(name: name, sqlType: "TEXT", source: .member(key), meaning: meaning)
    }

    private static func identity(_ name: String, _ path: [String], _ meaning: String) -> Column {
        Column(name: name, sqlType: "TEXT", source: .identity(path), meaning: meaning)
    }
}
