import TrailGateBasics

/// What an investigation may be narrowed by; every field is optional unless the investigation says it needs it.
public struct InvestigationParameters: Sendable, Equatable {
    /// Unix seconds, inclusive.
    public var since: Int?
    public var until: Int?
    /// A principal ARN (user, role, assumed-role session, or the role behind sessions), an access key id, or an
    /// account root.
    public var principal: String?
    public var accounts: [String]
    public var regions: [String]
    /// Regions where activity is expected (for `unusual-regions`).
    public var allowedRegions: [String]
    /// At most this many rows; nil for all.
    public var limit: Int?

    public init(
        since: Int? = nil, until: Int? = nil, principal: String? = nil, accounts: [String] = [], regions: [String] = [],
        allowedRegions: [String] = [], limit: Int? = 1000
    ) {
        self.since = since
        self.until = until
        self.principal = principal
        self.accounts = accounts
        self.regions = regions
        self.allowedRegions = allowedRegions
        self.limit = limit
    }
}

/// A canned security investigation: one definition that renders to SQLite (local store) and to Athena (Trino).
public struct Investigation: Sendable {
    /// One output column: its name in the results of both dialects, and its value.
    public struct Output: Sendable, Equatable {
        public var name: String
        public var value: QueryExpression
    }

    public enum Order: Sendable, Equatable {
        case ascending(QueryExpression)
        case descending(QueryExpression)

        public var value: QueryExpression {
            switch self {
            case .ascending(let value), .descending(let value): return value
            }
        }

        public var isDescending: Bool {
            if case .descending = self { return true }
            return false
        }
    }

    public var name: String
    public var title: String
    /// What a responder learns from it, one or two sentences.
    public var summary: String
    public var outputs: [Output]
    /// The condition of the investigation itself; the plan adds time, account and Region bounds.
    public var condition: @Sendable (InvestigationParameters) -> QueryCondition
    public var order: [Order]
    /// True when it needs `--principal`.
    public var needsPrincipal = false
    /// A summary table the local store keeps for it at ingest (SQLite only; Athena groups the events).
    public var rollup: InvestigationRollup? = nil
    /// Whether rows are grouped by the non-aggregate outputs.
    public var grouped: Bool { outputs.contains { $0.value.isAggregate } }
}

/// An investigation with its parameters, ready to render.
public struct InvestigationPlan: Sendable {
    public var investigation: Investigation
    public var parameters: InvestigationParameters

    public init(investigation: Investigation, parameters: InvestigationParameters) {
        self.investigation = investigation
        self.parameters = parameters
    }

    /// The investigation's order made total, so that SQLite, Athena and the scan return rows in one order: a grouping
    /// ends with its group keys, a listing with the event id (events in the same second are common).
    public var totalOrder: [Investigation.Order] {
        var order = investigation.order
        let tiebreaks: [QueryExpression] =
            investigation.grouped
            ? investigation.outputs.map(\.value).filter { !$0.isAggregate } : [.column("eventid")]
        for value in tiebreaks where !order.contains(where: { $0.value == value }) { order.append(.ascending(value)) }
        return order
    }

    /// The files and records the plan can match: its window, accounts and Regions, as a scan lists and maps them.
    public var filter: IngestFilter {
        IngestFilter(
            since: parameters.since, until: parameters.until, accounts: Set(parameters.accounts),
            regions: Set(parameters.regions))
    }

    /// The output column names, the same in both dialects.
    public var columnNames: [String] { investigation.outputs.map(\.name) }

    /// The SQLite query over the local `events` table.
    /// Without a time window, an investigation with a ``InvestigationRollup`` reads its summary table instead.
    public func sqlite() -> String { renderRollup() ?? render(.sqlite, table: "events") }

    /// The Athena (Trino) query over `table` (e.g. `trailgate.cloudtrail`), with partition predicates on `account`,
    /// `region` and the delivery day (`timestamp`), padded by one day after `until` since files are filed by
    /// delivery time.
    public func athena(table: String) -> String { render(.athena, table: table) }

    func conditions(_ dialect: SQLDialect) -> [QueryCondition] {
        var parts: [QueryCondition] = []
        if dialect == .athena, parameters.since != nil || parameters.until != nil {
            parts.append(
                .dayBetween(
                    parameters.since.map { S3LogPrefixes.civilDate($0.floorDivided(by: 86_400)) },
                    parameters.until.map { S3LogPrefixes.civilDate($0.floorDivided(by: 86_400) + 1) }))
        }
        if !parameters.accounts.isEmpty { parts.append(.oneOf(.column("account"), parameters.accounts)) }
        if !parameters.regions.isEmpty { parts.append(.oneOf(.column("region"), parameters.regions)) }
        if parameters.since != nil || parameters.until != nil {
            parts.append(.eventTimeBetween(since: parameters.since, until: parameters.until))
        }
        parts.append(investigation.condition(parameters))
        return parts
    }

    func render(_ dialect: SQLDialect, table: String) -> String {
        let outputs = investigation.outputs.map { "\($0.value.render(dialect)) AS \($0.name)" }
        let filter = conditions(dialect).map { "(\($0.render(dialect)))" }.joined(separator: "\n  AND ")
        if dialect == .sqlite, !investigation.grouped, parameters.limit != nil {
            // The first rows are chosen from the index alone (rowid and sort key), and only they are read whole.
            return "SELECT " + outputs.joined(separator: ",\n       ")
                + "\nFROM \(table)\nWHERE rowid IN (SELECT rowid FROM \(table)\nWHERE "
                + filter + orderAndLimit(dialect) + ")" + orderAndLimit(dialect, limited: false)
        }
        var sql = "SELECT " + outputs.joined(separator: ",\n       ") + "\nFROM \(table)\nWHERE " + filter
        if investigation.grouped {
            let keys = investigation.outputs.filter { !$0.value.isAggregate }.map { $0.value.render(dialect) }
            if !keys.isEmpty { sql += "\nGROUP BY " + keys.joined(separator: ", ") }
        }
        return sql + orderAndLimit(dialect)
    }

    private func orderAndLimit(_ dialect: SQLDialect, limited: Bool = true) -> String {
        var sql = ""
        if !totalOrder.isEmpty {
            sql +=
                "\nORDER BY "
                + totalOrder.map { order in
                    switch order {
                    case .ascending(let value): return "\(render(value, dialect)) ASC"
                    case .descending(let value): return "\(render(value, dialect)) DESC"
                    }
                }.joined(separator: ", ")
        }
        if limited, let limit = parameters.limit { sql += "\nLIMIT \(limit)" }
        return sql
    }

    /// The SQLite query over the investigation's summary table, nil when it has none or cannot answer these
    /// parameters exactly (a time window, or a condition or output the summary does not keep).
    func renderRollup() -> String? {
        guard let rollup = investigation.rollup, parameters.since == nil, parameters.until == nil else { return nil }
        let conditions = conditions(.sqlite)
        for condition in conditions {
            guard let columns = condition.columns, columns.isSubset(of: rollup.keys) else { return nil }
        }
        var outputs: [String] = []
        for output in investigation.outputs {
            guard let value = rollup.recombined(output.value) else { return nil }
            outputs.append("\(value) AS \(output.name)")
        }
        var sql = "SELECT " + outputs.joined(separator: ",\n       ") + "\nFROM \(rollup.table)\nWHERE "
        sql += conditions.map { "(\($0.render(.sqlite)))" }.joined(separator: "\n  AND ")
        let keys = investigation.outputs.filter { !$0.value.isAggregate }.map { $0.value.render(.sqlite) }
        if !keys.isEmpty { sql += "\nGROUP BY " + keys.joined(separator: ", ") }
        return sql + orderAndLimit(.sqlite)
    }

    /// An aggregate in ORDER BY is referred to by its output name, the same in both dialects.
    private func render(_ value: QueryExpression, _ dialect: SQLDialect) -> String {
        if value.isAggregate, let output = investigation.outputs.first(where: { $0.value == value }) {
            return output.name
        }
        return value.render(dialect)
    }
}
