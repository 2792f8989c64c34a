import Foundation
import Testing

/// `trailgate snapshot --organization` against moto_server's organization-readiness scenario, through
/// fault_proxy.py's organization mode (the organization trail's shadow copy in member accounts, and AssumeRole
/// refused for the role deleted from one account, which moto alone does not do).
@Suite("Organization snapshot against moto", .serialized)
struct OrganizationSnapshotTests {
    /// A moto server with the scenario built and the proxy in front of it.
    final class Organization {
        let server: MotoServer
        let proxy: FaultProxy
        let created: [String: Any]
        let directory: URL

        /// With `missingRole`, AssumeRole of a role of that name is refused in every account, as AWS refuses a role
        /// that does not exist (moto assumes any ARN).
        init(missingRole: String? = nil) throws {
            server = try MotoServer()
            do {
                created = try server.scenario("organization-readiness")
                directory = FileManager.default.temporaryDirectory.appendingPathComponent(UUID().uuidString)
                try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
                let file = directory.appendingPathComponent("proxy.json")
                var proxyConfiguration = try #require(created["proxy"] as? [String: Any])
                if let missingRole {
                    let accounts =
                        (created["accounts"] as? [String: String] ?? [:]).values.sorted()
                        + [created["logArchive"] as? String ?? ""]
                    proxyConfiguration["unassumableRoles"] = accounts.map { "arn:aws:iam::\($0):role/\(missingRole)" }
                }
                try JSONSerialization.data(withJSONObject: proxyConfiguration).write(to: file)
                proxy = try FaultProxy(mode: "organization:\(file.path)", upstream: server.endpoint)
            } catch {
                server.stop()
                throw error
            }
        }

        func stop() {
            proxy.stop()
            server.stop()
            try? FileManager.default.removeItem(at: directory)
        }

        func string(_ key: String) throws -> String { try #require(created[key] as? String) }
        func account(_ key: String) throws -> String {
            try #require((created["accounts"] as? [String: String])?[key])
        }

        /// `trailgate <arguments> --endpoint-url <proxy>`.
        func run(_ arguments: [String]) throws -> TrailGateProcess.Outcome {
            try TrailGateProcess.run(arguments + ["--endpoint-url", proxy.endpoint], environment: server.environment)
        }

        /// The snapshot `snapshot --organization <extra>` prints, parsed.
        func snapshot(_ extra: [String] = []) throws -> [String: Any] {
            let outcome = try run(["snapshot", "--organization"] + extra)
            try #require(outcome.exitCode == 0, "\(outcome.stderr)")
            return try #require(try JSONSerialization.jsonObject(with: Data(outcome.stdout.utf8)) as? [String: Any])
        }
    }

    static let queryPattern = "arn:aws:iam::*:role/acme-query-*"

    static func scan(_ snapshot: [String: Any]) throws -> [String: Any] {
        try #require(snapshot["organizationScan"] as? [String: Any])
    }

    static func members(_ snapshot: [String: Any]) throws -> [String: [String: Any]] {
        try #require(try scan(snapshot)["memberAccounts"] as? [String: [String: Any]])
    }

    @Test("every slot of the contract: the OU tree, each policy once, each account's trails, roles and policies")
    func contract() throws {
        let organization = try Organization()
        defer { organization.stop() }
        let outcome = try organization.run(["snapshot", "--organization", "--principal-arn-pattern", Self.queryPattern])
        try #require(outcome.exitCode == 0, "\(outcome.stderr)")
        #expect(!outcome.stdout.contains("SecretAccessKey") && !outcome.stdout.contains("SessionToken"))
        let snapshot = try #require(
            try JSONSerialization.jsonObject(with: Data(outcome.stdout.utf8)) as? [String: Any])
        #expect(snapshot["snapshotVersion"] as? Int == 2)
        let scan = try Self.scan(snapshot)
        #expect(
            Array(scan.keys).sorted() == [
                "accounts", "assumeRoleName", "bucketAccount", "managedPolicies", "memberAccounts",
                "organizationalUnits", "policies", "policiesForTarget", "principalArnPatterns", "roots", "selection",
            ])
        #expect(scan["assumeRoleName"] as? String == "OrganizationAccountAccessRole")
        #expect(scan["principalArnPatterns"] as? [String] == ["arn:aws:iam::*:role/ams-access-*", Self.queryPattern])
        #expect(
            LiveCommandTests.same(
                scan["selection"], ["accounts": [], "excludeAccounts": [], "organizationalUnits": []]))

        let root = try organization.string("root")
        let workloads = try organization.string("workloads")
        let security = try organization.string("security")
        let regionLocked = try organization.string("regionLocked")
        let logReadDenied = try organization.string("logReadDenied")
        let logArchive = try organization.string("logArchive")
        let management = try organization.string("managementAccount")
        let units = try #require(scan["organizationalUnits"] as? [String: Any])
        #expect(Set(units.keys) == [root, workloads, security, regionLocked, logReadDenied])
        let underWorkloads = try #require(
            (units[workloads] as? [String: Any])?["OrganizationalUnits"] as? [[String: Any]])
        #expect(Set(underWorkloads.compactMap { $0["Name"] as? String }) == ["RegionLocked", "LogReadDenied"])
        let accounts = try #require(scan["accounts"] as? [String: Any])
        let inRegionLocked = try #require((accounts[regionLocked] as? [String: Any])?["Accounts"] as? [[String: Any]])
        #expect(inRegionLocked.compactMap { $0["Id"] as? String } == [try organization.account("regionLocked")])

        let named = ["regionLocked", "logReadDenied", "noQueryRole", "noDecrypt", "unassumable", "ready"]
        let managed = Set(try named.map { try organization.account($0) } + [logArchive, management])
        let members = try Self.members(snapshot)
        #expect(Set(members.keys) == managed)
        let targets = try #require(scan["policiesForTarget"] as? [String: [String: Any]])
        #expect(Set(targets.keys) == managed.union([root, workloads, security, regionLocked, logReadDenied]))
        let scps = try #require(targets[regionLocked]?["SERVICE_CONTROL_POLICY"] as? [String: Any])
        #expect(
            (scps["Policies"] as? [[String: Any]])?.compactMap { $0["Id"] as? String }.contains(
                try organization.string("regionScp")) == true)
        #expect(targets[root]?["RESOURCE_CONTROL_POLICY"] != nil)
        let policies = try #require(scan["policies"] as? [String: [String: Any]])
        #expect(
            Set(policies.keys).isSuperset(of: [try organization.string("regionScp"), try organization.string("logScp")])
        )
        let content = try #require(
            (policies[try organization.string("logScp")]?["Policy"] as? [String: Any])?["Content"])
        #expect(content is String, "describe-policy's Content stays the JSON text the AWS CLI prints")

        #expect(members[management]?["roleArn"] is NSNull)
        let unassumable = try #require(members[try organization.account("unassumable")])
        #expect(Set(unassumable.keys) == ["roleArn", "callerIdentity"])
        #expect(
            unassumable["roleArn"] as? String
                == "arn:aws:iam::\(try organization.account("unassumable")):role/OrganizationAccountAccessRole")
        #expect(
            ((unassumable["callerIdentity"] as? [String: Any])?["Error"] as? [String: Any])?["Code"] as? String
                == "AccessDenied")

        let ready = try #require(members[try organization.account("ready")])
        let trailArn = try organization.string("trailArn")
        let seen = try #require((ready["trails"] as? [String: Any])?["trailList"] as? [[String: Any]])
        #expect(seen.compactMap { $0["TrailARN"] as? String } == [trailArn])
        #expect(((ready["trailStatus"] as? [String: Any])?[trailArn] as? [String: Any])?["IsLogging"] as? Bool == true)
        let roles = try #require((ready["roles"] as? [String: Any])?["Roles"] as? [[String: Any]])
        #expect(Set(roles.compactMap { $0["RoleName"] as? String }) == ["ams-access-reader", "acme-query-analyst"])
        let details = try #require(ready["roleDetails"] as? [String: [String: Any]])
        #expect(Set(details.keys) == ["ams-access-reader", "acme-query-analyst"])
        let reader = try #require(details["ams-access-reader"])
        let trust = (reader["role"] as? [String: Any]).flatMap { $0["Role"] as? [String: Any] }?[
            "AssumeRolePolicyDocument"]
        #expect(trust is [String: Any], "the trust policy is decoded, as the AWS CLI prints it")
        #expect((reader["inlinePolicyNames"] as? [String: Any])?["PolicyNames"] as? [String] == ["athena-results"])
        #expect((reader["inlinePolicies"] as? [String: Any])?["athena-results"] is [String: Any])
        #expect(
            Set(
                try #require(
                    try Self.members(snapshot)[try organization.account("noQueryRole")]?["roleDetails"]
                        as? [String: Any]
                ).keys)
                == ["ams-access-reader"])

        let managedPolicies = try #require(scan["managedPolicies"] as? [String: [String: Any]])
        let readerArns = try
            (named.filter { $0 != "unassumable" }.map(organization.account) + [logArchive, management])
            .map { "arn:aws:iam::\($0):policy/log-reader" }
        #expect(Set(managedPolicies.keys) == Set(readerArns))
        let noDecrypt = try #require(
            managedPolicies["arn:aws:iam::\(try organization.account("noDecrypt")):policy/log-reader"])
        let document = ((noDecrypt["defaultVersion"] as? [String: Any])?["PolicyVersion"] as? [String: Any])?[
            "Document"]
        let actions = ((document as? [String: Any])?["Statement"] as? [[String: Any]])?.first?["Action"] as? [String]
        #expect(actions?.contains("s3:GetObject") == true && actions?.contains("kms:Decrypt") == false)

        let bucket = try organization.string("bucket")
        #expect(scan["bucketAccount"] as? String == logArchive)
        let bucketData = try #require((snapshot["buckets"] as? [String: Any])?[bucket] as? [String: Any])
        #expect(bucketData["ownerAccountId"] as? String == logArchive)
        #expect((bucketData["policy"] as? [String: Any])?["Error"] == nil, "read in the log-archive account")
        let key = try #require((snapshot["keys"] as? [String: Any])?[try organization.string("key")] as? [String: Any])
        #expect((key["policy"] as? [String: Any])?["Error"] == nil, "read in the log-archive account")
    }

    @Test("--accounts, --ou and --exclude-accounts narrow memberAccounts; --bucket-account reads out of scope")
    func selection() throws {
        let organization = try Organization()
        defer { organization.stop() }
        let ready = try organization.account("ready")
        let noDecrypt = try organization.account("noDecrypt")
        let logArchive = try organization.string("logArchive")
        let chosen = try organization.snapshot(["--accounts", "\(ready),\(noDecrypt)", "--bucket-account", logArchive])
        #expect(Set(try Self.members(chosen).keys) == [ready, noDecrypt])
        #expect(
            LiveCommandTests.same(
                try Self.scan(chosen)["selection"],
                [
                    "accounts": [ready, noDecrypt], "excludeAccounts": [], "organizationalUnits": [],
                ]))
        let bucket = try organization.string("bucket")
        #expect(
            ((chosen["buckets"] as? [String: Any])?[bucket] as? [String: Any])?["ownerAccountId"] as? String
                == logArchive)
        let targets = try #require(try Self.scan(chosen)["policiesForTarget"] as? [String: Any])
        let security = try organization.string("security")
        #expect(targets[logArchive] != nil && targets[security] != nil)

        let locked = try organization.snapshot(["--ou", try organization.string("regionLocked")])
        #expect(Array(try Self.members(locked).keys) == [try organization.account("regionLocked")])

        let unassumable = try organization.account("unassumable")
        let workloads = try organization.snapshot([
            "--ou", try organization.string("workloads"), "--exclude-accounts", unassumable,
        ])
        let expected = try ["regionLocked", "logReadDenied", "noQueryRole", "noDecrypt", "ready"].map {
            try organization.account($0)
        }
        #expect(Set(try Self.members(workloads).keys) == Set(expected))
    }

    @Test("an OU or account not in the organization, or an id of the wrong form, is one line and exit 2")
    func unknownSelection() throws {
        let organization = try Organization()
        defer { organization.stop() }
        let cases: [([String], String)] = [
            (
                ["--ou", "ou-zzzz-zzzzzzzz"],
                "trailgate: error: --ou: ou-zzzz-zzzzzzzz is not an OU of the organization"
            ),
            (
                ["--accounts", "999999999999"],
                "trailgate: error: --accounts: 999999999999 is not an account of the organization"
            ),
            (
                ["--exclude-accounts", "999999999999"],
                "trailgate: error: --exclude-accounts: 999999999999 is not an account of the organization"
            ),
            (["--accounts", "12345"], "\"12345\" is not an account id (12 digits)"),
            (["--ou", "r-1234"], "\"r-1234\" is not an OU id (ou-…)"),
            (
                ["--principal-arn-pattern", "arn:aws:s3:::acme-org-trail-logs"],
                #"--principal-arn-pattern "arn:aws:s3:::acme-org-trail-logs": not an IAM role ARN"#
            ),
        ]
        for (arguments, message) in cases {
            let outcome = try organization.run(["snapshot", "--organization"] + arguments)
            #expect(outcome.exitCode == 2, "\(arguments)")
            #expect(outcome.stdout.isEmpty)
            #expect(outcome.stderr.contains(message), "\(arguments): \(outcome.stderr)")
            let lines = outcome.stderr.split(separator: "\n").filter {
                !$0.hasPrefix("Usage:") && !$0.hasPrefix("  See")
            }
            #expect(lines.count == 1, "\(arguments): \(outcome.stderr)")
        }
        let withoutFlag = try organization.run(["snapshot", "--ou", try organization.string("workloads")])
        #expect(withoutFlag.exitCode == 2)
        #expect(withoutFlag.stderr.contains("--ou is for an organization run: add --organization"))
    }

    @Test("a caller Organizations refuses (a member account) gets one line and exit 3")
    func notAnAdministrator() throws {
        let server = try MotoServer()
        defer { server.stop() }
        _ = try server.scenario("organization-structure")
        let proxy = try FaultProxy(mode: "deny-organizations", upstream: server.endpoint)
        defer { proxy.stop() }
        let outcome = try TrailGateProcess.run(
            ["snapshot", "--organization", "--endpoint-url", proxy.endpoint], environment: server.environment)
        #expect(outcome.exitCode == 3)
        #expect(outcome.stdout.isEmpty)
        #expect(
            outcome.stderr
                == "trailgate: error: the caller cannot read the organization (Organizations answered AccessDeniedException): run with the management account or a delegated administrator\n"
        )
    }

    @Test("throttled first attempts of Organizations, IAM and the rest are retried: no slot holds a throttling error")
    func throttling() throws {
        let server = try MotoServer()
        defer { server.stop() }
        let created = try server.scenario("organization-structure")
        let member = try #require(created["member"] as? String)
        let proxy = try FaultProxy(mode: "throttle-then-ok", upstream: server.endpoint)
        defer { proxy.stop() }
        let outcome = try TrailGateProcess.run(
            ["snapshot", "--organization", "--endpoint-url", proxy.endpoint], environment: server.environment)
        try #require(outcome.exitCode == 0, "\(outcome.stderr)")
        #expect(!outcome.stdout.contains("Throttling") && !outcome.stdout.contains("SlowDown"))
        let snapshot = try #require(
            try JSONSerialization.jsonObject(with: Data(outcome.stdout.utf8)) as? [String: Any])
        let details = try #require(try Self.members(snapshot)[member]?["roleDetails"] as? [String: Any])
        #expect(Array(details.keys) == ["ams-access-ro"])
    }

    @Test("docs/permissions.md's organization run lists exactly the actions of the calls the organization run makes")
    func permissions() throws {
        let organization = try Organization()
        defer { organization.stop() }
        let outcome = try organization.run([
            "snapshot", "--organization", "--verbose", "--principal-arn-pattern", Self.queryPattern,
        ])
        try #require(outcome.exitCode == 0, "\(outcome.stderr)")
        let (used, unmapped) = CalledActions.actions(in: outcome.stderr)
        #expect(unmapped.isEmpty, "calls with no action in this test: \(unmapped.sorted())")
        let statements = try CalledActions.documentedStatements(after: "## The organization run")
        let documented = Set(statements.flatMap { $0["Action"] as? [String] ?? [] })
        #expect(used == documented, "called: \(used.sorted()), documented: \(documented.sorted())")
        let management = try #require(statements.first { $0["Sid"] as? String == "TrailGateOrganizationManagement" })
        let managementActions = Set(management["Action"] as? [String] ?? [])
        #expect(
            Set(used.filter { $0.hasPrefix("organizations:") || $0 == "sts:AssumeRole" }).isSubset(
                of: managementActions))
    }
}
