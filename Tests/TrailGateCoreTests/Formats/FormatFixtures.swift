import Foundation
import OrderedJSON
import TrailGateBasics

@testable import TrailGateCore

/// Reports for the format tests: the bundled examples, and synthetic ones of any size.
enum FormatFixtures {
    static let examples = ["ready-organization-trail", "needs-work", "member-account-view", "organization"]

    /// The report of a bundled example.
    static func example(_ name: String) throws -> ReadinessReport {
        try ReadinessChecker().run(try Fixture.parse(try Fixture.example("\(name).json")))
    }

    /// `trails` trails, each with one result per status in `statuses`, using real check ids (so the catalogue
    /// applies) and the given summary and commands.
    static func synthetic(
        trails: Int, statuses: [CheckStatus], summary: String = "summary", commands: [String] = ["aws x"]
    ) -> ReadinessReport {
        let ids = CheckRegistry.definitions.map(\.id)
        let reports = (0..<trails).map { index -> TrailReport in
            let trail = try! JSONValue.parse(
                Data(
                    """
                    {"Name": "trail-\(index)", "TrailARN": "arn:aws:cloudtrail:eu-west-1:111122223333:trail/trail-\(index)",
                     "HomeRegion": "eu-west-1", "S3BucketName": "bucket-\(index)"}
                    """.utf8)
            ).decode(Trail.self)
            let results = statuses.enumerated().map { n, status in
                let id = ids[n % ids.count]
                return (
                    area: CheckCatalogue.metadata(for: id).area,
                    result: CheckResult(
                        id: id, title: CheckCatalogue.metadata(for: id).title, status: status,
                        summary: "\(summary) \(index)/\(n)", evidence: [Evidence("field", .bool(false))],
                        remediation: Remediation("do it", commands: commands))
                )
            }
            return TrailReport(trail: trail, results: results)
        }
        return ReadinessReport(
            collectedAt: Timestamp(Date(timeIntervalSince1970: 1_780_000_000)), callerAccountId: "111122223333",
            trails: reports)
    }

    static let waiver = Waiver(
        entry: 1, check: "trail.multi-region", resource: "trail-0", reason: "Regional trail <by design> | ok",
        acceptedBy: "alice@example.com", expires: "2027-01-31")
}
