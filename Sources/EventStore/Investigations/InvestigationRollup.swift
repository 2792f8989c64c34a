/// A summary table the local store keeps for a grouping investigation, so it reads a few thousand summary rows
/// instead of grouping every event. Rows are grouped by `keys` (event columns); each aggregate output keeps what
/// recombines exactly: `count(*)` as a sum, `min`/`max` of a column as its minimum/maximum, and a distinct count
/// from a column among the keys. The writer refreshes it in the transaction that inserts the events (from the rows
/// that transaction added), so duplicates skipped and resumed ingests keep it exact. Athena keeps the plain GROUP BY.
public struct InvestigationRollup: Sendable, Equatable {
    public var table: String
    /// The event columns it groups by: the investigation's group keys, every column its condition reads, the
    /// columns it counts distinctly, and the `account`/`region` partitions the plan may filter on.
    public var keys: [String]

    public init(table: String, keys: [String]) {
        self.table = table
        self.keys = keys
    }

    /// An aggregate the summary stores per group, in a column of its own.
    enum StoredAggregate: Equatable {
        case count
        case min(String)
        case max(String)

        /// The stored aggregate of an output, nil for a distinct count (read from the keys).
        init?(_ value: QueryExpression) {
            switch value {
            case .countAll: self = .count
            case .min(.column(let column)): self = .min(column)
            case .max(.column(let column)): self = .max(column)
            default: return nil
            }
        }

        /// Its column in the summary table.
        var name: String {
            switch self {
            case .count: "events"
            case .min(let column): "min_\(column)"
            case .max(let column): "max_\(column)"
            }
        }

        /// Its value over `events` rows.
        var fromEvents: String {
            switch self {
            case .count: "count(*)"
            case .min(let column): "min(\(column))"
            case .max(let column): "max(\(column))"
            }
        }
    }

    func storedColumns(_ investigation: Investigation) -> [StoredAggregate] {
        investigation.outputs.compactMap { StoredAggregate($0.value) }
    }

    func createStatements(_ investigation: Investigation) -> [String] {
        let columns = keys.map { "\(EventSchema.quoted($0)) TEXT" } + storedColumns(investigation).map { "\($0.name)" }
        let unique = keys.map(EventSchema.quoted).joined(separator: ", ")
        return ["CREATE TABLE IF NOT EXISTS \(table) (\(columns.joined(separator: ", ")), UNIQUE (\(unique)))"]
    }

    /// Adds every event to the summary (an empty one: a store from before it existed, or one being built again).
    func fillSQL(_ investigation: Investigation) -> String {
        let keyList = keys.map(EventSchema.quoted).joined(separator: ", ")
        let stored = storedColumns(investigation)
        return """
            INSERT INTO \(table) (\(keyList), \(stored.map(\.name).joined(separator: ", ")))
            SELECT \(keyList), \(stored.map(\.fromEvents).joined(separator: ", ")) FROM events GROUP BY \(keyList)
            \(mergeClause(investigation))
            """
    }

    /// Adds one group (its keys, then its stored columns, as parameters) to the summary.
    func addGroupSQL(_ investigation: Investigation) -> String {
        let stored = storedColumns(investigation)
        let names = keys.map(EventSchema.quoted) + stored.map(\.name)
        return """
            INSERT INTO \(table) (\(names.joined(separator: ", "))) VALUES (\(Array(repeating: "?", count: names.count).joined(separator: ", ")))
            \(mergeClause(investigation))
            """
    }

    /// Recombines a group already in the summary with the one being added.
    private func mergeClause(_ investigation: Investigation) -> String {
        let merge = storedColumns(investigation).map { aggregate -> String in
            switch aggregate {
            case .count: "events = events + excluded.events"
            case .min: "\(aggregate.name) = min(\(aggregate.name), excluded.\(aggregate.name))"
            case .max: "\(aggregate.name) = max(\(aggregate.name), excluded.\(aggregate.name))"
            }
        }
        return
            "ON CONFLICT (\(keys.map(EventSchema.quoted).joined(separator: ", "))) DO UPDATE SET \(merge.joined(separator: ", "))"
    }

    /// The aggregate of `value` over summary rows; nil when it cannot be recombined.
    func recombined(_ value: QueryExpression) -> String? {
        switch value {
        case .column(let column): return keys.contains(column) ? value.render(.sqlite) : nil
        case .countAll: return "sum(events)"
        case .countDistinct(.column(let column)): return keys.contains(column) ? value.render(.sqlite) : nil
        case .min(.column(let column)): return "min(min_\(column))"
        case .max(.column(let column)): return "max(max_\(column))"
        default: return nil
        }
    }
}

extension QueryCondition {
    /// The event columns the condition reads; nil when it reads something else (a JSON member or the time).
    var columns: Set<String>? {
        switch self {
        case .equals(let value, _), .notEquals(let value, _), .isNull(let value), .isNotNull(let value),
            .oneOf(let value, _),
            .noneOf(let value, _), .like(let value, _):
            if case .column(let name) = value { return [name] }
            return nil
        case .all(let parts), .any(let parts):
            var result: Set<String> = []
            for part in parts {
                guard let columns = part.columns else { return nil }
                result.formUnion(columns)
            }
            return result
        case .eventTimeBetween, .dayBetween: return nil
        }
    }
}
