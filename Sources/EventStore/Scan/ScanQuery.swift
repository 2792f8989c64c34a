/// An ``InvestigationPlan`` compiled for the streaming scan: its full condition (the investigation's own, the time
/// window, accounts and Regions), the byte prefilter derived from it, and how matching rows become result rows —
/// listed, or grouped and aggregated — in the plan's total order.
struct ScanQuery: Sendable {
    /// One term of the order: which sort value, and its direction.
    struct SortTerm: Sendable, Equatable {
        var index: Int
        var descending: Bool
    }

    /// An output of a grouped investigation.
    enum GroupedOutput: Sendable, Equatable {
        /// The group key at this index.
        case key(Int)
        case count
        /// A distinct count; the slot is the group's set of values.
        case countDistinct(ScanExpression, slot: Int)
        case min(ScanExpression, slot: Int)
        case max(ScanExpression, slot: Int)
    }

    enum Shape: Sendable, Equatable {
        /// One result row per event: its outputs, sorted by `order` over the sort values.
        case listing(outputs: [ScanExpression], sortValues: [ScanExpression], order: [SortTerm])
        /// One result row per group: sorted by `order` over the outputs.
        case grouped(
            keys: [ScanExpression], outputs: [GroupedOutput], distinctSlots: Int, extremeSlots: Int,
            order: [SortTerm])
    }

    let plan: InvestigationPlan
    let condition: ScanCondition
    let prefilter: ScanPrefilter
    let shape: Shape
    let limit: Int?
    /// The columns the condition, outputs and order read: all a worker's mapper needs to store.
    let columns: Set<Int>

    static let eventIDColumn = ScanExpression.columnIndex["eventid"]!

    init(_ plan: InvestigationPlan) throws(ScanPlanError) {
        self.plan = plan
        let conditions = plan.conditions(.sqlite)
        condition = try ScanCondition(.all(conditions))
        prefilter = ScanPrefilter(.all(conditions))
        limit = plan.parameters.limit
        let investigation = plan.investigation
        if investigation.grouped {
            var keys: [ScanExpression] = []
            var outputs: [GroupedOutput] = []
            var distinct = 0
            var extremes = 0
            for output in investigation.outputs {
                switch output.value {
                case .countAll: outputs.append(.count)
                case .countDistinct(let value):
                    outputs.append(.countDistinct(try ScanExpression(value), slot: distinct))
                    distinct += 1
                case .min(let value):
                    outputs.append(.min(try ScanExpression(value), slot: extremes))
                    extremes += 1
                case .max(let value):
                    outputs.append(.max(try ScanExpression(value), slot: extremes))
                    extremes += 1
                default:
                    outputs.append(.key(keys.count))
                    keys.append(try ScanExpression(output.value))
                }
            }
            var order: [SortTerm] = []
            for term in plan.totalOrder {
                guard let index = investigation.outputs.firstIndex(where: { $0.value == term.value }) else {
                    throw ScanPlanError(reason: "\(investigation.name) orders by a value it does not output")
                }
                order.append(SortTerm(index: index, descending: term.isDescending))
            }
            shape = .grouped(
                keys: keys, outputs: outputs, distinctSlots: distinct, extremeSlots: extremes, order: order)
            columns = outputs.reduce(into: condition.columns.union(keys.flatMap(\.columns))) { columns, output in
                switch output {
                case .countDistinct(let value, _), .min(let value, _), .max(let value, _):
                    columns.formUnion(value.columns)
                case .key, .count: break
                }
            }
        } else {
            var outputs: [ScanExpression] = []
            for output in investigation.outputs { outputs.append(try ScanExpression(output.value)) }
            var sortValues: [ScanExpression] = []
            var order: [SortTerm] = []
            for term in plan.totalOrder {
                order.append(SortTerm(index: sortValues.count, descending: term.isDescending))
                sortValues.append(try ScanExpression(term.value))
            }
            shape = .listing(outputs: outputs, sortValues: sortValues, order: order)
            columns = condition.columns.union((outputs + sortValues).flatMap(\.columns))
        }
    }

    /// Adds a row that satisfies the condition (and whose event id was not seen before) to `matches`.
    func add(_ row: MappedRow, to matches: inout ScanMatches, json: JSONPathReader) {
        matches.count += 1
        switch shape {
        case .listing(let outputs, let sortValues, let order):
            matches.listed.append(
                ScanMatches.Listed(
                    sortValues: sortValues.map { $0.value(row, json: json) },
                    values: outputs.map { $0.value(row, json: json) }))
            if let limit, matches.listed.count >= 2 * limit + 64 { matches.keepFirst(limit, order: order) }
        case .grouped(let keys, let outputs, let distinctSlots, let extremeSlots, _):
            let key = keys.map { $0.value(row, json: json) }
            // The group is updated in place: one lookup per event.
            Self.update(
                &matches.groups[
                    key,
                    default: ScanMatches.Group(
                        count: 0, distinct: Array(repeating: [], count: distinctSlots),
                        extremes: Array(repeating: .null, count: extremeSlots))],
                outputs: outputs, row: row, json: json)
        }
    }

    private static func update(
        _ group: inout ScanMatches.Group, outputs: [GroupedOutput], row: MappedRow, json: JSONPathReader
    ) {
        group.count += 1
        for output in outputs {
            switch output {
            case .key, .count: break
            case .countDistinct(let value, let slot):
                let scanned = value.value(row, json: json)
                if !scanned.isNull { group.distinct[slot].insert(scanned) }
            case .min(let value, let slot): keepExtreme(value, &group.extremes[slot], row: row, json: json, lower: true)
            case .max(let value, let slot):
                keepExtreme(value, &group.extremes[slot], row: row, json: json, lower: false)
            }
        }
    }

    /// Replaces `extreme` by the row's value when it is lower (or higher); a text column is compared in place, and
    /// copied only when it wins.
    private static func keepExtreme(
        _ value: ScanExpression, _ extreme: inout ScanValue, row: MappedRow, json: JSONPathReader, lower: Bool
    ) {
        if case .column(let column) = value, column != RowBatch.eventtsColumn {
            guard let cell = row.cell(column) else { return }
            if case .text(let current) = extreme {
                guard lower ? cell.lexicographicallyPrecedes(current) : current.lexicographicallyPrecedes(cell) else {
                    return
                }
            } else if !extreme.isNull, lower {
                return
            }
            extreme = .text(Array(cell))
            return
        }
        keep(value.value(row, json: json), in: &extreme, lower: lower)
    }

    /// Replaces `extreme` by `value` when it is lower (or higher); NULL never replaces and is always replaced.
    private static func keep(_ value: ScanValue, in extreme: inout ScanValue, lower: Bool) {
        if !value.isNull, extreme.isNull || (lower ? value < extreme : extreme < value) { extreme = value }
    }

    /// Merges what another worker found into `matches`.
    func merge(_ other: ScanMatches, into matches: inout ScanMatches) {
        matches.count += other.count
        switch shape {
        case .listing(_, _, let order):
            matches.listed += other.listed
            if let limit, matches.listed.count >= 2 * limit + 64 { matches.keepFirst(limit, order: order) }
        case .grouped(_, let outputs, _, _, _):
            for (key, group) in other.groups {
                guard var merged = matches.groups[key] else {
                    matches.groups[key] = group
                    continue
                }
                merged.count += group.count
                for output in outputs {
                    switch output {
                    case .key, .count: break
                    case .countDistinct(_, let slot): merged.distinct[slot].formUnion(group.distinct[slot])
                    case .min(_, let slot): Self.keep(group.extremes[slot], in: &merged.extremes[slot], lower: true)
                    case .max(_, let slot): Self.keep(group.extremes[slot], in: &merged.extremes[slot], lower: false)
                    }
                }
                matches.groups[key] = merged
            }
        }
    }

    /// The result rows, in order, at most `limit` of them.
    func rows(_ matches: ScanMatches) -> [[ResultValue]] {
        var matches = matches
        switch shape {
        case .listing(_, _, let order):
            matches.keepFirst(limit ?? matches.listed.count, order: order)
            return matches.listed.map { $0.values.map(\.result) }
        case .grouped(_, let outputs, _, _, let order):
            var rows: [[ScanValue]] = matches.groups.map { key, group in
                outputs.map { output in
                    switch output {
                    case .key(let index): return key[index]
                    case .count: return .integer(Int64(group.count))
                    case .countDistinct(_, let slot): return .integer(Int64(group.distinct[slot].count))
                    case .min(_, let slot), .max(_, let slot): return group.extremes[slot]
                    }
                }
            }
            rows.sort { ScanMatches.precedes($0, $1, order: order) }
            return rows.prefix(limit ?? rows.count).map { $0.map(\.result) }
        }
    }
}

/// What a worker's scan found: the listed rows (kept to the first `limit` in order as they grow) or the groups.
struct ScanMatches: Sendable {
    struct Listed: Sendable {
        var sortValues: [ScanValue]
        var values: [ScanValue]
    }

    struct Group: Sendable {
        var count: Int
        var distinct: [Set<ScanValue>]
        var extremes: [ScanValue]
    }

    /// Rows that matched.
    var count = 0
    var listed: [Listed] = []
    var groups: [[ScanValue]: Group] = [:]

    mutating func keepFirst(_ limit: Int, order: [ScanQuery.SortTerm]) {
        listed.sort { Self.precedes($0.sortValues, $1.sortValues, order: order) }
        if listed.count > limit { listed.removeSubrange(limit...) }
    }

    static func precedes(_ left: [ScanValue], _ right: [ScanValue], order: [ScanQuery.SortTerm]) -> Bool {
        for term in order {
            let a = left[term.index]
            let b = right[term.index]
            if a == b { continue }
            return term.descending ? b < a : a < b
        }
        return false
    }
}
