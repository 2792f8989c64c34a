import EventStore
import Foundation
import Testing

@Suite("investigations")
struct InvestigationTests {
    static let all = InvestigationCatalogue.all.map(\.name)

    /// One fixture per investigation, each expected to be found by it (and the others by their own).
    static func fixtureRecords() -> [String] {
        let login = { (id: String, mfa: String, result: String) in
            Fixture.record(
                id: id, source: "signin.amazonaws.com", name: "ConsoleLogin",
                extra: "\"additionalEventData\":{\"MFAUsed\":\"\(mfa)\"}"
            )
            .replacingOccurrences(
                of: "\"responseElements\":null", with: "\"responseElements\":{\"ConsoleLogin\":\"\(result)\"}")
        }
        return [
            Fixture.record(
                id: "root-1", source: "s3.amazonaws.com", name: "ListBuckets", identity: Fixture.rootIdentity),
            login("login-1", "No", "Success"),
            login("login-2", "Yes", "Failure"),
            Fixture.record(
                id: "denied-1", source: "ec2.amazonaws.com", name: "DescribeInstances",
                error: "Client.UnauthorizedOperation"),
            Fixture.record(id: "denied-2", source: "iam.amazonaws.com", name: "ListUsers", error: "AccessDenied"),
            Fixture.record(id: "trail-1", source: "cloudtrail.amazonaws.com", name: "StopLogging"),
            Fixture.record(id: "iam-1"),
            Fixture.record(id: "kms-1", source: "kms.amazonaws.com", name: "ScheduleKeyDeletion"),
            Fixture.record(id: "s3-1", source: "s3.amazonaws.com", name: "PutBucketPolicy"),
            Fixture.record(id: "sg-1", source: "ec2.amazonaws.com", name: "AuthorizeSecurityGroupIngress"),
            Fixture.record(id: "region-1", source: "ec2.amazonaws.com", name: "RunInstances")
                .replacingOccurrences(of: "\"awsRegion\":\"us-east-1\"", with: "\"awsRegion\":\"ap-southeast-3\""),
        ]
    }

    func database() async throws -> (TemporaryFolder, String) {
        let folder = try TemporaryFolder()
        try folder.write("f.json", Fixture.file(Self.fixtureRecords()))
        _ = try await ingest([folder.url.path], into: folder.databasePath)
        return (folder, folder.databasePath)
    }

    @Test("the catalogue has at least ten investigations with unique names")
    func catalogue() {
        #expect(Self.all.count >= 10)
        #expect(Set(Self.all).count == Self.all.count)
        for name in [
            "root-activity", "console-login-without-mfa", "access-denied-by-principal", "cloudtrail-changes",
            "iam-changes",
            "kms-key-disable-or-delete", "s3-bucket-policy-changes", "security-group-changes", "unusual-regions",
            "principal-activity",
        ] {
            #expect(InvestigationCatalogue.named(name) != nil, "\(name)")
        }
    }

    @Test(
        "each investigation finds its fixture events",
        arguments: [
            ("root-activity", ["root-1"], "eventname", ["ListBuckets"]),
            ("console-login-without-mfa", [], "login_result", ["Success"]),
            ("console-login-failures", [], "login_result", []),
            ("cloudtrail-changes", [], "eventname", ["StopLogging"]),
            ("iam-changes", [], "user_name", ["mallory"]),
            ("kms-key-disable-or-delete", [], "eventname", ["ScheduleKeyDeletion"]),
            ("s3-bucket-policy-changes", [], "eventname", ["PutBucketPolicy"]),
            ("security-group-changes", [], "eventname", ["AuthorizeSecurityGroupIngress"]),
        ])
    func finds(name: String, unused: [String], column: String, expected: [String]) async throws {
        let (folder, path) = try await database()
        defer { _ = folder }
        let plan = InvestigationPlan(
            investigation: try #require(InvestigationCatalogue.named(name)), parameters: InvestigationParameters())
        let result = try query(path, plan.sqlite())
        #expect(result.columns == plan.columnNames)
        if let index = result.columns.firstIndex(of: column) {
            #expect(result.rows.map { $0[index] ?? "" } == expected, "\(name)")
        } else {
            #expect(name == "console-login-failures")
            #expect(result.rows.count == 1)
        }
    }

    @Test("aggregating investigations count per principal and Region; the time window and principal narrow")
    func aggregatesAndParameters() async throws {
        let (folder, path) = try await database()
        defer { _ = folder }
        let denied = InvestigationPlan(
            investigation: InvestigationCatalogue.named("access-denied-by-principal")!,
            parameters: InvestigationParameters())
        #expect(
            try query(path, denied.sqlite()).rows == [
                [
                    "arn:aws:sts::111122223333:assumed-role/Admin/alice", "2", "2",
                    "2024-03-01T10:00:00Z", "2024-03-01T10:00:00Z",
                ]
            ])
        var parameters = InvestigationParameters(allowedRegions: ["us-east-1"])
        let regions = InvestigationPlan(
            investigation: InvestigationCatalogue.named("unusual-regions")!, parameters: parameters)
        #expect(try query(path, regions.sqlite()).rows.map { $0[0] } == ["ap-southeast-3"])
        parameters = InvestigationParameters(principal: "arn:aws:iam::111122223333:role/Admin")
        let activity = InvestigationPlan(
            investigation: InvestigationCatalogue.named("principal-activity")!, parameters: parameters)
        #expect(try query(path, activity.sqlite()).rows.count == 10)
        parameters = InvestigationParameters(since: 1_709_287_201, principal: "ASIAEXAMPLE1")
        let later = InvestigationPlan(
            investigation: InvestigationCatalogue.named("principal-activity")!, parameters: parameters)
        #expect(try query(path, later.sqlite()).rows.isEmpty)
    }

    @Test(
        "unusual-regions reads its summary table, kept exact through a resumed ingest and duplicates, and equal to grouping the events"
    )
    func rollupMatchesEvents() async throws {
        let folder = try TemporaryFolder()
        let sources = try LocalLogTree.sources([Fixture.invictus], filter: IngestFilter())
        let store = try EventDatabase(path: folder.databasePath)
        _ = try await EventIngester(database: store).ingest(Array(sources.prefix(sources.count / 2)))
        _ = try await EventIngester(database: store).ingest(sources)
        let copy = try folder.write("copy/again.json", Fixture.file(Self.fixtureRecords()))
        _ = try await EventIngester(database: store).ingest(try LocalLogTree.sources([copy], filter: IngestFilter()))
        let again = try folder.write("copy/once-more.json", Fixture.file(Self.fixtureRecords()))
        let duplicates = try await EventIngester(database: store).ingest(
            try LocalLogTree.sources([again], filter: IngestFilter()))
        #expect(duplicates.recordsDuplicate > 0)
        let investigation = InvestigationCatalogue.named("unusual-regions")!
        let accounts = try query(folder.databasePath, "SELECT DISTINCT account FROM events ORDER BY 1").rows.compactMap
        { $0[0] }
        for parameters in [
            InvestigationParameters(limit: nil), InvestigationParameters(allowedRegions: ["us-east-1"], limit: nil),
            InvestigationParameters(accounts: [accounts[0]], regions: ["us-east-1", "eu-west-1"], limit: 5),
        ] {
            let summary = InvestigationPlan(investigation: investigation, parameters: parameters).sqlite()
            #expect(summary.contains("FROM region_activity"))
            var windowed = parameters
            windowed.since = 0
            let events = InvestigationPlan(investigation: investigation, parameters: windowed).sqlite()
            #expect(events.contains("FROM events"))
            let expected = try query(folder.databasePath, events)
            #expect(!expected.rows.isEmpty)
            #expect(try query(folder.databasePath, summary) == expected)
        }
    }

    @Test("Athena renderings add partition predicates with one day of padding after the window")
    func athenaPartitions() throws {
        let parameters = InvestigationParameters(
            since: 1_709_287_200, until: 1_709_373_599, accounts: ["111122223333"],
            regions: ["us-east-1"], limit: 50)
        let sql = InvestigationPlan(
            investigation: InvestigationCatalogue.named("root-activity")!, parameters: parameters
        )
        .athena(table: "trailgate.cloudtrail")
        #expect(sql.contains("(\"timestamp\" >= '2024/03/01' AND \"timestamp\" <= '2024/03/03')"))
        #expect(sql.contains("(account IN ('111122223333'))"))
        #expect(sql.contains("(region IN ('us-east-1'))"))
        #expect(sql.contains("from_iso8601_timestamp(eventtime) >= from_iso8601_timestamp('2024-03-01T10:00:00Z')"))
        #expect(sql.contains("useridentity.type = 'Root'"))
        #expect(sql.hasSuffix("ORDER BY eventtime ASC, eventid ASC\nLIMIT 50"))
        let local = InvestigationPlan(
            investigation: InvestigationCatalogue.named("root-activity")!, parameters: parameters
        ).sqlite()
        #expect(!local.contains("timestamp") && local.contains("eventts >= 1709287200"))
    }

    @Test("a quote in a parameter cannot break out of its literal")
    func quoting() throws {
        let plan = InvestigationPlan(
            investigation: InvestigationCatalogue.named("principal-activity")!,
            parameters: InvestigationParameters(principal: "x' OR '1'='1"))
        #expect(plan.sqlite().contains("'x'' OR ''1''=''1'"))
    }
}
