import Foundation
import OrderedJSON
import Testing

@testable import TrailGateCore

/// The organization run's per-account checks over `examples/organization.json` and edits of it: the SCP and RCP
/// levels, the roles' own policies, accounts that cannot be read, and the report's organization part.
@Suite("Organization readiness")
struct OrganizationReadinessTests {
    static let sandbox = "444444444444"
    static let prod = "333333333333"
    static let analytics = "555555555555"
    static let legacy = "666666666666"
    static let management = "111111111111"
    static let exemption =
        #""ArnNotLike": {"aws:PrincipalArn": ["arn:aws:iam::*:role/ams-access-*", "arn:aws:iam::*:role/acme-query-*"]}"#

    static func example() throws -> JSONValue { try Fixture.example("organization.json") }

    static func report(_ json: JSONValue) throws -> ReadinessReport {
        try ReadinessChecker().run(try Fixture.parse(json))
    }

    static func result(_ check: CheckID, of account: String, in json: JSONValue) throws -> CheckResult {
        let report = try report(json)
        let found = try #require(report.organization?.accounts.first { $0.accountId == account })
        return try #require(found.results.first { $0.id == check })
    }

    /// The example with one organization policy's document replaced.
    static func withPolicy(_ id: String, content: String, in json: JSONValue? = nil) throws -> JSONValue {
        var json = try json ?? example()
        json["organizationScan"]!["policies"]![id]!["Policy"]!["Content"] = .string(content)
        return json
    }

    /// The example with the SCPs (or RCPs) attached to `target` replaced by `ids`.
    static func attaching(
        _ ids: [String], to target: String, filter: String = "SERVICE_CONTROL_POLICY", in json: JSONValue
    )
        throws -> JSONValue
    {
        var json = json
        let summaries = try ids.map { id in
            try #require(json["organizationScan"]?["policies"]?[id]?["Policy"]?["PolicySummary"])
        }
        json["organizationScan"]!["policiesForTarget"]![target]![filter] = ["Policies": .array(summaries)]
        return json
    }

    @Test("a version-2 snapshot decodes its organization part; a version-1 one has none")
    func decoding() throws {
        let snapshot = try Fixture.parse(try Self.example())
        let scan = try #require(snapshot.organizationScan)
        #expect(scan.memberAccounts.count == 6)
        #expect(scan.principalArnPatterns == ["arn:aws:iam::*:role/ams-access-*", "arn:aws:iam::*:role/acme-query-*"])
        #expect(scan.memberAccounts[Self.legacy]?.callerIdentity.error?.code == "AccessDenied")
        #expect(try Fixture.parse(try Fixture.ready()).organizationScan == nil)
    }

    @Test("versions other than 1 and 2 are refused; version 2 requires organizationScan; a wrong type names its path")
    func versions() throws {
        var json = try Self.example()
        json["snapshotVersion"] = 3
        let error = try #require(throws: SnapshotError.self) { try Fixture.parse(json) }
        #expect(error.reason == "unsupported snapshotVersion 3 (this TrailGate reads versions 1 and 2)")
        json["snapshotVersion"] = 2
        json["organizationScan"] = nil
        #expect(throws: SnapshotError(path: "$.organizationScan", reason: "required field is missing")) {
            try Fixture.parse(json)
        }
        var wrong = try Self.example()
        wrong["organizationScan"]!["memberAccounts"]![Self.sandbox]!["roles"]!["Roles"] = "none"
        let typeError = try #require(throws: SnapshotError.self) { try Fixture.parse(wrong) }
        #expect(typeError.path == "$.organizationScan.memberAccounts[444444444444].roles.Roles")
        #expect(typeError.reason == "expected an array")
    }

    @Test("an account's OU path, aws:PrincipalOrgPaths value and SCP levels come from the tree")
    func tree() throws {
        let scan = try #require(try Fixture.parse(try Self.example()).organizationScan)
        let tree = OrganizationTree(scan: scan)
        let path = try tree.path(of: Self.sandbox).get()
        #expect(path.ouPath == "r-ab12 / ou-ab12-wkld0001 (Workloads) / ou-ab12-sbx00001 (Sandbox)")
        #expect(
            path.principalOrgPath(organizationId: "o-a1b2c3d4e5")
                == "o-a1b2c3d4e5/r-ab12/ou-ab12-wkld0001/ou-ab12-sbx00001/")
        let levels = tree.levels(.serviceControl, of: path)
        #expect(levels.map(\.node.id) == ["r-ab12", "ou-ab12-wkld0001", "ou-ab12-sbx00001", Self.sandbox])
        #expect(
            levels[2].policies.map(\.label) == [
                "SCP p-FullAWSAccess \"FullAWSAccess\" attached to ou-ab12-sbx00001 (Sandbox)",
                "SCP p-regiondeny01 \"deny-outside-eu\" attached to ou-ab12-sbx00001 (Sandbox)",
            ])
        #expect(tree.levels(.resourceControl, of: try tree.path(of: "222222222222").get()).count == 3)
    }

    @Test("a Region-deny SCP without an exemption refuses every request, naming the SCP, its OU and the Sid")
    func regionDeny() throws {
        let result = try Self.result(.accountServiceAccess, of: Self.sandbox, in: try Self.example())
        #expect(result.status == .fail)
        let deciding =
            "denied by statement \"DenyOutsideEU\" of the SCP p-regiondeny01 \"deny-outside-eu\" attached to "
            + "ou-ab12-sbx00001 (Sandbox)"
        #expect(result.summary.contains(deciding))
        let groups = RequestOutcomeGroup.groups(result.requests)
        #expect(groups.count == 1)
        #expect(groups.first?.reason == deciding)
        #expect(groups.first?.accounts == ["ams-access-reader", "acme-query-trailgate"])
        #expect(groups.first?.count == result.requests.count)
        let fix = try #require(result.remediation?.summary)
        #expect(
            fix.contains(
                "statement \"DenyOutsideEU\" of SCP p-regiondeny01 \"deny-outside-eu\" attached to ou-ab12-sbx00001"))
        #expect(fix.contains(Self.exemption))
    }

    @Test("the same SCP with the ArnNotLike aws:PrincipalArn exemption lets the roles through")
    func regionDenyWithExemption() throws {
        #expect(try Self.result(.accountServiceAccess, of: Self.prod, in: try Self.example()).status == .pass)
        let exempted = try Self.withPolicy(
            "p-regiondeny01",
            content: #"""
                {"Version":"2012-10-17","Statement":[{"Sid":"DenyOutsideEU","Effect":"Deny","NotAction":["iam:*","sts:*"],"Resource":"*","Condition":{"StringNotEquals":{"aws:RequestedRegion":["eu-west-1","eu-central-1"]},"ArnNotLike":{"aws:PrincipalArn":["arn:aws:iam::*:role/ams-access-*","arn:aws:iam::*:role/acme-query-*"]}}}]}
                """#)
        let result = try Self.result(.accountServiceAccess, of: Self.sandbox, in: exempted)
        #expect(result.status == .pass, "\(result.summary)")
    }

    @Test("a deny at the root applies to every member account, but not to the management account")
    func denyAtRoot() throws {
        let json = try Self.attaching(["p-FullAWSAccess", "p-regiondeny01"], to: "r-ab12", in: try Self.example())
        let prod = try Self.result(.accountServiceAccess, of: Self.prod, in: json)
        #expect(prod.status == .fail)
        #expect(prod.summary.contains("of the SCP p-regiondeny01 \"deny-outside-eu\" attached to r-ab12"))
        let management = try Self.result(.accountServiceAccess, of: Self.management, in: json)
        #expect(management.status == .pass)
        #expect(
            management.notes.contains(
                "The management account is not limited by SCPs, so none were evaluated for its roles."))
    }

    @Test("every level needs an allowing SCP: an OU without FullAWSAccess refuses what its allow list lacks")
    func allowAtEveryLevel() throws {
        var json = try Self.withPolicy(
            "p-regiondeny01",
            content:
                #"{"Version":"2012-10-17","Statement":[{"Sid":"AllowCompute","Effect":"Allow","Action":["ec2:*","athena:*"],"Resource":"*"}]}"#
        )
        json = try Self.attaching(["p-regiondeny01"], to: "ou-ab12-wkld0001", in: json)
        let result = try Self.result(.accountServiceAccess, of: Self.prod, in: json)
        #expect(result.status == .fail)
        #expect(
            RequestOutcomeGroup.groups(result.requests).map(\.reason) == [
                "no SCP attached to ou-ab12-wkld0001 (Workloads) allows it"
            ])
        #expect(
            result.remediation?.summary.hasPrefix(
                "Attach to ou-ab12-wkld0001 (Workloads) an SCP that allows s3:GetBucketLogging") == true)
    }

    @Test("a service-linked role is not limited by SCPs")
    func serviceLinkedRole() throws {
        var json = try Self.example()
        var details = json["organizationScan"]!["memberAccounts"]![Self.sandbox]!
        details["roles"]!["Roles"]![0]!["Path"] = "/aws-service-role/athena.amazonaws.com/"
        details["roleDetails"]!["ams-access-reader"]!["role"]!["Role"]!["Path"] =
            "/aws-service-role/athena.amazonaws.com/"
        json["organizationScan"]!["memberAccounts"]![Self.sandbox] = details
        let result = try Self.result(.accountServiceAccess, of: Self.sandbox, in: json)
        #expect(result.requests.filter { $0.account == "ams-access-reader" }.allSatisfy { $0.granted })
        #expect(result.requests.filter { $0.account == "acme-query-trailgate" }.allSatisfy { !$0.granted })
        #expect(result.notes.contains("Role ams-access-reader is service-linked: SCPs do not limit it."))
    }

    @Test("an RCP deny on the bucket's account refuses the requests to the bucket, from every account")
    func resourceControlDeny() throws {
        let json = try Self.withPolicy(
            "p-orgonlyrcp01",
            content:
                #"{"Version":"2012-10-17","Statement":[{"Sid":"NoObjectReads","Effect":"Deny","Principal":"*","Action":"s3:GetObject","Resource":"*"}]}"#
        )
        for account in [Self.prod, Self.management] {
            let result = try Self.result(.accountServiceAccess, of: account, in: json)
            #expect(result.status == .fail)
            let refused = result.requests.filter { !$0.granted }
            #expect(refused.allSatisfy { $0.action == "s3:GetObject" })
            #expect(
                refused.first?.reason
                    == "denied by statement \"NoObjectReads\" of the RCP p-orgonlyrcp01 \"enforce-org-principals\" "
                    + "attached to ou-ab12-sec00001 (Security)")
        }
    }

    @Test("a role whose identity policy lacks kms:Decrypt is refused the key requests, and told what to add")
    func identityLacksDecrypt() throws {
        let result = try Self.result(.accountServiceAccess, of: Self.analytics, in: try Self.example())
        #expect(result.status == .fail)
        let groups = RequestOutcomeGroup.groups(result.requests)
        #expect(groups.map(\.actions) == [["kms:Decrypt", "kms:DescribeKey"]])
        #expect(groups.first?.accounts == ["acme-query-athena"])
        #expect(groups.first?.reason == "no identity policy of the role allows it")
        #expect(
            result.remediation?.summary.hasPrefix(
                "Add an Allow for kms:Decrypt, kms:DescribeKey to a policy of role acme-query-athena") == true)
    }

    @Test("an account without the customer's role fails roles-present; ams-access-* roles are never required")
    func rolesPresent() throws {
        let json = try Self.example()
        let sandbox = try Self.result(.accountRolesPresent, of: Self.sandbox, in: json)
        #expect(sandbox.status == .fail)
        #expect(sandbox.summary == "No role in account 444444444444 matches \"arn:aws:iam::*:role/acme-query-*\".")
        let management = try Self.result(.accountRolesPresent, of: Self.management, in: json)
        #expect(management.status == .pass)
        #expect(management.notes == ["No ams-access-* role yet: the service creates them during onboarding."])
    }

    @Test("an account whose role cannot be assumed is unknown on every check, naming the role and the error")
    func unassumable() throws {
        let report = try Self.report(try Self.example())
        let legacy = try #require(report.organization?.accounts.first { $0.accountId == Self.legacy })
        #expect(legacy.results.map(\.status) == [.unknown, .unknown, .unknown])
        #expect(legacy.verdict == .unknown)
        for result in legacy.results {
            #expect(
                result.summary.hasPrefix(
                    "Role arn:aws:iam::666666666666:role/OrganizationAccountAccessRole could not be assumed into "
                        + "account 666666666666 (AccessDenied (User: "))
        }
    }

    @Test("a policy that is not valid JSON makes service-access unknown, naming the policy; the snapshot stays valid")
    func invalidPolicyJSON() throws {
        var json = try Self.example()
        let arn = "arn:aws:iam::555555555555:policy/acme-log-reader"
        json["organizationScan"]!["managedPolicies"]![arn]!["defaultVersion"]!["PolicyVersion"]!["Document"] =
            "{\"Version\": \"2012-10-17\", \"Statement\": ["
        let identity = try Self.result(.accountServiceAccess, of: Self.analytics, in: json)
        #expect(identity.status == .unknown)
        #expect(identity.summary.hasPrefix("The identity policy \(arn) is not a valid policy ("))
        let scp = try Self.result(
            .accountServiceAccess, of: Self.sandbox, in: try Self.withPolicy("p-regiondeny01", content: "{oops"))
        #expect(scp.status == .unknown)
        #expect(
            scp.summary.contains(
                "the SCP p-regiondeny01 \"deny-outside-eu\" attached to ou-ab12-sbx00001 (Sandbox) is not a valid policy"
            ))
        #expect(try Self.result(.accountServiceAccess, of: Self.prod, in: json).status == .pass)
    }

    @Test("the organization trail's shadow copy: logging passes, not logging or absent fails; account trails are notes")
    func trailVisible() throws {
        let json = try Self.example()
        let prod = try Self.result(.accountTrailVisible, of: Self.prod, in: json)
        #expect(prod.status == .pass)
        #expect(
            prod.notes == [
                "Account-level trail payments-audit (arn:aws:cloudtrail:us-east-1:333333333333:trail/payments-audit) "
                    + "also logs here."
            ])
        let trail = "arn:aws:cloudtrail:us-east-1:111111111111:trail/org-trail"
        var stopped = json
        stopped["organizationScan"]!["memberAccounts"]![Self.analytics]!["trailStatus"]![trail]!["IsLogging"] = false
        let notLogging = try Self.result(.accountTrailVisible, of: Self.analytics, in: stopped)
        #expect(notLogging.status == .fail)
        #expect(notLogging.summary == "The organization trail org-trail is visible in the account but not logging.")
        var hidden = json
        hidden["organizationScan"]!["memberAccounts"]![Self.analytics]!["trails"]!["trailList"] = []
        #expect(try Self.result(.accountTrailVisible, of: Self.analytics, in: hidden).status == .fail)
    }

    @Test("the verdict needs the trail and every managed account ready; the accounts are counted")
    func verdict() throws {
        let report = try Self.report(try Self.example())
        #expect(report.trails.allSatisfy { $0.ready })
        #expect(!report.ready)
        let organization = try #require(report.organization)
        #expect(
            organization.accounts.map(\.accountId) == [
                "111111111111", "222222222222", "333333333333", "444444444444", "555555555555", "666666666666",
            ])
        #expect(organization.accounts.map(\.ready) == [true, true, true, false, false, false])
        #expect(organization.accountsChecked == 5)
        #expect(organization.accountsUnknown == 1)
        #expect(organization.accountsSkipped == 1)
        let text = TextReportRenderer().render(report)
        #expect(text.hasSuffix("NOT READY: 3 checks fail, 3 unknown (3 of 6 managed accounts not ready)\n"))
        #expect(text.contains("Accounts: 5 checked (3 ready), 1 unknown, 1 skipped in organization o-a1b2c3d4e5\n"))
        let quiet = TextReportRenderer(quiet: true).render(report)
        #expect(!quiet.contains("Account 333333333333"), "quiet leaves out the ready accounts")
        #expect(quiet.contains("\nAccount 444444444444 sandbox-dev\n"))
    }

    @Test("the JSON report adds the organization member and keeps every existing one")
    func json() throws {
        let document = JSONReportRenderer().document(try Self.report(try Self.example()))
        #expect(document["schema"] == "trailgate.check/v1")
        #expect(document["ready"] == false)
        #expect(document["trails"]?[0]?["ready"] == true)
        let organization = try #require(document["organization"])
        #expect(organization["id"] == "o-a1b2c3d4e5")
        #expect(organization["accountsChecked"] == 5)
        #expect(organization["accountsUnknown"] == 1)
        #expect(organization["accountsSkipped"] == 1)
        let sandbox = try #require(organization["accounts"]?[3])
        #expect(sandbox["accountId"] == "444444444444")
        #expect(sandbox["name"] == "sandbox-dev")
        #expect(sandbox["ouPath"] == "r-ab12 / ou-ab12-wkld0001 (Workloads) / ou-ab12-sbx00001 (Sandbox)")
        #expect(sandbox["ready"] == false)
        guard case .object(let check)? = sandbox["checks"]?[0] else {
            Issue.record("no check object")
            return
        }
        #expect(
            check.map(\.key) == [
                "id", "title", "status", "severity", "area", "summary", "evidence", "notes", "remediation",
                "compliance",
                "waiver",
            ], "an account's checks have a trail's members")
        #expect(sandbox["checks"]?[0]?["id"] == "account.service-access")
        #expect(sandbox["checks"]?[0]?["area"] == "organization")
        #expect(sandbox["checks"]?[0]?["status"] == "fail")
        #expect(JSONReportRenderer().document(try Self.report(try Fixture.ready()))["organization"] == nil)
    }

    @Test("fix plans no change for account checks: SCP findings become manual steps naming the policy and the change")
    func fixSteps() throws {
        let plans = try FixPlanner().plans(for: Fixture.parse(try Self.example()), checkOptions: CheckOptions())
        let steps = try #require(plans.first).manualSteps
        let sandbox = try #require(
            steps.first { $0.checkId == .accountServiceAccess && $0.summary.hasPrefix("Account 444444444444") })
        #expect(sandbox.steps.first?.contains("p-regiondeny01") == true)
        #expect(sandbox.steps.first?.contains(Self.exemption) == true)
        #expect(plans.first?.changes.isEmpty == true)
    }

    @Test("an OU listed under itself is walked once: its accounts keep their path, nothing hangs")
    func cyclicTree() throws {
        var json = try Self.example()
        let sandbox = try #require(json["organizationScan"]?["organizationalUnits"]?["ou-ab12-wkld0001"])
        json["organizationScan"]!["organizationalUnits"]!["ou-ab12-sbx00001"] = sandbox
        let report = try Self.report(json)
        let account = try #require(report.organization?.accounts.first { $0.accountId == Self.sandbox })
        #expect(account.ouPath == "r-ab12 / ou-ab12-wkld0001 (Workloads) / ou-ab12-sbx00001 (Sandbox)")
    }
}
