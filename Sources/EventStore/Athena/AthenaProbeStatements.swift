import Foundation

/// The statements `trailgate probe` sends through Athena as the role: a scratch database and a table over one
/// account's logs with partition projection limited to a window of days, the `SELECT` that reads a few of their
/// events, and the `DROP`s that remove the table and database again.
public struct AthenaProbeStatements: Sendable, Equatable {
    /// The scratch table, its projection limited to the account, the Regions and the window.
    public var table: AthenaTableDDL
    /// True when the probe creates the database (and drops it afterwards); false when it uses an existing one.
    public var createsDatabase: Bool
    /// The delivery days the query reads, `YYYY/MM/DD`, oldest first.
    public var days: [String]

    /// The statements for `account`'s logs in `regions` over the `dayCount` days ending `lastDay` (`YYYY/MM/DD`).
    /// The table is `cloudtrail_probe_<suffix>` in `database`, or in a scratch database `trailgate_probe_<suffix>`
    /// when `database` is nil; `suffix` is lowercase letters and digits.
    public init(
        bucket: String, prefix: String?, organizationId: String?, account: String, regions: [String],
        database: String?, suffix: String, lastDay: String, dayCount: Int
    ) throws {
        guard dayCount > 0 else { throw AthenaDDLError(description: "--days must be a positive number of days") }
        guard !suffix.isEmpty, suffix.allSatisfy({ $0.isASCII && ($0.isLowercase || $0.isNumber) }) else {
            throw AthenaDDLError(description: "the name suffix \"\(suffix)\" is not lowercase letters and digits")
        }
        guard let last = Self.date(lastDay) else {
            throw AthenaDDLError(description: "the last day \"\(lastDay)\": expected a date as YYYY/MM/DD")
        }
        days = (0..<dayCount).reversed().map { Self.day(last.addingTimeInterval(-86_400 * Double($0))) }
        createsDatabase = database == nil
        table = try AthenaTableDDL(
            bucket: bucket, prefix: prefix, organizationId: organizationId, accounts: [account], regions: regions,
            database: database ?? "trailgate_probe_\(suffix)", table: "cloudtrail_probe_\(suffix)",
            startDay: days[0], endDay: lastDay)
    }

    /// `CREATE DATABASE IF NOT EXISTS …`; nil when the probe uses an existing database.
    public var createDatabase: String? {
        createsDatabase ? "CREATE DATABASE IF NOT EXISTS \(table.database)" : nil
    }

    /// The table's `CREATE EXTERNAL TABLE`, without the closing semicolon Athena's API does not take.
    public var createTable: String {
        var text = table.statement.trimmingCharacters(in: .whitespacesAndNewlines)
        if text.hasSuffix(";") { text.removeLast() }
        return text
    }

    /// The partition predicates of the window: the account, its Regions and the days.
    public var partitionPredicate: String {
        let regions = table.regions.map { "'\($0)'" }.joined(separator: ", ")
        return
            "account = '\(table.accounts[0])' AND region IN (\(regions)) AND \"timestamp\" BETWEEN '\(days[0])' AND '\(days[days.count - 1])'"
    }

    /// `SELECT eventtime, eventsource, eventname … LIMIT 5` over the window's partitions.
    public var select: String {
        "SELECT eventtime, eventsource, eventname FROM \(table.qualifiedName) WHERE \(partitionPredicate) LIMIT 5"
    }

    /// `DROP TABLE IF EXISTS …`.
    public var dropTable: String { "DROP TABLE IF EXISTS \(table.qualifiedName)" }

    /// `DROP DATABASE IF EXISTS …`; nil when the probe did not create the database.
    public var dropDatabase: String? { createsDatabase ? "DROP DATABASE IF EXISTS \(table.database)" : nil }

    /// The window in words: its days, the account and the Regions.
    public var window: String {
        "\(days[0]) to \(days[days.count - 1]) (\(days.count) day\(days.count == 1 ? "" : "s")), account "
            + "\(table.accounts[0]), Region\(table.regions.count == 1 ? "" : "s") \(table.regions.joined(separator: ", "))"
    }

    /// `YYYY/MM/DD` of `date` in UTC.
    public static func day(_ date: Date) -> String {
        let parts = calendar.dateComponents([.year, .month, .day], from: date)
        return String(format: "%04d/%02d/%02d", parts.year ?? 0, parts.month ?? 0, parts.day ?? 0)
    }

    private static func date(_ day: String) -> Date? {
        let parts = day.split(separator: "/").compactMap { Int($0) }
        guard day.count == 10, parts.count == 3, IngestFilter.dayNumber(day) != nil else { return nil }
        return calendar.date(from: DateComponents(year: parts[0], month: parts[1], day: parts[2]))
    }

    private static let calendar: Calendar = {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(identifier: "UTC") ?? .current
        return calendar
    }()
}
