import Foundation
import Testing

/// `trailgate athena` against moto_server on 127.0.0.1: StartQueryExecution, GetQueryExecution polled through
/// QUEUED and RUNNING, GetQueryResults with results seeded through moto's API, and Organizations ListAccounts.
@Suite("athena commands against moto", .serialized)
struct AthenaCommandTests {
    func trailgate(_ server: MotoServer, _ arguments: [String]) throws -> TrailGateProcess.Outcome {
        try TrailGateProcess.run(arguments + ["--endpoint-url", server.endpoint], environment: server.environment)
    }

    /// Queues result sets that moto hands to the next queries (`/moto-api/static/athena/query-results`); `types` are
    /// the columns' Athena types (default: every column `varchar`).
    func seed(_ server: MotoServer, columns: [String], types: [String]? = nil, rows: [[String?]]) throws {
        let header: [String: Any] = ["Data": columns.map { ["VarCharValue": $0] }]
        let data: [[String: Any]] = rows.map { row in
            ["Data": row.map { value -> [String: Any] in value.map { ["VarCharValue": $0] } ?? [:] }]
        }
        let body: [String: Any] = [
            "results": [
                [
                    "rows": [header] + data,
                    "column_info": zip(columns, types ?? columns.map { _ in "varchar" }).map {
                        ["Name": $0, "Type": $1]
                    },
                ]
            ]
        ]
        let payload = String(decoding: try JSONSerialization.data(withJSONObject: body), as: UTF8.self)
        _ = try MotoServer.run([
            "curl", "-sf", "-X", "POST", "-H", "Content-Type: application/json", "-d", payload,
            "\(server.endpoint)/moto-api/static/athena/query-results",
        ])
    }

    @Test(
        "athena run --investigation starts the rendered query, waits for it and prints every row, numbers as numbers")
    func investigation() throws {
        let server = try MotoServer()
        defer { server.stop() }
        try seed(
            server, columns: ["actor", "denied", "apis", "first_seen", "last_seen"],
            types: ["varchar", "bigint", "integer", "varchar", "varchar"],
            rows: [
                ["arn:aws:iam::123837392027:user/bert-jan", "15", "3", "2023-07-10T11:54:42Z", "2023-07-10T12:13:21Z"],
                ["arn:aws:iam::123837392027:user/benjamin", "1", "1", nil, nil],
            ])
        let outcome = try trailgate(
            server,
            [
                "athena", "run", "--investigation", "access-denied-by-principal", "--since", "2023-07-10",
                "--workgroup", "primary", "--output-location", "s3://results/", "--format", "json", "--verbose",
            ])
        #expect(outcome.exitCode == 0, "\(outcome.stderr)")
        let rows = try #require(try JSONSerialization.jsonObject(with: Data(outcome.stdout.utf8)) as? [[String: Any]])
        #expect(rows.count == 2)
        #expect(rows.first?["actor"] as? String == "arn:aws:iam::123837392027:user/bert-jan")
        #expect(rows.last?["first_seen"] is NSNull)
        #expect(
            outcome.stdout.contains(#""actor": "arn:aws:iam::123837392027:user/bert-jan", "denied": 15, "apis": 3,"#))
        #expect(outcome.stdout.contains(#""first_seen": null, "last_seen": null"#))
        for operation in ["StartQueryExecution", "GetQueryExecution", "GetQueryResults"] {
            #expect(outcome.stderr.contains("Athena \(operation) POST"), "\(operation) was called")
        }
        #expect(!outcome.stderr.contains("testing/"), "no credentials in the log")
        let queries = try server.awsCLI(["athena", "list-query-executions"]) as? [String: Any]
        let id = try #require((queries?["QueryExecutionIds"] as? [String])?.first)
        let execution =
            try server.awsCLI(["athena", "get-query-execution", "--query-execution-id", id]) as? [String: Any]
        let sql = try #require((execution?["QueryExecution"] as? [String: Any])?["Query"] as? String)
        #expect(sql.contains("\"timestamp\" >= '2023/07/10'") && sql.contains("FROM trailgate.cloudtrail"))
    }

    @Test(
        "athena run --sql prints a query's results as a table; a missing window or a results location without a bucket is exit 2"
    )
    func sql() throws {
        let server = try MotoServer()
        defer { server.stop() }
        try seed(server, columns: ["n"], rows: [["2900"]])
        let outcome = try trailgate(
            server, ["athena", "run", "--sql", "SELECT count(*) AS n FROM trailgate.cloudtrail"])
        #expect(outcome.exitCode == 0, "\(outcome.stderr)")
        #expect(outcome.stdout == "n\n----\n2900\n(1 row)\n")
        let missing = try trailgate(server, ["athena", "run", "--investigation", "root-activity"])
        #expect(missing.exitCode == 2 && missing.stderr.contains("--since is required with --investigation"))
        let bucketless = try trailgate(server, ["athena", "run", "--sql", "SELECT 1", "--output-location", "s3://"])
        #expect(
            bucketless.exitCode == 2
                && bucketless.stderr.contains("--output-location \"s3://\": expected s3://bucket/prefix/"))
    }

    @Test("athena ddl --accounts-from-organizations projects the organization's active accounts")
    func organizationAccounts() throws {
        let server = try MotoServer()
        defer { server.stop() }
        let script = """
            import boto3, json, sys
            org = boto3.client("organizations", endpoint_url=sys.argv[1], region_name="us-east-1")
            org.create_organization(FeatureSet="ALL")
            ids = [org.create_account(Email=f"a{i}@example.com", AccountName=f"a{i}")["CreateAccountStatus"]["AccountId"] for i in range(2)]
            print(json.dumps([a["Id"] for a in org.list_accounts()["Accounts"]]))
            """
        let output = try MotoServer.run(["python3", "-c", script, server.endpoint], environment: server.environment)
        let accounts = try #require(try JSONSerialization.jsonObject(with: Data(output.utf8)) as? [String])
        #expect(accounts.count == 3)
        let outcome = try trailgate(
            server,
            [
                "athena", "ddl", "--bucket", "org-trail", "--org-id", "o-abcdefghij",
                "--accounts-from-organizations", "--log-region", "us-east-1,eu-west-1",
            ])
        #expect(outcome.exitCode == 0, "\(outcome.stderr)")
        #expect(outcome.stdout.contains("'projection.account.values' = '\(accounts.joined(separator: ","))'"))
        let bad = try TrailGateProcess.run([
            "athena", "ddl", "--bucket", "org-trail", "--log-account", "12", "--log-region", "us-east-1",
        ])
        #expect(
            bad.exitCode == 2
                && bad.stderr == "trailgate: error: --log-account: \"12\" is not a 12-digit account id\n")
    }

    @Test("athena ddl --from-bucket adds the organization, accounts and Regions that have log folders in the bucket")
    func bucketFolders() throws {
        let server = try MotoServer()
        defer { server.stop() }
        let script = """
            import boto3, sys
            s3 = boto3.client("s3", endpoint_url=sys.argv[1], region_name="us-east-1")
            s3.create_bucket(Bucket="org-trail")
            root = "logs/AWSLogs/o-abcdefghij/"
            for key in ["111122223333/CloudTrail/us-east-1/2024/01/01/a.json.gz", "111122223333/CloudTrail/eu-west-1/2024/01/01/b.json.gz",
                        "444455556666/CloudTrail/ap-south-1/2024/01/02/c.json.gz", "444455556666/CloudTrail-Digest/sa-east-1/2024/01/02/d.json.gz",
                        "444455556666/CloudTrail-Insight/sa-east-1/2024/01/02/e.json.gz", "not-an-account/CloudTrail/us-west-2/2024/01/01/f.json.gz"]:
                s3.put_object(Bucket="org-trail", Key=root + key, Body=b"x")
            print("{}")
            """
        _ = try MotoServer.run(["python3", "-c", script, server.endpoint], environment: server.environment)
        let outcome = try trailgate(
            server,
            [
                "athena", "ddl", "--bucket", "org-trail", "--prefix", "logs", "--from-bucket",
                "--log-account", "777788889999",
            ])
        #expect(outcome.exitCode == 0, "\(outcome.stderr)")
        #expect(outcome.stdout.contains("'projection.account.values' = '777788889999,111122223333,444455556666'"))
        #expect(outcome.stdout.contains("'projection.region.values' = 'eu-west-1,us-east-1,ap-south-1'"))
        #expect(
            outcome.stdout.contains(
                "s3://org-trail/logs/AWSLogs/o-abcdefghij/${account}/CloudTrail/${region}/${timestamp}"))
        let empty = try trailgate(
            server, ["athena", "ddl", "--bucket", "org-trail", "--prefix", "elsewhere", "--from-bucket"])
        #expect(empty.exitCode == 2)
        #expect(
            empty.stderr
                == "trailgate: error: no CloudTrail log folders under s3://org-trail/elsewhere/AWSLogs/ (looked for "
                + "AWSLogs/<account>/CloudTrail/ and AWSLogs/o-…/<account>/CloudTrail/); pass --log-account to name them\n"
        )
        let noRegions = try trailgate(
            server,
            [
                "athena", "ddl", "--bucket", "org-trail", "--prefix", "logs", "--from-bucket", "--org-id",
                "o-abcdefghij", "--log-account", "777788889999,444455556666",
            ])
        #expect(noRegions.exitCode == 0, "the Regions of 444455556666 are found: \(noRegions.stderr)")
        let nothing = try trailgate(
            server,
            [
                "athena", "ddl", "--bucket", "org-trail", "--from-bucket", "--org-id", "o-abcdefghij",
                "--log-account", "777788889999",
            ])
        #expect(
            nothing.stderr
                == "trailgate: error: no Region folders under s3://org-trail/AWSLogs/ for 777788889999 (looked for "
                + "AWSLogs/o-abcdefghij/<account>/CloudTrail/<region>/); pass --log-region to name them\n")
    }
}
