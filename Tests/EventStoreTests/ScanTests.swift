import Foundation
import TestSupport
import Testing

@testable import EventStore

@Suite("streaming scan")
struct ScanTests {
    /// The rows `plan` gives over the store, as `logs investigate --db` prints them.
    static func storeRows(_ database: String, _ plan: InvestigationPlan) throws -> [[ResultValue]] {
        var rows: [[ResultValue]] = []
        try EventQueryEngine(database: EventDatabase(path: database, readOnly: true)).forEachRow(
            plan.sqlite(), columns: { _ in }, row: { rows.append($0) })
        return rows
    }

    static func scan(_ paths: [String], _ plan: InvestigationPlan) async throws -> ScanReport {
        try await InvestigationScanner().scan(plan, sources: LocalLogTree.sources(paths, filter: plan.filter))
    }

    /// Every investigation with parameters that exercise its window, limit, partitions and principal.
    static func plans(principals: [String], accounts: [String], regions: [String]) -> [InvestigationPlan] {
        var plans: [InvestigationPlan] = []
        for investigation in InvestigationCatalogue.all {
            var variants = [
                InvestigationParameters(), InvestigationParameters(limit: 3), InvestigationParameters(limit: nil),
                InvestigationParameters(since: 1_709_251_200 + 86_400, until: 1_709_251_200 + 2 * 86_400 + 3_600),
                InvestigationParameters(accounts: accounts, regions: regions, allowedRegions: ["us-east-1"]),
            ]
            if investigation.needsPrincipal {
                variants = principals.flatMap { principal in
                    variants.map {
                        var parameters = $0
                        parameters.principal = principal
                        return parameters
                    }
                }
            }
            plans += variants.map { InvestigationPlan(investigation: investigation, parameters: $0) }
        }
        return plans
    }

    /// Asserts the scan's rows equal the store's for every plan, and that at least `answered` plans found rows.
    static func assertSameRows(_ paths: [String], plans: [InvestigationPlan], answered: Int) async throws {
        let folder = try TemporaryFolder()
        _ = try await ingest(paths, into: folder.databasePath)
        var nonEmpty = 0
        for plan in plans {
            let expected = try storeRows(folder.databasePath, plan)
            let scanned = try await scan(paths, plan)
            #expect(scanned.columns == plan.columnNames)
            #expect(
                scanned.rows == expected,
                "\(plan.investigation.name) \(plan.parameters): scan \(scanned.rows.count) rows, store \(expected.count)"
            )
            if !expected.isEmpty { nonEmpty += 1 }
        }
        #expect(nonEmpty >= answered, "too few plans found rows to compare")
    }

    @Test("on the Stratus dataset the scan returns the rows and order of ingest then investigate, for every plan")
    func stratusRowsMatchTheStore() async throws {
        try await Self.assertSameRows(
            [Fixture.invictus],
            plans: Self.plans(
                principals: [
                    "AKIATFQR7NSCUXC3DDDP", "arn:aws:iam::123837392027:user/bert-jan",
                    "arn:aws:iam::123837392027:role/stratus-red-team-ec2-steal-credentials-role",
                ],
                accounts: ["123837392027"], regions: ["us-east-1"]), answered: 20)
    }

    @Test("on a generated organization tree (escapes, duplicates, ties, bad records) the scan returns the store's rows")
    func organizationTreeRowsMatchTheStore() async throws {
        let folder = try TemporaryFolder()
        var generator = ScanGenerator(seed: 17)
        try generator.organizationTree(in: folder.url)
        try await Self.assertSameRows(
            [folder.url.path],
            plans: Self.plans(
                principals: ScanGenerator.accessKeys + [ScanGenerator.roleARN, ScanGenerator.userARN],
                accounts: [ScanGenerator.accounts[1]], regions: ["eu-west-1", "us-east-1"]), answered: 25)
    }

    @Test("on the OTRF newline-delimited export (Logstash timestamps) the scan returns the store's rows")
    func newlineDelimitedRowsMatchTheStore() async throws {
        try await Self.assertSameRows(
            [Fixture.otrf],
            plans: Self.plans(
                principals: ["arn:aws:iam::123456789123:user/pedro"], accounts: [], regions: ["us-east-1"]
            ).filter { $0.parameters.since == nil }, answered: 6)
    }

    @Test("files that cannot hold a match are not parsed, and a selective scan maps only candidate records")
    func selectiveScanSkipsFiles() async throws {
        let folder = try TemporaryFolder()
        var generator = ScanGenerator(seed: 5)
        generator.escapePercent = 0
        try generator.organizationTree(in: folder.url)
        let plan = InvestigationPlan(
            investigation: InvestigationCatalogue.named("principal-activity")!,
            parameters: InvestigationParameters(principal: "AKIANOBODYHASTHIS"))
        let report = try await Self.scan([folder.url.path], plan)
        #expect(report.rows.isEmpty)
        #expect(report.filesTotal > 40)
        // No file holds the key or an escape that could hide it: none is parsed.
        #expect(report.filesParsed == 0)
        #expect(report.recordsMapped == 0)
    }

    @Test("corrupt, truncated and non-JSON files and unmappable records are reported, and the scan goes on")
    func badInputIsReported() async throws {
        let folder = try TemporaryFolder()
        let good = Fixture.file([
            Fixture.record(id: "a", source: "cloudtrail.amazonaws.com", name: "StopLogging"),
            Fixture.record(id: "b", source: "cloudtrail.amazonaws.com", name: "StopLogging")
                .replacingOccurrences(of: "\"eventTime\":\"2024-03-01T10:00:00Z\",", with: ""),
        ])
        _ = try folder.gzip(try folder.write("good.json", good))
        let gz = Gzip.compress(Data(good.utf8))
        try gz.prefix(gz.count - 9).write(to: folder.url.appendingPathComponent("truncated.json.gz"))
        var corrupt = gz
        corrupt[corrupt.count / 2] ^= 0xFF
        try corrupt.write(to: folder.url.appendingPathComponent("corrupt.json.gz"))
        try folder.write("other.json", "[1, 2, 3]")
        let plan = InvestigationPlan(
            investigation: InvestigationCatalogue.named("cloudtrail-changes")!, parameters: InvestigationParameters())
        let report = try await Self.scan([folder.url.path], plan)
        #expect(report.rows.count == 1)
        #expect(report.rows.first?[5] == "StopLogging")
        #expect(
            report.fileErrors.map { URL(fileURLWithPath: $0.source).lastPathComponent } == [
                "corrupt.json.gz", "other.json", "truncated.json.gz",
            ])
        #expect(report.fileErrors[2].reason == "truncated gzip stream")
        #expect(report.fileErrors[1].reason.hasPrefix("not CloudTrail JSON: expected '{' at line 1, column 1"))
        #expect(report.recordErrors.map(\.description) == ["\(folder.url.path)/good.json.gz: record 2: no eventTime"])
        #expect(report.skippedInput)
    }

    @Test("progress counts files, bytes and matches up to the totals, from the first file to the last")
    func progress() async throws {
        final class Seen: @unchecked Sendable {
            let lock = NSLock()
            var updates: [ScanProgress] = []
        }
        let seen = Seen()
        let plan = InvestigationPlan(
            investigation: InvestigationCatalogue.named("errors-by-source")!, parameters: InvestigationParameters())
        let sources = try LocalLogTree.sources([Fixture.invictus], filter: IngestFilter())
        let report = try await InvestigationScanner().scan(plan, sources: sources) { update in
            seen.lock.withLock { seen.updates.append(update) }
        }
        let updates = seen.lock.withLock { seen.updates }
        #expect(updates.map(\.filesDone) == updates.map(\.filesDone).sorted())
        #expect(updates.first?.filesDone == 1)
        #expect(updates.last?.filesTotal == sources.count)
        #expect(updates.last?.storedBytes == report.storedBytes)
        #expect(updates.last?.matches == report.matches)
        #expect(report.matches == 300)
        #expect(report.storedBytes == 3_660_956)  // `cat CloudTrail/*.json | wc -c`
    }

    @Test("a digest named directly is refused by the scan with ingest's reason")
    func digestNamedDirectly() async throws {
        let folder = try TemporaryFolder()
        let digest = try folder.write(
            "AWSLogs/111122223333/CloudTrail-Digest/us-east-1/2024/03/01/111122223333_CloudTrail-Digest_us-east-1_x.json",
            "{\"digestStartTime\":\"2024-03-01T00:00:00Z\"}")
        let plan = InvestigationPlan(
            investigation: InvestigationCatalogue.named("errors-by-source")!, parameters: InvestigationParameters())
        let scanned = try await Self.scan([digest], plan)
        let ingested = try await ingest([digest], into: folder.databasePath)
        #expect(
            scanned.fileErrors == [LogFileError(source: digest, reason: "a CloudTrail digest file, not log records")])
        #expect(ingested.fileErrors == scanned.fileErrors)
    }

    @Test("an event delivered in two files is counted once, as the store keeps it once")
    func duplicatesCountOnce() async throws {
        let folder = try TemporaryFolder()
        let records = Fixture.file([Fixture.record(id: "dup-1", error: "AccessDenied")])
        try folder.write("one.json", records)
        try folder.write("two.json", records)
        let plan = InvestigationPlan(
            investigation: InvestigationCatalogue.named("errors-by-source")!, parameters: InvestigationParameters())
        let report = try await Self.scan([folder.url.path], plan)
        #expect(report.rows == [["iam.amazonaws.com", "CreateAccessKey", "AccessDenied", .number("1"), .number("1")]])
        #expect(report.duplicates == 1)
    }
}
