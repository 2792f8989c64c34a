import Foundation
import Testing

/// `trailgate check --organization` end to end against moto_server's organization-readiness scenario: each managed
/// account's verdict, decided by the evaluator over the policies read from every account (moto enforces none of
/// them), and `check --snapshot` of the file `snapshot --organization` wrote giving the live report.
@Suite("Organization check against moto", .serialized)
struct OrganizationCheckTests {
    typealias Organization = OrganizationSnapshotTests.Organization

    /// One account of the JSON report, with its checks by id.
    struct Account {
        var ready: Bool
        var name: String
        var ouPath: String
        var checks: [String: [String: Any]]

        func status(_ id: String) -> String? { checks[id]?["status"] as? String }
        func summary(_ id: String) -> String { checks[id]?["summary"] as? String ?? "" }
        /// The summary, the evidence values and the remediation of check `id`, as one text.
        func text(_ id: String) -> String {
            guard let check = checks[id] else { return "" }
            let evidence = (check["evidence"] as? [[String: Any]] ?? []).map {
                "\($0["label"] ?? ""): \($0["value"] ?? "")"
            }
            let remediation = (check["remediation"] as? [String: Any])?["summary"] as? String ?? ""
            return ([summary(id)] + evidence + [remediation]).joined(separator: "\n")
        }
    }

    /// The accounts of a `check --format json` report, by account id.
    static func accounts(_ report: [String: Any]) throws -> [String: Account] {
        let organization = try #require(report["organization"] as? [String: Any])
        let list = try #require(organization["accounts"] as? [[String: Any]])
        var accounts: [String: Account] = [:]
        for entry in list {
            let checks = try #require(entry["checks"] as? [[String: Any]])
            accounts[try #require(entry["accountId"] as? String)] = Account(
                ready: try #require(entry["ready"] as? Bool), name: entry["name"] as? String ?? "",
                ouPath: entry["ouPath"] as? String ?? "",
                checks: Dictionary(uniqueKeysWithValues: checks.map { ($0["id"] as? String ?? "", $0) }))
        }
        #expect(
            list.compactMap { $0["accountId"] as? String } == list.compactMap { $0["accountId"] as? String }.sorted())
        return accounts
    }

    static func json(_ outcome: TrailGateProcess.Outcome) throws -> [String: Any] {
        try #require(try JSONSerialization.jsonObject(with: Data(outcome.stdout.utf8)) as? [String: Any])
    }

    @Test("each account comes out as a responder expects: the deciding SCP, Sid and OU named, the rest ready")
    func verdicts() throws {
        let organization = try Organization()
        defer { organization.stop() }
        let outcome = try organization.run([
            "check", "--organization", "--principal-arn-pattern", OrganizationSnapshotTests.queryPattern,
            "--format", "json",
        ])
        #expect(outcome.exitCode == 1, "\(outcome.stderr)")
        let report = try Self.json(outcome)
        #expect(report["verdict"] as? String == "not-ready")
        let trails = try #require(report["trails"] as? [[String: Any]])
        #expect(trails.count == 1 && trails.first?["ready"] as? Bool == true, "the organization trail itself is ready")
        let accounts = try Self.accounts(report)
        let summary = try #require(report["organization"] as? [String: Any])
        #expect(summary["id"] as? String == (try organization.string("organizationId")))
        #expect(summary["accountsChecked"] as? Int == 7)
        #expect(summary["accountsUnknown"] as? Int == 1)
        #expect(summary["accountsSkipped"] as? Int == 0)

        let ready = try [
            organization.string("managementAccount"), organization.string("logArchive"), organization.account("ready"),
        ]
        for id in ready {
            let account = try #require(accounts[id])
            #expect(account.ready, "\(id): \(account.checks.mapValues { $0["summary"] ?? "" })")
            #expect(account.checks.values.allSatisfy { $0["status"] as? String == "pass" })
        }

        let regionLocked = try #require(accounts[try organization.account("regionLocked")])
        #expect(!regionLocked.ready)
        #expect(regionLocked.ouPath.hasSuffix("\(try organization.string("regionLocked")) (RegionLocked)"))
        #expect(regionLocked.status("account.service-access") == "fail")
        let regionText = regionLocked.text("account.service-access")
        for part in try [
            organization.string("regionScp"), "\"region-lock\"", "\"DenyOutsideEuWest1\"",
            organization.string("regionLocked"), "16 of 16 requests", "ArnNotLike", "aws:PrincipalArn",
        ] {
            #expect(regionText.contains(part), "\(part) in \(regionText)")
        }
        #expect(regionLocked.status("account.roles-present") == "pass")
        #expect(regionLocked.status("account.trail-visible") == "pass")

        let logReadDenied = try #require(accounts[try organization.account("logReadDenied")])
        #expect(logReadDenied.status("account.service-access") == "fail")
        let logText = logReadDenied.text("account.service-access")
        for part in try [
            organization.string("logScp"), "\"protect-log-archive\"", "\"DenyLogReads\"",
            organization.string("logReadDenied"), "2 of 16 requests", "s3:GetObject",
        ] {
            #expect(logText.contains(part), "\(part) in \(logText)")
        }
        #expect(!logReadDenied.summary("account.service-access").contains("s3:ListBucket"))

        let noQueryRole = try #require(accounts[try organization.account("noQueryRole")])
        #expect(noQueryRole.status("account.roles-present") == "fail")
        #expect(noQueryRole.summary("account.roles-present").contains(OrganizationSnapshotTests.queryPattern))
        #expect(noQueryRole.status("account.service-access") == "pass")
        #expect(noQueryRole.status("account.trail-visible") == "pass")

        let noDecrypt = try #require(accounts[try organization.account("noDecrypt")])
        #expect(noDecrypt.status("account.service-access") == "fail")
        let decryptText = noDecrypt.text("account.service-access")
        #expect(decryptText.contains("4 of 16 requests") && decryptText.contains("kms:Decrypt"), "\(decryptText)")
        #expect(decryptText.contains("no identity policy of the role allows it"), "\(decryptText)")
        #expect(!noDecrypt.summary("account.service-access").contains("s3:"))
        #expect(noDecrypt.status("account.roles-present") == "pass")

        let unassumableId = try organization.account("unassumable")
        let unassumable = try #require(accounts[unassumableId])
        let role = "arn:aws:iam::\(unassumableId):role/OrganizationAccountAccessRole"
        for id in ["account.service-access", "account.roles-present", "account.trail-visible"] {
            #expect(unassumable.status(id) == "unknown")
            #expect(unassumable.text(id).contains(role), "\(unassumable.text(id))")
        }
    }

    @Test("an --assume-role-name no account has: every member account unknown with the role ARN, the run goes on")
    func roleInNoAccount() throws {
        let organization = try Organization(missingRole: "AWSControlTowerExecution")
        defer { organization.stop() }
        let outcome = try organization.run([
            "check", "--organization", "--assume-role-name", "AWSControlTowerExecution", "--format", "json",
        ])
        #expect(outcome.exitCode == 1, "\(outcome.stderr)")
        let accounts = try Self.accounts(try Self.json(outcome))
        let management = try organization.string("managementAccount")
        #expect(accounts.count == 8)
        for (id, account) in accounts where id != management {
            let role = "arn:aws:iam::\(id):role/AWSControlTowerExecution"
            #expect(account.checks.values.allSatisfy { $0["status"] as? String == "unknown" })
            #expect(account.text("account.service-access").contains(role))
        }
        // The caller's own account is read with its own credentials; its roles' access stays undecided, because
        // the bucket's account (where its RCPs are) could not be read.
        let own = try #require(accounts[management])
        #expect(own.status("account.roles-present") == "pass" && own.status("account.trail-visible") == "pass")
        #expect(own.status("account.service-access") == "unknown")
        #expect(own.summary("account.service-access").contains("--bucket-account"))
    }

    @Test("check --snapshot of the file a live run saved gives exactly its report, text and JSON")
    func snapshotEqualsLive() throws {
        let organization = try Organization()
        defer { organization.stop() }
        let pattern = ["--principal-arn-pattern", OrganizationSnapshotTests.queryPattern]
        for format in ["json", "text"] {
            let file = organization.directory.appendingPathComponent("org-\(format).json").path
            let live = try organization.run(
                ["check", "--organization", "--format", format, "--save-snapshot", file] + pattern)
            let replayed = try TrailGateProcess.run(["check", "--snapshot", file, "--format", format])
            #expect(live.exitCode == 1 && replayed.exitCode == 1, "\(live.stderr) \(replayed.stderr)")
            #expect(live.stdout == replayed.stdout)
            #expect(live.stdout.contains("DenyOutsideEuWest1"))
        }
    }

    @Test("snapshot --organization writes what check --organization reads: the same accounts and verdicts")
    func snapshotCommandMatchesCheck() throws {
        let organization = try Organization()
        defer { organization.stop() }
        let file = organization.directory.appendingPathComponent("org.json").path
        let pattern = ["--principal-arn-pattern", OrganizationSnapshotTests.queryPattern]
        let written = try organization.run(["snapshot", "--organization", "-o", file] + pattern)
        try #require(written.exitCode == 0, "\(written.stderr)")
        let live = try Self.accounts(
            try Self.json(try organization.run(["check", "--organization", "--format", "json"] + pattern)))
        let replayed = try Self.accounts(
            try Self.json(try TrailGateProcess.run(["check", "--snapshot", file, "--format", "json"])))
        #expect(live.keys.sorted() == replayed.keys.sorted())
        for (id, account) in live {
            #expect(
                account.checks.mapValues { $0["summary"] as? String }
                    == replayed[id]?.checks.mapValues {
                        $0["summary"] as? String
                    })
        }
    }
}
