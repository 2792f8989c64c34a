import Foundation
import IAMPolicy
import OrderedJSON
import Testing

/// The decision cases of iam-simulate (external data in `../shared/datasets/iam-simulate-cases/`, read at test
/// time, never copied): every case TrailGate's model supports must agree, or be listed with the AWS documentation
/// that settles it in `docs/policy-conformance.md`.
@Suite("IAM conformance (iam-simulate cases)")
struct ConformanceTests {
    static let packageRoot = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
    static let casesRoot = packageRoot.deletingLastPathComponent()
        .appendingPathComponent("shared/datasets/iam-simulate-cases/coreEngineTests")

    struct Case {
        var file: String
        var name: String
        var json: JSONValue
        var id: String { "\(file): \(name)" }
    }

    /// Why a case is outside TrailGate's model, or nil when it is supported.
    static func unsupported(_ json: JSONValue) -> String? {
        if json["simulation"] != nil { return "Discovery mode (the simulator's own extension)" }
        if json["resourcePolicies"] != nil { return "several resource policies for one request" }
        return nil
    }

    static func loadCases() throws -> [Case] {
        let files =
            FileManager.default.enumerator(at: casesRoot, includingPropertiesForKeys: nil)?
            .compactMap { $0 as? URL }.filter { $0.pathExtension == "json" }
            .sorted { $0.path < $1.path } ?? []
        return try files.flatMap { url -> [Case] in
            let relative = String(url.path.dropFirst(casesRoot.path.count + 1))
            guard case .array(let cases) = try JSONValue.parse(Data(contentsOf: url)) else { return [] }
            return cases.map { Case(file: relative, name: $0["name"]?.stringValue ?? "?", json: $0) }
        }
    }

    /// Parses a case's policy. Some cases write `"Principal": "<ARN>"`, which AWS's grammar does not allow (only
    /// `"*"` or a map); the harness reads it as `{"AWS": "<ARN>"}` so the case still tests evaluation, not grammar.
    static func policy(_ json: JSONValue) throws -> PolicyDocument {
        var json = json
        if case .array(var statements)? = json["Statement"] {
            for index in statements.indices {
                for element in ["Principal", "NotPrincipal"] {
                    if case .string(let value)? = statements[index][element], value != "*" {
                        statements[index][element] = ["AWS": .string(value)]
                    }
                }
            }
            json["Statement"] = .array(statements)
        }
        return try PolicyDocument(json: json)
    }

    static func policies(_ json: JSONValue?) throws -> [PolicyDocument] {
        guard case .array(let elements)? = json else { return [] }
        return try elements.map(policy)
    }

    static func levels(_ json: JSONValue?) throws -> [[PolicyDocument]] {
        guard case .array(let elements)? = json else { return [] }
        return try elements.map { try policies($0["policies"]) }
    }

    /// The decision TrailGate gives for a case, as iam-simulate names it.
    static func decide(_ json: JSONValue) throws -> String {
        let request = try #require(json["request"])
        let principal: RequestPrincipal
        if case .object = request["principal"] {
            principal = .anonymous
        } else {
            principal = try #require(RequestPrincipal(parsing: request["principal"]?.stringValue ?? ""))
        }
        var context = RequestContext()
        if case .object(let members)? = request["context"] {
            for (key, value) in members {
                switch value {
                case .array(let values): context[key] = .multiple(values.compactMap(\.stringValue))
                case .string(let s): context[key] = .single(s)
                default: context[key] = .single(value.serialized())
                }
            }
        }
        let authorization = AuthorizationRequest(
            principal: principal, action: request["action"]?.stringValue ?? "",
            resource: request["resource"]?["resource"]?.stringValue ?? "",
            resourceAccountId: request["resource"]?["accountId"]?.stringValue, context: context)
        let boundaries = try policies(json["permissionBoundaries"])
        let set = PolicySet(
            identityPolicies: try policies(json["identityPolicies"]),
            resourcePolicy: try json["resourcePolicy"].map(policy),
            serviceControlPolicies: try levels(json["serviceControlPolicies"]),
            resourceControlPolicies: try levels(json["resourceControlPolicies"]),
            permissionBoundaries: boundaries.isEmpty ? nil : boundaries,
            sessionPolicy: try json["sessionPolicy"].map(policy),
            endpointPolicies: try policies(json["endpointPolicies"]))
        switch PolicyEvaluator().evaluate(authorization, policies: set).decision {
        case .allowed: return "Allowed"
        case .implicitDeny: return "ImplicitlyDenied"
        case .explicitDeny: return "ExplicitlyDenied"
        }
    }

    /// The case ids `docs/policy-conformance.md` lists as known, documented disagreements.
    static func documentedDisagreements() throws -> String {
        try String(contentsOf: packageRoot.appendingPathComponent("docs/policy-conformance.md"), encoding: .utf8)
    }

    @Test("every supported case agrees or is a documented disagreement")
    func conformance() throws {
        let cases = try Self.loadCases()
        #expect(cases.count == 431, "the dataset should hold 431 core-engine cases")
        var agree = 0
        var skipped = 0
        var disagreements: [String] = []
        for testCase in cases {
            if Self.unsupported(testCase.json) != nil {
                skipped += 1
                continue
            }
            let expected = testCase.json["expected"]?["response"]?.stringValue ?? "?"
            let actual: String
            do {
                actual = try Self.decide(testCase.json)
            } catch {
                actual = "error: \(error)"
            }
            if actual == expected {
                agree += 1
            } else {
                disagreements.append("\(testCase.id) — expected \(expected), TrailGate \(actual)")
            }
        }
        print(
            "IAM conformance: \(agree) agree, \(disagreements.count) disagree, \(skipped) outside the model, of \(cases.count)"
        )
        let documented = try Self.documentedDisagreements()
        for disagreement in disagreements {
            let id = String(disagreement.prefix { $0 != "—" }).trimmingCharacters(in: .whitespaces)
            #expect(documented.contains(id), "undocumented disagreement: \(disagreement)")
        }
    }
}
