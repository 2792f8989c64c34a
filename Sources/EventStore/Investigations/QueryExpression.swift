import Foundation
import TrailGateBasics

/// The two SQL dialects an investigation renders to.
public enum SQLDialect: String, Sendable, CaseIterable {
    /// SQLite over the local `events` table.
    case sqlite
    /// Athena (Trino) over the CloudTrail table of `trailgate athena ddl`.
    case athena
}

/// A value expression of an investigation, written once and rendered in either dialect.
public indirect enum QueryExpression: Sendable, Equatable {
    /// A column of the local `events` table; Athena reads the same value from its nested column or partition.
    case column(String)
    /// A member of a JSON-text column (`requestparameters`, `additionaleventdata`, …) as text.
    case jsonText(column: String, path: String)
    case text(String)
    case integer(Int)
    /// `count(*)`.
    case countAll
    case countDistinct(QueryExpression)
    case min(QueryExpression)
    case max(QueryExpression)
    /// The event time as the sort key: `eventts` locally, `eventtime` on Athena (both sort chronologically).
    case eventOrder

    /// Athena expressions for the local columns that have no column of that name there.
    static let athenaColumns: [String: String] = [
        "useridentity_type": "useridentity.type",
        "useridentity_principalid": "useridentity.principalid",
        "useridentity_arn": "useridentity.arn",
        "useridentity_accountid": "useridentity.accountid",
        "useridentity_accesskeyid": "useridentity.accesskeyid",
        "useridentity_username": "useridentity.username",
        "useridentity_invokedby": "useridentity.invokedby",
        "sessionissuer_arn": "useridentity.sessioncontext.sessionissuer.arn",
        "mfaauthenticated": "useridentity.sessioncontext.attributes.mfaauthenticated",
        "actor":
            "coalesce(useridentity.arn, useridentity.sessioncontext.sessionissuer.arn, useridentity.invokedby, useridentity.principalid, useridentity.type)",
        "date": "\"timestamp\"",
    ]

    public func render(_ dialect: SQLDialect) -> String {
        switch self {
        case .column(let name):
            switch dialect {
            case .sqlite: return name == "date" ? "\"date\"" : name
            case .athena: return Self.athenaColumns[name] ?? name
            }
        case .jsonText(let column, let path):
            switch dialect {
            case .sqlite: return "json_extract(\(column), \(Self.literal(path)))"
            case .athena: return "json_extract_scalar(\(column), \(Self.literal(path)))"
            }
        case .text(let value): return Self.literal(value)
        case .integer(let value): return String(value)
        case .countAll: return "count(*)"
        case .countDistinct(let inner): return "count(DISTINCT \(inner.render(dialect)))"
        case .min(let inner): return "min(\(inner.render(dialect)))"
        case .max(let inner): return "max(\(inner.render(dialect)))"
        case .eventOrder: return dialect == .sqlite ? "eventts" : "eventtime"
        }
    }

    /// A single-quoted SQL string literal (quotes doubled), the same in both dialects.
    static func literal(_ value: String) -> String {
        "'" + value.replacingOccurrences(of: "'", with: "''") + "'"
    }

    public var isAggregate: Bool {
        switch self {
        case .countAll, .countDistinct, .min, .max: return true
        default: return false
        }
    }
}

/// A condition of an investigation's WHERE clause.
public indirect enum QueryCondition: Sendable, Equatable {
    case equals(QueryExpression, String)
    case notEquals(QueryExpression, String)
    case isNull(QueryExpression)
    case isNotNull(QueryExpression)
    case oneOf(QueryExpression, [String])
    case noneOf(QueryExpression, [String])
    /// SQL `LIKE` with `%` and `_`.
    case like(QueryExpression, String)
    case all([QueryCondition])
    case any([QueryCondition])
    /// Unix seconds, inclusive: `eventts` locally, `from_iso8601_timestamp(eventtime)` on Athena.
    case eventTimeBetween(since: Int?, until: Int?)
    /// Delivery days `YYYY/MM/DD`, inclusive, on the `date` column (Athena's `timestamp` partition).
    case dayBetween(String?, String?)

    public func render(_ dialect: SQLDialect) -> String {
        switch self {
        case .equals(let left, let value): return "\(left.render(dialect)) = \(QueryExpression.literal(value))"
        case .notEquals(let left, let value): return "\(left.render(dialect)) <> \(QueryExpression.literal(value))"
        case .isNull(let left): return "\(left.render(dialect)) IS NULL"
        case .isNotNull(let left): return "\(left.render(dialect)) IS NOT NULL"
        case .oneOf(let left, let values):
            return "\(left.render(dialect)) IN (\(values.map(QueryExpression.literal).joined(separator: ", ")))"
        case .noneOf(let left, let values):
            return "\(left.render(dialect)) NOT IN (\(values.map(QueryExpression.literal).joined(separator: ", ")))"
        case .like(let left, let pattern): return "\(left.render(dialect)) LIKE \(QueryExpression.literal(pattern))"
        case .all(let parts):
            return parts.isEmpty ? "1 = 1" : parts.map { "(\($0.render(dialect)))" }.joined(separator: " AND ")
        case .any(let parts):
            return parts.isEmpty ? "1 = 0" : parts.map { "(\($0.render(dialect)))" }.joined(separator: " OR ")
        case .eventTimeBetween(let since, let until):
            let subject = dialect == .sqlite ? "eventts" : "from_iso8601_timestamp(eventtime)"
            func bound(_ seconds: Int) -> String {
                dialect == .sqlite
                    ? String(seconds) : "from_iso8601_timestamp(\(QueryExpression.literal(Self.iso8601(seconds))))"
            }
            return [since.map { "\(subject) >= \(bound($0))" }, until.map { "\(subject) <= \(bound($0))" }]
                .compactMap { $0 }.joined(separator: " AND ")
        case .dayBetween(let first, let last):
            let subject = QueryExpression.column("date").render(dialect)
            return [
                first.map { "\(subject) >= \(QueryExpression.literal($0))" },
                last.map { "\(subject) <= \(QueryExpression.literal($0))" },
            ]
            .compactMap { $0 }.joined(separator: " AND ")
        }
    }

    /// `YYYY-MM-DDTHH:MM:SSZ` of Unix seconds.
    static func iso8601(_ seconds: Int) -> String { Timestamp(seconds: Int64(seconds)).iso8601 }
}
