import Foundation
import TestSupport
import Testing

@testable import TrailGateCore

/// The catalogue and the registry describe the same checks, and docs/checks.md shows what `checks list --format
/// markdown` prints.
@Suite("Check catalogue")
struct CheckCatalogueTests {
    @Test("every registered check has a catalogue entry, and every entry a registered check")
    func registryAndCatalogueAgree() {
        let registered = Set(CheckRegistry.ids)
        #expect(
            registered.subtracting(CheckCatalogue.catalogued).isEmpty,
            "checks without a catalogue entry: \(registered.subtracting(CheckCatalogue.catalogued).sorted())")
        #expect(
            CheckCatalogue.catalogued.subtracting(registered).isEmpty,
            "catalogue entries without a check: \(CheckCatalogue.catalogued.subtracting(registered).sorted())")
        #expect(CheckCatalogue.all.map(\.id) == CheckRegistry.ids, "the catalogue lists the checks in report order")
    }

    @Test("titles and areas come from the checks themselves")
    func titlesFromTheRegistry() {
        for definition in CheckRegistry.definitions {
            let metadata = CheckCatalogue.metadata(for: definition.id)
            #expect(metadata.title == definition.title)
            #expect(metadata.area == definition.area)
        }
        #expect(CheckCatalogue.metadata(for: "account.service-access").area == .organization)
    }

    @Test("every entry says why it has its severity, what it requires and how to fix it")
    func sentences() {
        for check in CheckCatalogue.all {
            #expect(check.severityReason.hasSuffix("."), "\(check.id): severity reason")
            #expect(check.requirement.hasSuffix("."), "\(check.id): requirement")
            #expect(check.remediation.hasSuffix("."), "\(check.id): remediation")
        }
    }

    @Test("the severities the service's needs give")
    func severities() {
        #expect(CheckCatalogue.metadata(for: "trail.logging").severity == .critical)
        #expect(CheckCatalogue.metadata(for: "org.organization").severity == .critical)
        #expect(CheckCatalogue.metadata(for: "bucket.policy-access").severity == .critical)
        #expect(CheckCatalogue.metadata(for: "bucket.access-logging").severity == .medium)
    }

    /// The mappings as verified against Prowler's `cis_3.0_aws.json` and
    /// `aws_foundational_security_best_practices_aws.json` (docs/checks.md).
    @Test(
        "compliance mappings",
        arguments: [
            ("trail.logging", ["3.1"], ["CloudTrail.1"]),
            ("trail.multi-region", ["3.1"], ["CloudTrail.1"]),
            ("trail.management-events", ["3.1"], ["CloudTrail.1"]),
            ("trail.kms-events", [], ["CloudTrail.1"]),
            ("trail.rds-data-events", [], ["CloudTrail.1"]),
            ("trail.log-file-validation", ["3.2"], ["CloudTrail.4"]),
            ("bucket.access-logging", ["3.4"], ["CloudTrail.7", "S3.9"]),
            ("bucket.object-ownership", [], ["S3.12"]),
            ("bucket.lifecycle-retention", [], []),
            ("bucket.outside-access", [], []),
            ("org.organization", [], []),
        ])
    func mappings(id: String, cis: [String], securityHub: [String]) {
        let metadata = CheckCatalogue.metadata(for: CheckID(id))
        #expect(metadata.cis == cis)
        #expect(metadata.securityHub == securityHub)
        #expect(metadata.complianceTags == cis.map { "CIS-3.0.0:\($0)" } + securityHub.map { "AWS-FSBP:\($0)" })
    }

    @Test("docs/checks.md's catalogue table is what `checks list --format markdown` prints")
    func documentedTable() throws {
        let page = try String(
            contentsOf: Fixture.packageRoot.appendingPathComponent("docs/checks.md"), encoding: .utf8)
        let markdown = CheckCatalogueRenderer().markdown(CheckCatalogue.all)
        let section = page.components(separatedBy: "## Catalogue\n").dropFirst().first ?? ""
        let table =
            section.split(separator: "\n", omittingEmptySubsequences: false)
            .drop { !$0.hasPrefix("|") }.prefix { $0.hasPrefix("|") }.joined(separator: "\n") + "\n"
        #expect(table == markdown, "docs/checks.md, section \"## Catalogue\", must hold exactly:\n\(markdown)")
    }

    @Test("the three formats of the catalogue")
    func formats() throws {
        let checks = CheckCatalogue.all
        let renderer = CheckCatalogueRenderer()
        let text = renderer.text(checks)
        #expect(text.hasPrefix("trail.logging  Logging and delivery\n  area: Trail · severity: critical\n"))
        #expect(text.contains("  CIS AWS Foundations v3.0.0: 3.4 · AWS FSBP: CloudTrail.7, S3.9\n"))
        let json = try #require(
            try JSONSerialization.jsonObject(with: Data(renderer.json(checks).utf8)) as? [String: Any])
        #expect(json["schema"] as? String == "trailgate.checks/v1")
        let entries = try #require(json["checks"] as? [[String: Any]])
        #expect(entries.count == CheckRegistry.ids.count)
        let logging = try #require(entries.first)
        #expect(logging["area"] as? String == "trail")
        #expect(logging["severity"] as? String == "critical")
        #expect((logging["compliance"] as? [String: [String]])?["awsFsbp"] == ["CloudTrail.1"])
        #expect(renderer.markdown(checks).split(separator: "\n").count == checks.count + 2)
    }
}
