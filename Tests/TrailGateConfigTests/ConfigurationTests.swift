import Foundation
import Testing
import TrailGateConfig

@Suite struct ConfigurationTests {
    @Test func readsEveryDocumentedKey() throws {
        let text = """
            # what this team repeats
            org-id: o-a1b2c3d4e5
            retention-days: 730
            access-log-bucket: acme-access-logs
            principal-arn-patterns:
              - arn:aws:iam::*:role/security-audit-*
              - arn:aws:iam::*:role/athena-reader
            format: json
            waivers: ci/waivers.yml
            """
        let configuration = try Configuration.parse(text, source: ".trailgate.yml")
        #expect(
            configuration
                == Configuration(
                    organizationId: "o-a1b2c3d4e5", retentionDays: 730, accessLogBucket: "acme-access-logs",
                    principalArnPatterns: [
                        "arn:aws:iam::*:role/security-audit-*", "arn:aws:iam::*:role/athena-reader",
                    ],
                    format: "json", waivers: "ci/waivers.yml"))
    }

    @Test func anEmptyFileSetsNothing() throws {
        #expect(try Configuration.parse("", source: "c.yml") == Configuration())
        #expect(try Configuration.parse("# nothing yet\n", source: "c.yml") == Configuration())
    }

    @Test(arguments: [
        (
            "org-id: o-a1b2c3d4e5\norgid: o-x\n",
            "c.yml:2: unknown key \"orgid\" (known keys: org-id, retention-days, access-log-bucket, principal-arn-patterns, format, waivers)"
        ),
        ("retention-days: 0\n", "c.yml:1: retention-days: expected a positive number of days"),
        ("retention-days: many\n", "c.yml:1: retention-days: expected a positive number of days"),
        (
            "org-id: O-ABC\n",
            "c.yml:1: org-id: organization id \"O-ABC\": must be o- followed by 10 to 32 lowercase letters or digits"
        ),
        (
            "access-log-bucket: Logs\n",
            "c.yml:1: access-log-bucket: bucket name \"Logs\": may contain only lowercase letters, digits, dots and hyphens, not \"L\""
        ),
        ("principal-arn-patterns: arn:aws:iam::*:role/x\n", "c.yml:1: principal-arn-patterns: expected a list"),
        (
            "format: yaml\n",
            "c.yml:1: format: \"yaml\" is not one of text, json, table, csv, sarif, junit, markdown, html, asff"
        ),
        ("format: json\nformat: text\n", "c.yml: not valid YAML: key \"format\" appears twice"),
        (
            "- org-id\n",
            "c.yml:1: expected a mapping of keys (org-id, retention-days, access-log-bucket, principal-arn-patterns, format, waivers)"
        ),
        ("org-id: [unclosed\n", "c.yml:2: not valid YAML: did not find expected ',' or ']'"),
    ])
    func refusesWithTheFileLineAndKey(text: String, message: String) {
        #expect(throws: ConfigurationError.self) { try Configuration.parse(text, source: "c.yml") }
        do {
            _ = try Configuration.parse(text, source: "c.yml")
        } catch {
            #expect(error.description == message)
        }
    }
}

@Suite struct ExampleConfigurationTests {
    @Test("examples/trailgate.yml, which docs/configuration.md points to, sets every key")
    func exampleIsValid() throws {
        let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent()
        let text = try String(contentsOf: root.appendingPathComponent("examples/trailgate.yml"), encoding: .utf8)
        let configuration = try Configuration.parse(text, source: "examples/trailgate.yml")
        #expect(configuration.organizationId != nil)
        #expect(configuration.retentionDays != nil)
        #expect(configuration.accessLogBucket != nil)
        #expect(configuration.principalArnPatterns != nil)
        #expect(configuration.format != nil)
        #expect(configuration.waivers != nil)
        let documented = try String(contentsOf: root.appendingPathComponent("docs/configuration.md"), encoding: .utf8)
        for key in Configuration.keys { #expect(documented.contains("| `\(key)` |"), "docs/configuration.md: \(key)") }
    }
}
