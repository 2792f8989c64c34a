import Foundation
import Testing
import TrailGateCore

/// ASFF output imported into moto's Security Hub: boto3 validates each batch against the service model, the script
/// checks the field rules moto does not (enumerations, lengths, Types taxonomy, batch size), and every finding must
/// come back from `GetFindings`.
@Suite("ASFF import into Security Hub (moto)", .serialized)
struct ASFFImportTests {
    /// The organization example with its trail repeated under 30 names: over 400 findings, several batches.
    private func bigReport() throws -> ReadinessReport {
        let snapshot = try Snapshot.parse(
            try Data(contentsOf: TrailGateProcess.packageRoot.appendingPathComponent("examples/organization.json")))
        var report = try ReadinessChecker().run(snapshot)
        let trail = try #require(report.trails.first)
        report.trails = (0..<30).map { index in
            var copy = trail
            copy.trail.name += "-\(index)"
            copy.trail.trailARN += "-\(index)"
            return copy
        }
        return report
    }

    private func write(_ text: String) throws -> URL {
        let file = FileManager.default.temporaryDirectory.appendingPathComponent("asff-\(UUID().uuidString).jsonl")
        try text.write(to: file, atomically: true, encoding: .utf8)
        return file
    }

    @Test("every batch imports with no failure and every finding is found again")
    func importsEveryBatch() throws {
        let server = try MotoServer()
        defer { server.stop() }
        let report = try bigReport()
        let output = ASFFReportRenderer(context: ReportContext()).render(report)
        let findings = report.findings.count
        #expect(findings > 200)
        let script = TrailGateProcess.packageRoot.appendingPathComponent(
            "Tests/TrailGateCLITests/Support/asff_import.py")
        let printed = try MotoServer.run(
            ["python3", script.path, server.endpoint, try write(output).path], environment: server.environment)
        let summary = try #require(
            try JSONSerialization.jsonObject(with: Data(printed.utf8)) as? [String: Int])
        #expect(summary["batches"] == (findings + 99) / 100)
        #expect(summary["imported"] == findings)
        #expect(summary["failed"] == 0)
        // Findings with the same fingerprint share an id, and importing again updates the finding.
        #expect(summary["found"] == Set(report.findings.map(\.fingerprint)).count)
    }

    @Test("the documented pipeline: each line through aws securityhub batch-import-findings")
    func documentedPipeline() throws {
        let server = try MotoServer()
        defer { server.stop() }
        _ = try server.awsCLI(["securityhub", "enable-security-hub"])
        let needsWork = try Snapshot.parse(
            try Data(contentsOf: TrailGateProcess.packageRoot.appendingPathComponent("examples/needs-work.json")))
        let input = try write(
            ASFFReportRenderer(context: ReportContext()).render(try ReadinessChecker().run(needsWork)))
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("asff-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        let script = """
            set -euo pipefail
            cd \(folder.path)
            while IFS= read -r batch; do
              printf '%s' "$batch" > batch.json
              aws --endpoint-url \(server.endpoint) securityhub batch-import-findings --findings file://batch.json \
                --query FailedCount --output text
            done < \(input.path)
            """
        let printed = try MotoServer.run(["bash", "-c", script], environment: server.environment)
        #expect(printed.split(separator: "\n") == ["0"])
    }
}
