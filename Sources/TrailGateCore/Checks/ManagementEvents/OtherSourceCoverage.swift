/// How the selectors log events from every source other than KMS and RDS Data API, decided exactly.
///
/// The `eventSource` conditions only test equality, prefixes and suffixes, so the strings built from each tested
/// prefix, a character no pattern contains (the filler), and each tested suffix, plus every tested exact value,
/// realise every combination of outcomes any source string can produce: checking those witnesses is checking all
/// strings. A witness `prefix + filler + suffix` equals no tested value, starts with a tested prefix exactly when
/// its own prefix does, and ends with a tested suffix exactly when its own suffix does. So each condition is decided
/// once per tested prefix and once per tested suffix, and each of the prefix × suffix witnesses costs a few boolean
/// operations per selector instead of a match against every pattern: 500 conditions take milliseconds.
struct OtherSourceCoverage: Sendable {
    /// How many witnesses there are: prefixes × suffixes, plus the exact values.
    let witnessCount: Int
    /// For each selector and access (in `EventAccess.allCases` order), how many witnesses it admits.
    let admittedCounts: [[Int]]
    /// For each access, whether every witness is admitted by some selector.
    let coveredTogether: [Bool]

    init(selectors: [ManagementEventSelector]) {
        let patterns = selectors.flatMap(\.sourcePatterns)
        var prefixSet: Set<String> = [""]
        var suffixSet: Set<String> = [""]
        var exactSet: Set<String> = []
        for pattern in patterns {
            switch pattern {
            case .startsWith(let s): prefixSet.insert(s)
            case .endsWith(let s): suffixSet.insert(s)
            case .equals(let s): exactSet.insert(s)
            }
        }
        exactSet.remove(SourceGroup.kmsSource)
        exactSet.remove(SourceGroup.rdsDataSource)
        let prefixes = prefixSet.sorted()
        let suffixes = suffixSet.sorted()
        let exact = exactSet.sorted()
        witnessCount = prefixes.count * suffixes.count + exact.count

        let accesses = EventAccess.allCases
        let admitting = selectors.map { selector in
            SelectorOnWitnesses(selector, prefixes: prefixes, suffixes: suffixes)
        }
        var counts = Array(repeating: Array(repeating: 0, count: accesses.count), count: selectors.count)
        var uncovered = Array(repeating: false, count: accesses.count)
        var admittedBy = Array(repeating: false, count: selectors.count)
        for p in prefixes.indices {
            for s in suffixes.indices {
                for index in admitting.indices { admittedBy[index] = admitting[index].admits(prefix: p, suffix: s) }
                Self.tally(admittedBy, admitting, &counts, &uncovered)
            }
        }
        for source in exact {
            for index in admitting.indices { admittedBy[index] = admitting[index].admitsSource(source) }
            Self.tally(admittedBy, admitting, &counts, &uncovered)
        }
        admittedCounts = counts
        coveredTogether = uncovered.map { !$0 }
    }

    /// Adds one witness: `admittedBy` says which selectors admit its source whatever the access.
    private static func tally(
        _ admittedBy: [Bool], _ selectors: [SelectorOnWitnesses], _ counts: inout [[Int]], _ uncovered: inout [Bool]
    ) {
        for access in uncovered.indices {
            var any = false
            for index in selectors.indices where admittedBy[index] && selectors[index].admitsAccess[access] {
                counts[index][access] += 1
                any = true
            }
            if !any { uncovered[access] = true }
        }
    }
}

/// One selector's `eventSource` conditions decided on each tested prefix and suffix.
private struct SelectorOnWitnesses {
    /// Whether the selector's `readOnly` conditions (and exclusion) let each access through.
    let admitsAccess: [Bool]
    /// No negative pattern of any condition matches the prefix / the suffix.
    private let prefixAllowed: [Bool]
    private let suffixAllowed: [Bool]
    /// For each condition with positive patterns: whether one matches the prefix / the suffix.
    private let positivePrefix: [[Bool]]
    private let positiveSuffix: [[Bool]]
    private let sourceConditions: [FieldCondition]

    init(_ selector: ManagementEventSelector, prefixes: [String], suffixes: [String]) {
        admitsAccess = EventAccess.allCases.map { access in
            selector.excludedReason == nil
                && selector.fieldConditions.allSatisfy { $0.field != "readOnly" || $0.admits(access.readOnlyValue) }
        }
        let conditions = selector.fieldConditions.filter { $0.field == "eventSource" }
        sourceConditions = conditions
        prefixAllowed = prefixes.map { prefix in
            !conditions.contains { condition in
                condition.negative.contains { if case .startsWith(let s) = $0 { prefix.hasPrefix(s) } else { false } }
            }
        }
        suffixAllowed = suffixes.map { suffix in
            !conditions.contains { condition in
                condition.negative.contains { if case .endsWith(let s) = $0 { suffix.hasSuffix(s) } else { false } }
            }
        }
        let positive = conditions.filter { !$0.positive.isEmpty }
        positivePrefix = positive.map { condition in
            prefixes.map { prefix in
                condition.positive.contains { if case .startsWith(let s) = $0 { prefix.hasPrefix(s) } else { false } }
            }
        }
        positiveSuffix = positive.map { condition in
            suffixes.map { suffix in
                condition.positive.contains { if case .endsWith(let s) = $0 { suffix.hasSuffix(s) } else { false } }
            }
        }
    }

    /// Whether the source conditions admit the witness `prefixes[prefix] + filler + suffixes[suffix]`.
    func admits(prefix: Int, suffix: Int) -> Bool {
        guard prefixAllowed[prefix], suffixAllowed[suffix] else { return false }
        for condition in positivePrefix.indices
        where !positivePrefix[condition][prefix] && !positiveSuffix[condition][suffix] {
            return false
        }
        return true
    }

    /// Whether the source conditions admit this exact source.
    func admitsSource(_ source: String) -> Bool {
        sourceConditions.allSatisfy { $0.admits(source) }
    }
}
