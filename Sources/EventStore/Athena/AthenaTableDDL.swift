/// Invalid input for the Athena table definition, naming the option.
public struct AthenaDDLError: Error, Sendable, Equatable, CustomStringConvertible {
    public var description: String
}

/// The `CREATE EXTERNAL TABLE` for a trail's logs on S3: AWS's CloudTrail column list with the Hive JSON SerDe and
/// CloudTrail input format, and partition projection over `account`, `region` and the delivery day `timestamp`,
/// so Athena never lists the bucket and reads only `CloudTrail/` objects (not digests or Insights).
public struct AthenaTableDDL: Sendable, Equatable {
    public var bucket: String
    public var prefix: String?
    public var organizationId: String?
    public var accounts: [String]
    public var regions: [String]
    public var database: String
    public var table: String
    /// The first delivery day, `YYYY/MM/DD`.
    public var startDay: String
    /// The last delivery day, `YYYY/MM/DD`; nil for today (`NOW`).
    public var endDay: String?

    public init(
        bucket: String, prefix: String? = nil, organizationId: String? = nil, accounts: [String], regions: [String],
        database: String = "trailgate", table: String = "cloudtrail", startDay: String = "2024/01/01",
        endDay: String? = nil
    ) throws {
        func fail(_ text: String) -> AthenaDDLError { AthenaDDLError(description: text) }
        guard !bucket.isEmpty, bucket.allSatisfy({ $0.isLowercase || $0.isNumber || $0 == "-" || $0 == "." }) else {
            throw fail("--bucket \"\(bucket)\": an S3 bucket name has only lowercase letters, digits, dots and hyphens")
        }
        if let prefix, prefix.contains(where: { $0 == "'" || $0 == "$" || $0 == "{" || $0 == "}" }) {
            throw fail("--prefix \"\(prefix)\": may not contain quotes, '$' or braces")
        }
        if let organizationId, !Self.isOrganizationId(organizationId) {
            throw fail("--org-id \"\(organizationId)\": expected o- and 10 to 32 lowercase letters or digits")
        }
        guard !accounts.isEmpty else { throw fail("--log-account: at least one account id is needed") }
        for account in accounts where !(account.count == 12 && account.allSatisfy(\.isASCIIDigit)) {
            throw fail("--log-account: \"\(account)\" is not a 12-digit account id")
        }
        guard !regions.isEmpty else { throw fail("--log-region: at least one Region is needed") }
        for region in regions
        where !(region.allSatisfy { $0.isLowercase || $0.isNumber || $0 == "-" } && !region.isEmpty) {
            throw fail("--log-region: \"\(region)\" is not a Region name")
        }
        for (option, name) in [("--database", database), ("--table", table)] where !Self.isIdentifier(name) {
            throw fail("\(option) \"\(name)\": use lowercase letters, digits and underscores, starting with a letter")
        }
        guard IngestFilter.dayNumber(startDay) != nil, startDay.count == 10 else {
            throw fail("--start \"\(startDay)\": expected a date that exists, as YYYY/MM/DD")
        }
        if let endDay, IngestFilter.dayNumber(endDay) == nil || endDay.count != 10 || endDay < startDay {
            throw fail("the last day \"\(endDay)\": expected a date that exists, as YYYY/MM/DD, not before \(startDay)")
        }
        self.bucket = bucket
        self.prefix = prefix.map(\.trimmingSlashes).flatMap { $0.isEmpty ? nil : $0 }
        self.organizationId = organizationId
        self.accounts = accounts
        self.regions = regions
        self.database = database
        self.table = table
        self.startDay = startDay
        self.endDay = endDay
    }

    static func isOrganizationId(_ text: String) -> Bool {
        text.hasPrefix("o-") && (12...34).contains(text.count)
            && text.dropFirst(2).allSatisfy { $0.isASCII && ($0.isLowercase || $0.isNumber) }
    }

    static func isIdentifier(_ text: String) -> Bool {
        guard let first = text.first, first.isASCII, first.isLetter else { return false }
        return text.allSatisfy { $0.isASCII && ($0.isLowercase || $0.isNumber || $0 == "_") }
    }

    /// `s3://bucket/[prefix/]AWSLogs/[o-…/]`.
    public var location: String {
        "s3://\(bucket)/" + (prefix.map { $0 + "/" } ?? "") + "AWSLogs/" + (organizationId.map { $0 + "/" } ?? "")
    }

    /// The table's qualified name, `database.table`.
    public var qualifiedName: String { "\(database).\(table)" }

    /// AWS's CloudTrail column list (Athena user guide, "Create the table for CloudTrail logs").
    public static let columns = """
          eventversion STRING,
          useridentity STRUCT<
            type: STRING,
            principalid: STRING,
            arn: STRING,
            accountid: STRING,
            invokedby: STRING,
            accesskeyid: STRING,
            username: STRING,
            onbehalfof: STRUCT<userid: STRING, identitystorearn: STRING>,
            sessioncontext: STRUCT<
              attributes: STRUCT<mfaauthenticated: STRING, creationdate: STRING>,
              sessionissuer: STRUCT<type: STRING, principalid: STRING, arn: STRING, accountid: STRING, username: STRING>,
              ec2roledelivery: STRING,
              webidfederationdata: STRUCT<federatedprovider: STRING, attributes: MAP<STRING, STRING>>>>,
          eventtime STRING,
          eventsource STRING,
          eventname STRING,
          awsregion STRING,
          sourceipaddress STRING,
          useragent STRING,
          errorcode STRING,
          errormessage STRING,
          requestparameters STRING,
          responseelements STRING,
          additionaleventdata STRING,
          requestid STRING,
          eventid STRING,
          readonly STRING,
          resources ARRAY<STRUCT<arn: STRING, accountid: STRING, type: STRING>>,
          eventtype STRING,
          apiversion STRING,
          recipientaccountid STRING,
          serviceeventdetails STRING,
          sharedeventid STRING,
          vpcendpointid STRING,
          vpcendpointaccountid STRING,
          eventcategory STRING,
          addendum STRUCT<reason: STRING, updatedfields: STRING, originalrequestid: STRING, originaleventid: STRING>,
          sessioncredentialfromconsole STRING,
          edgedevicedetails STRING,
          tlsdetails STRUCT<tlsversion: STRING, ciphersuite: STRING, clientprovidedhostheader: STRING>
        """

    /// The statement, ending with a semicolon and a newline.
    public var statement: String {
        """
        CREATE EXTERNAL TABLE IF NOT EXISTS \(database).\(table) (
        \(Self.columns)
        )
        COMMENT 'CloudTrail logs, generated by trailgate athena ddl'
        PARTITIONED BY (account STRING, region STRING, `timestamp` STRING)
        ROW FORMAT SERDE 'org.apache.hive.hcatalog.data.JsonSerDe'
        STORED AS INPUTFORMAT 'com.amazon.emr.cloudtrail.CloudTrailInputFormat'
        OUTPUTFORMAT 'org.apache.hadoop.hive.ql.io.HiveIgnoreKeyTextOutputFormat'
        LOCATION '\(location)'
        TBLPROPERTIES (
          'projection.enabled' = 'true',
          'projection.account.type' = 'enum',
          'projection.account.values' = '\(accounts.joined(separator: ","))',
          'projection.region.type' = 'enum',
          'projection.region.values' = '\(regions.joined(separator: ","))',
          'projection.timestamp.type' = 'date',
          'projection.timestamp.format' = 'yyyy/MM/dd',
          'projection.timestamp.range' = '\(startDay),\(endDay ?? "NOW")',
          'projection.timestamp.interval' = '1',
          'projection.timestamp.interval.unit' = 'DAYS',
          'storage.location.template' = '\(location)${account}/CloudTrail/${region}/${timestamp}'
        );

        """
    }
}
