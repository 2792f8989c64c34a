import AWSClient
import ArgumentParser
import EventStore
import Foundation
import TrailGateLive
import TrailObjects

/// `trailgate athena ddl`: print the CREATE EXTERNAL TABLE with partition projection.
struct AthenaDDLCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "ddl",
        abstract: "Print the CREATE EXTERNAL TABLE for a trail's logs, with partition projection.",
        discussion: """
            The table uses AWS's CloudTrail columns with the Hive JSON SerDe and
            CloudTrail input format, and projects the partitions account (enum), region
            (enum) and timestamp (the delivery day, yyyy/MM/dd) over
            [prefix/]AWSLogs/[o-…/]${account}/CloudTrail/${region}/${timestamp}, so
            digests and Insights are never read and no partition needs adding. The
            accounts and Regions projected are those of --log-account and --log-region.
            With --accounts-from-organizations the organization's active accounts are
            added (Organizations ListAccounts, from the management or a delegated
            administrator account). With --from-bucket the organization, accounts and
            Regions are also read from the bucket's log folders (S3 ListObjectsV2 with a
            delimiter: the o-… folder, the account folders under it, and the Region
            folders under each account's CloudTrail/); a Region appears there once the
            trail has delivered a file for it.

            Examples:
              trailgate athena ddl --bucket acme-org-trail --prefix cloudtrail \\
                --org-id o-a1b2c3d4e5 --log-account 111122223333,444455556666 \\
                --log-region us-east-1,eu-west-1 --start 2024/01/01
              trailgate athena ddl --bucket acme-org-trail --org-id o-a1b2c3d4e5 \\
                --accounts-from-organizations --log-region us-east-1 \\
                --profile management
              trailgate athena ddl --bucket acme-org-trail --prefix cloudtrail \\
                --from-bucket

            Exit codes: 0 printed, 2 invalid input or usage, 3 Organizations or S3
            could not be reached.
            """
    )

    @Option(help: "The trail's S3 bucket.")
    var bucket: String

    @Option(help: "The trail's S3 key prefix, if any.")
    var prefix: String?

    @OptionGroup var organization: OrganizationOptions

    @Option(
        name: .customLong("log-account"),
        help: ArgumentHelp("Account ids to project (repeatable, or comma-separated).", valueName: "account"))
    var logAccount: [String] = []

    @Flag(
        name: .customLong("accounts-from-organizations"),
        help: "Project the organization's active accounts (Organizations ListAccounts).")
    var accountsFromOrganizations = false

    @Option(
        name: .customLong("log-region"),
        help: ArgumentHelp(
            "Regions the trail logs (repeatable, or comma-separated; required unless --from-bucket).",
            valueName: "region"))
    var logRegion: [String] = []

    @Flag(
        name: .customLong("from-bucket"),
        help: "Add the organization, accounts and Regions that have log folders in the bucket.")
    var fromBucket = false

    @Option(help: "The table name.")
    var table = "cloudtrail"

    @Option(help: "The Glue database.")
    var database = "trailgate"

    @Option(help: "The first delivery day to project, YYYY/MM/DD.")
    var start = "2024/01/01"

    @OptionGroup var aws: AWSOptions

    func run() async throws {
        var organizationId = try organization.given()
        var accountIds = Self.list(logAccount)
        var regionNames = Self.list(logRegion)
        if accountsFromOrganizations || fromBucket {
            let found = try await aws.withSession(verbose: false) { session in
                try await discover(session, organizationId: organizationId, accountIds: accountIds)
            }
            organizationId = found.organizationId
            accountIds += found.accounts.filter { !accountIds.contains($0) }
            regionNames += found.regions.filter { !regionNames.contains($0) }
            if fromBucket {
                try Self.requireFolders(
                    accountIds, regionNames, bucket: bucket, prefix: prefix, organizationId: organizationId)
            }
        }
        do {
            let ddl = try AthenaTableDDL(
                bucket: bucket, prefix: prefix, organizationId: organizationId, accounts: accountIds,
                regions: regionNames, database: database, table: table, startDay: start)
            try StandardOutput.write(ddl.statement)
        } catch let error as AthenaDDLError {
            throw CLIFailure.invalidInput(error.description)
        }
    }

    /// The organization, accounts and Regions to add: active accounts from Organizations, and the folders the
    /// bucket holds logs in.
    private func discover(_ session: LiveSession, organizationId: String?, accountIds: [String]) async throws
        -> (organizationId: String?, accounts: [String], regions: [String])
    {
        var organizationId = organizationId
        var accounts = accountIds
        var regions: [String] = []
        if accountsFromOrganizations {
            accounts += try await session.clients.organizations.listActiveAccountIds().filter { !accounts.contains($0) }
        }
        if fromBucket {
            let objects = S3ObjectSource(s3: session.clients.s3, defaultRegion: session.region)
            let folders = LogFolders(objects: objects, bucket: bucket, prefix: prefix ?? "")
            if organizationId == nil { organizationId = try await folders.organization() }
            let delivered = try await folders.accounts(organization: organizationId)
            accounts += delivered.filter { !accounts.contains($0) }
            for account in accounts {
                let found = try await folders.regions(organization: organizationId, account: account)
                regions += found.filter { !regions.contains($0) }
            }
        }
        return (organizationId, accounts, regions)
    }

    /// The values of a repeatable option whose values may also be comma-separated.
    static func list(_ values: [String]) -> [String] {
        values.flatMap { $0.split(separator: ",") }.map { $0.trimmingCharacters(in: .whitespaces) }
            .filter { !$0.isEmpty }
    }

    /// After --from-bucket, an empty projection says what was looked for and where, and which option names it.
    static func requireFolders(
        _ accounts: [String], _ regions: [String], bucket: String, prefix: String?, organizationId: String?
    ) throws {
        let logs = "s3://\(bucket)/" + (prefix.map { $0.isEmpty ? "" : "\($0)/" } ?? "") + "AWSLogs/"
        guard !accounts.isEmpty else {
            let looked =
                organizationId.map { "AWSLogs/\($0)/<account>/CloudTrail/" }
                ?? "AWSLogs/<account>/CloudTrail/ and AWSLogs/o-…/<account>/CloudTrail/"
            throw CLIFailure.invalidInput(
                "no CloudTrail log folders under \(logs) (looked for \(looked)); pass --log-account to name them")
        }
        guard !regions.isEmpty else {
            let root = "AWSLogs/" + (organizationId.map { "\($0)/" } ?? "")
            throw CLIFailure.invalidInput(
                "no Region folders under \(logs) for \(accounts.joined(separator: ", ")) (looked for "
                    + "\(root)<account>/CloudTrail/<region>/); pass --log-region to name them")
        }
    }
}
