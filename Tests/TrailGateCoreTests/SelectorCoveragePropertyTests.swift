import TestSupport
import Testing

@testable import TrailGateCore

/// Random advanced selectors: the coverage decided over prefix and suffix tables must equal matching every witness
/// string with the selectors themselves, and a covered group must admit every short string over a small alphabet.
@Suite("Selector coverage on random selectors")
struct SelectorCoveragePropertyTests {
    private static let values = ["", "a", "ab", "b", "ba", "aab", "kms.amazonaws.com", "rdsdata.amazonaws.com", "kms"]
    private static let operators = ["Equals", "StartsWith", "EndsWith", "NotEquals", "NotStartsWith", "NotEndsWith"]

    private static func randomSelectors(_ random: inout SplitMix64) -> [AdvancedEventSelector] {
        (0..<Int(1 + random.next() % 3)).map { _ in
            var fields = [AdvancedFieldSelector(field: "eventCategory", equals: ["Management"])]
            if random.chance(30) {
                fields.append(AdvancedFieldSelector(field: "readOnly", equals: [random.pick(["true", "false"])]))
            }
            for _ in 0..<Int(random.next() % 3) {
                var field = AdvancedFieldSelector(field: "eventSource")
                for _ in 0..<Int(1 + random.next() % 2) {
                    let list = (0..<Int(1 + random.next() % 3)).map { _ in random.pick(values) }
                    switch random.pick(operators) {
                    case "Equals": field.equals = list
                    case "StartsWith": field.startsWith = list
                    case "EndsWith": field.endsWith = list
                    case "NotEquals": field.notEquals = list
                    case "NotStartsWith": field.notStartsWith = list
                    default: field.notEndsWith = list
                    }
                }
                fields.append(field)
            }
            return AdvancedEventSelector(fieldSelectors: fields)
        }
    }

    /// The witness strings themselves: every tested exact value, and prefix + filler + suffix.
    private static func witnesses(_ selectors: [ManagementEventSelector]) -> [String] {
        var prefixes: Set<String> = [""]
        var suffixes: Set<String> = [""]
        var exact: Set<String> = []
        for pattern in selectors.flatMap(\.sourcePatterns) {
            switch pattern {
            case .startsWith(let s): prefixes.insert(s)
            case .endsWith(let s): suffixes.insert(s)
            case .equals(let s): exact.insert(s)
            }
        }
        var all = exact.subtracting([SourceGroup.kmsSource, SourceGroup.rdsDataSource])
        for prefix in prefixes { for suffix in suffixes { all.insert(prefix + "\u{1}" + suffix) } }
        return Array(all)
    }

    /// Every string of up to four characters over `a`, `b` and `.`.
    private static let shortStrings: [String] = (0...4).reduce(into: [""]) { all, length in
        guard length > 0 else { return }
        all += all.filter { $0.count == length - 1 }.flatMap { s in ["a", "b", "."].map { s + $0 } }
    }

    @Test("500 random selector sets: tables agree with matching each witness, and covered means covered")
    func agreesWithWitnessMatching() {
        var random = SplitMix64(seed: 18)
        for _ in 0..<500 {
            let response = EventSelectorsResponse(advancedEventSelectors: Self.randomSelectors(&random))
            let coverage = ManagementEventCoverage(response)
            let witnesses = Self.witnesses(coverage.selectors)
            for access in EventAccess.allCases {
                let expected = witnesses.allSatisfy { source in
                    coverage.selectors.contains { $0.admits(access, source: source) }
                }
                #expect(coverage.isCovered(access, .other) == expected, "\(coverage.evidence)")
                for index in coverage.selectors.indices {
                    let alone = witnesses.allSatisfy { coverage.selectors[index].admits(access, source: $0) }
                    #expect(coverage.isCovered(by: index, access, .other) == alone)
                }
                if expected {
                    let sources = Self.shortStrings.filter { $0 != SourceGroup.kmsSource }
                    #expect(
                        sources.allSatisfy { source in
                            coverage.selectors.contains { $0.admits(access, source: source) }
                        })
                }
            }
        }
    }
}
