import Foundation
import Testing
import TrailGateConfig
import TrailGateCore

/// The waivers file: YAML or JSON, entries numbered in file order, the shape refused with the file and line.
@Suite struct WaiversFileTests {
    static let expected = [
        Waiver(
            entry: 1, check: "bucket.access-logging", resource: "arn:aws:s3:::acme-*",
            reason: "Access logs go to the security account's lake.", acceptedBy: "jane@example.com",
            expires: "2027-03-31"),
        Waiver(
            entry: 2, check: "trail.log-file-validation", resource: "legacy-?", reason: "Retired in Q2.",
            acceptedBy: "ops", expires: "2027-06-30"),
    ]

    @Test func readsYAML() throws {
        let text = """
            waivers:
              - check: bucket.access-logging
                resource: "arn:aws:s3:::acme-*"
                reason: "Access logs go to the security account's lake."
                accepted-by: "jane@example.com"
                expires: 2027-03-31
              - check: trail.log-file-validation
                resource: legacy-?
                reason: Retired in Q2.
                accepted-by: ops
                expires: 2027-06-30
            """
        #expect(try WaiversFile.parse(text, source: "w.yml") == Self.expected)
    }

    @Test func readsJSON() throws {
        let text = """
            {"waivers": [
              {"check": "bucket.access-logging", "resource": "arn:aws:s3:::acme-*",
               "reason": "Access logs go to the security account's lake.", "accepted-by": "jane@example.com",
               "expires": "2027-03-31"},
              {"check": "trail.log-file-validation", "resource": "legacy-?", "reason": "Retired in Q2.",
               "accepted-by": "ops", "expires": "2027-06-30"}
            ]}
            """
        #expect(try WaiversFile.parse(text, source: "w.json") == Self.expected)
    }

    @Test func emptyFilesHaveNoEntries() throws {
        #expect(try WaiversFile.parse("", source: "w.yml").isEmpty)
        #expect(try WaiversFile.parse("waivers: []\n", source: "w.yml").isEmpty)
        #expect(try WaiversFile.parse("waivers:\n", source: "w.yml").isEmpty)
    }

    @Test func aMissingFieldIsLeftForTheListToName() throws {
        let waivers = try WaiversFile.parse("waivers:\n  - check: trail.logging\n    resource: x\n", source: "w.yml")
        #expect(waivers.first?.reason == "")
        #expect(throws: WaiverError(entry: 1, field: "reason", message: "missing; say why the finding is accepted")) {
            try WaiverList(waivers, today: .init(days: 0))
        }
    }

    @Test(arguments: [
        ("- check: x\n", "w.yml:1: expected one key, waivers, holding a list of entries"),
        ("waiver:\n  - check: x\n", "w.yml:1: expected one key, waivers, holding a list of entries"),
        ("waivers: trail.logging\n", "w.yml:1: waivers: expected a list of entries"),
        (
            "waivers:\n  - trail.logging\n",
            "w.yml:2: entry 1, expected a mapping of check, resource, reason, accepted-by, expires"
        ),
        (
            "waivers:\n  - check: a\n  - check: b\n    accepted_by: me\n",
            "w.yml:4: entry 2, unknown key \"accepted_by\" (known keys: check, resource, reason, accepted-by, expires)"
        ),
        ("waivers:\n  - check: [a, b]\n", "w.yml:2: entry 1, check: expected a single value"),
        ("waivers: [unclosed\n", "w.yml:2: not valid YAML: did not find expected ',' or ']'"),
    ])
    func refusesWithTheFileAndLine(text: String, message: String) {
        do {
            _ = try WaiversFile.parse(text, source: "w.yml")
            Issue.record("expected \(message)")
        } catch {
            #expect(error.description == message)
        }
    }
}
