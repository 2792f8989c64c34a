import Foundation
import IAMPolicy
import OrderedJSON
import TestSupport
import Testing

@testable import TrailGateCore

/// Mutations of real inputs (the bundled snapshots, the golden policies): whatever the bytes, parsing either gives a
/// value every later stage handles, or one error on one line that says where; nothing traps.
@Suite("Parsers on mutated input")
struct ParserFuzzTests {
    /// Bytes that matter to JSON and to the values TrailGate prints.
    private static let interesting: [[UInt8]] = [
        Array("\"".utf8), Array("{".utf8), Array("}".utf8), Array("[".utf8), Array("]".utf8), Array(",".utf8),
        Array(":".utf8), Array("null".utf8), Array("true".utf8), Array("-1e999".utf8), Array("\\u0000".utf8),
        Array("\\ud800".utf8), [0x1B], [0xFF], [0xC3], Array("$(id)".utf8), Array("'".utf8), Array("\n".utf8),
        Array("99999999999999999999999".utf8),
    ]

    /// One random edit of `bytes`: a byte changed, a range deleted or repeated, or an interesting token inserted.
    static func mutate(_ bytes: [UInt8], _ random: inout SplitMix64) -> [UInt8] {
        var bytes = bytes
        guard !bytes.isEmpty else { return interesting[random.below(interesting.count)] }
        let at = random.below(bytes.count)
        let length = min(1 + random.below(64), bytes.count - at)
        switch random.below(4) {
        case 0: bytes[at] = UInt8(truncatingIfNeeded: random.next())
        case 1: bytes.removeSubrange(at..<at + length)
        case 2: bytes.insert(contentsOf: bytes[at..<at + length], at: at)
        default: bytes.insert(contentsOf: interesting[random.below(interesting.count)], at: at)
        }
        return bytes
    }

    /// One random edit of the parsed document: a value replaced by one of another type, or a member removed.
    static func mutate(_ value: JSONValue, _ random: inout SplitMix64, depth: Int = 0) -> JSONValue {
        let replacements: [JSONValue] = [.null, .bool(true), .int(-1), .double(1e300), .string(""), [], [:], ["x"]]
        switch value {
        case .object(var members) where !members.isEmpty && depth < 8:
            let index = random.below(members.count)
            switch random.below(4) {
            case 0: members.remove(at: index)
            case 1: members[index].value = replacements[random.below(replacements.count)]
            default: members[index].value = mutate(members[index].value, &random, depth: depth + 1)
            }
            return .object(members)
        case .array(var elements) where !elements.isEmpty && depth < 8:
            let index = random.below(elements.count)
            if random.below(3) == 0 {
                elements.remove(at: index)
            } else {
                elements[index] = mutate(elements[index], &random, depth: depth + 1)
            }
            return .array(elements)
        default:
            return replacements[random.below(replacements.count)]
        }
    }

    /// Parses, checks, renders and plans a snapshot: either all of that or one `SnapshotError` naming a JSON path.
    private func judge(_ bytes: [UInt8]) {
        let snapshot: Snapshot
        do {
            snapshot = try Snapshot.parse(Data(bytes))
        } catch {
            #expect(error.path.hasPrefix("$"))
            #expect(!error.description.contains("\n"))
            return
        }
        guard let report = try? ReadinessChecker().run(snapshot) else { return }
        _ = TextReportRenderer(colour: true, verbose: true).render(report)
        _ = JSONReportRenderer().render(report)
        if let plans = try? FixPlanner().plans(for: snapshot, checkOptions: CheckOptions()) {
            _ = FixPlanRenderer().text(plans)
            _ = FixPlanRenderer().document(plans)
        }
    }

    @Test("2,000 byte-level and 2,000 structural mutations of the example snapshots")
    func snapshots() throws {
        var random = SplitMix64(seed: 2026)
        for example in ["needs-work.json", "ready-organization-trail.json", "member-account-view.json"] {
            let bytes = Array(try Data(contentsOf: Fixture.packageRoot.appendingPathComponent("examples/\(example)")))
            let json = try JSONValue.parse(bytes)
            for _ in 0..<667 {
                var mutated = bytes
                for _ in 0...random.below(3) { mutated = Self.mutate(mutated, &random) }
                judge(mutated)
                judge(Array(Self.mutate(json, &random).serialized().utf8))
            }
        }
    }

    @Test("150 byte-level and 150 structural mutations of the organization example")
    func organizationSnapshot() throws {
        var random = SplitMix64(seed: 14)
        let bytes = Array(
            try Data(contentsOf: Fixture.packageRoot.appendingPathComponent("examples/organization.json")))
        let json = try JSONValue.parse(bytes)
        for _ in 0..<150 {
            var mutated = bytes
            for _ in 0...random.below(3) { mutated = Self.mutate(mutated, &random) }
            judge(mutated)
            judge(Array(Self.mutate(json, &random).serialized().utf8))
        }
    }

    @Test("1,000 mutations of the golden policies: refused with a position or path, or merged idempotently")
    func policies() throws {
        var random = SplitMix64(seed: 18)
        let folder = Fixture.packageRoot.appendingPathComponent("Tests/TrailGateCoreTests/Golden/policy")
        let files = try FileManager.default.contentsOfDirectory(atPath: folder.path).filter {
            $0.hasSuffix(".json")
        }.sorted()
        let required = RequiredStatements(
            try PolicyInputs(bucket: "acme-org-trail-logs", organizationId: "o-a1b2c3d4e5", prefix: "cloudtrail"))
        let request = AuthorizationRequest(
            principal: try #require(
                RequestPrincipal(parsing: "arn:aws:sts::111122223333:assumed-role/ams-access-ro/q")),
            action: "s3:GetObject", resource: "arn:aws:s3:::acme-org-trail-logs/cloudtrail/AWSLogs/x.json.gz",
            resourceAccountId: "222233334444",
            context: RequestContext([
                "aws:PrincipalOrgID": .single("o-a1b2c3d4e5"), "aws:CalledVia": .multiple(["athena.amazonaws.com"]),
            ]))
        for index in 0..<1000 {
            let bytes = Array(try Data(contentsOf: folder.appendingPathComponent(files[index % files.count])))
            let mutated =
                index % 2 == 0
                ? Self.mutate(bytes, &random)
                : Array(Self.mutate(try JSONValue.parse(bytes), &random).serialized().utf8)
            let document: PolicyDocument
            do {
                document = try PolicyMerge.parseExisting(mutated)
            } catch {
                #expect(!error.description.contains("\n"))
                continue
            }
            _ = PolicyEvaluator().evaluate(request, policies: PolicySet(resourcePolicy: document))
            for kind in [PolicyKind.bucket, .key] {
                guard let merged = try? PolicyMerge.merge(required.statements(for: kind), into: document, kind: kind)
                else { continue }
                let again = try PolicyMerge.merge(
                    required.statements(for: kind), into: PolicyDocument(json: merged.policy), kind: kind)
                #expect(again.changes.isEmpty)
                #expect(again.policy == merged.policy)
            }
        }
    }
}
