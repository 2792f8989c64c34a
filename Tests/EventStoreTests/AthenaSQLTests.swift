import Foundation
import Testing

@testable import EventStore

/// The generated Athena SQL parses as Trino (sqlglot, the checker named in the issue) and selects the columns the
/// local rendering selects.
@Suite("Athena SQL")
struct AthenaSQLTests {
    /// Parses each statement with sqlglot's Trino dialect (Hive for DDL, which Athena runs on its Hive engine);
    /// returns, per statement, the output column names of a SELECT or "ok".
    static func sqlglot(_ statements: [(sql: String, dialect: String)]) throws -> [String] {
        let script = """
            import json, sys
            import sqlglot
            out = []
            for item in json.load(sys.stdin):
                tree = sqlglot.parse_one(item["sql"], read=item["dialect"])
                out.append(",".join(tree.named_selects) if isinstance(tree, sqlglot.exp.Select) else "ok")
            print(json.dumps(out))
            """
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["python3", "-c", script]
        let input = Pipe(), output = Pipe(), errors = Pipe()
        process.standardInput = input
        process.standardOutput = output
        process.standardError = errors
        try process.run()
        let payload = try JSONSerialization.data(
            withJSONObject: statements.map { ["sql": $0.sql, "dialect": $0.dialect] })
        input.fileHandleForWriting.write(payload)
        try input.fileHandleForWriting.close()
        let data = output.fileHandleForReading.readDataToEndOfFile()
        let failure = String(decoding: errors.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        process.waitUntilExit()
        try #require(
            process.terminationStatus == 0,
            "sqlglot (scripts/test installs it from requirements-test.txt) failed: \(failure)")
        return try #require(try JSONSerialization.jsonObject(with: data) as? [String])
    }

    @Test("every investigation's Athena SQL parses as Trino and selects the same columns as its SQLite SQL")
    func investigationsParse() async throws {
        let parameters = InvestigationParameters(
            since: 1_709_287_200, until: 1_709_373_599, principal: "arn:aws:iam::111122223333:user/bob",
            accounts: ["111122223333"], regions: ["us-east-1", "eu-west-1"],
            allowedRegions: ["us-east-1"])
        let plans = InvestigationCatalogue.all.map { InvestigationPlan(investigation: $0, parameters: parameters) }
        let parsed = try Self.sqlglot(plans.map { ($0.athena(table: "trailgate.cloudtrail"), "trino") })
        let folder = try TemporaryFolder()
        _ = try EventDatabase(path: folder.databasePath)
        for (plan, columns) in zip(plans, parsed) {
            #expect(columns == plan.columnNames.joined(separator: ","), "\(plan.investigation.name)")
            #expect(
                try query(folder.databasePath, plan.sqlite()).columns == plan.columnNames, "\(plan.investigation.name)")
        }
    }

    @Test("the DDL parses, projects account, region and day over the organization layout, and skips digests")
    func ddl() throws {
        let ddl = try AthenaTableDDL(
            bucket: "acme-org-trail", prefix: "/logs/", organizationId: "o-a1b2c3d4e5",
            accounts: ["111122223333", "444455556666"], regions: ["us-east-1", "eu-west-1"],
            startDay: "2025/01/01")
        let statement = ddl.statement
        #expect(try Self.sqlglot([(statement, "hive")]) == ["ok"])
        #expect(statement.contains("LOCATION 's3://acme-org-trail/logs/AWSLogs/o-a1b2c3d4e5/'"))
        #expect(
            statement.contains(
                "'storage.location.template' = 's3://acme-org-trail/logs/AWSLogs/o-a1b2c3d4e5/${account}/CloudTrail/${region}/${timestamp}'"
            ))
        #expect(statement.contains("'projection.account.values' = '111122223333,444455556666'"))
        #expect(statement.contains("'projection.timestamp.range' = '2025/01/01,NOW'"))
        #expect(statement.contains("PARTITIONED BY (account STRING, region STRING, `timestamp` STRING)"))
        #expect(!statement.contains("CloudTrail-Digest"))
        let single = try AthenaTableDDL(bucket: "b", accounts: ["111122223333"], regions: ["us-east-1"])
        #expect(single.location == "s3://b/AWSLogs/")
    }

    @Test("bad DDL input names the option")
    func ddlErrors() {
        #expect(throws: AthenaDDLError(description: "--log-account: \"1234\" is not a 12-digit account id")) {
            try AthenaTableDDL(bucket: "b", accounts: ["1234"], regions: ["us-east-1"])
        }
        #expect(
            throws: AthenaDDLError(
                description: "--org-id \"org-1\": expected o- and 10 to 32 lowercase letters or digits")
        ) {
            try AthenaTableDDL(bucket: "b", organizationId: "org-1", accounts: ["111122223333"], regions: ["us-east-1"])
        }
        #expect(throws: AthenaDDLError.self) {
            try AthenaTableDDL(bucket: "B'x", accounts: ["111122223333"], regions: ["us-east-1"])
        }
    }
}
