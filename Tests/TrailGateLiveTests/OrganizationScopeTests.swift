import OrderedJSON
import Testing

@testable import TrailGateLive

/// Which accounts an organization run reads, and which roles it matches, from answers held in memory.
@Suite("Organization scope")
struct OrganizationScopeTests {
    /// root r-1 ─ ou-1111-aaaaaaaa (Workloads) ─ ou-1111-bbbbbbbb (Prod) ─ 333333333333
    ///          │                              └ 222222222222
    ///          ├ 111111111111 (management)
    ///          └ 444444444444 (SUSPENDED)
    static func tree() -> OrganizationListing {
        func units(_ ids: [String]) -> JSONValue {
            ["OrganizationalUnits": .array(ids.map { ["Id": .string($0)] })]
        }
        func accounts(_ entries: [(String, String)]) -> JSONValue {
            ["Accounts": .array(entries.map { ["Id": .string($0.0), "Status": .string($0.1)] })]
        }
        var tree = OrganizationListing()
        tree.rootIds = ["r-1"]
        _ = tree.add(
            parentId: "r-1", organizationalUnits: units(["ou-1111-aaaaaaaa"]),
            accounts: accounts([("111111111111", "ACTIVE"), ("444444444444", "SUSPENDED")]))
        _ = tree.add(
            parentId: "ou-1111-aaaaaaaa", organizationalUnits: units(["ou-1111-bbbbbbbb"]),
            accounts: accounts([("222222222222", "ACTIVE")]))
        _ = tree.add(
            parentId: "ou-1111-bbbbbbbb", organizationalUnits: units([]),
            accounts: accounts([("333333333333", "ACTIVE")]))
        return tree
    }

    @Test("every active account by default; an OU takes the accounts under it at any depth; exclusions last")
    func scope() throws {
        let tree = Self.tree()
        #expect(try tree.scope(OrganizationScanRequest()) == ["111111111111", "222222222222", "333333333333"])
        #expect(
            try tree.scope(OrganizationScanRequest(organizationalUnits: ["ou-1111-aaaaaaaa"]))
                == ["222222222222", "333333333333"])
        #expect(
            try tree.scope(
                OrganizationScanRequest(
                    accounts: ["111111111111"], excludeAccounts: ["333333333333"],
                    organizationalUnits: ["ou-1111-aaaaaaaa"])) == ["111111111111", "222222222222"])
        #expect(tree.path(of: "333333333333") == ["r-1", "ou-1111-aaaaaaaa", "ou-1111-bbbbbbbb"])
    }

    @Test("an account or OU the organization does not hold is an error naming it")
    func unknown() {
        let tree = Self.tree()
        #expect(throws: OrganizationScanError.unknownAccounts(option: "--accounts", ids: ["999999999999"])) {
            try tree.scope(OrganizationScanRequest(accounts: ["999999999999"]))
        }
        #expect(throws: OrganizationScanError.unknownOrganizationalUnits(["ou-9999-zzzzzzzz"])) {
            try tree.scope(OrganizationScanRequest(organizationalUnits: ["ou-9999-zzzzzzzz"]))
        }
    }

    @Test("role patterns: * and ? over the whole ARN, as ArnLike")
    func patterns() {
        let service = RoleArnPattern("arn:aws:iam::*:role/ams-access-*")
        #expect(service.matches("arn:aws:iam::123456789012:role/ams-access-reader"))
        #expect(!service.matches("arn:aws:iam::123456789012:role/ams-other-tool"))
        #expect(!service.matches("arn:aws:iam::123456789012:role/x/ams-access-reader"))
        #expect(RoleArnPattern("arn:aws:iam::?????????????:role/a").matches("arn:aws:iam::1234567890123:role/a"))
        #expect(!RoleArnPattern("arn:aws:iam::*:role/a").matches("arn:aws:iam::1:role/ab"))
        #expect(
            OrganizationScanRequest(extraPrincipalArnPatterns: ["arn:aws:iam::*:role/ams-access-*", "p"])
                .principalArnPatterns == ["arn:aws:iam::*:role/ams-access-*", "p"])
    }
}
