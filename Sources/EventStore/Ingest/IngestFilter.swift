import TrailGateBasics

/// Which records an ingest keeps: an event-time window and the partitions asked for. Empty sets mean all.
public struct IngestFilter: Sendable, Equatable {
    /// Unix seconds, inclusive.
    public var since: Int?
    public var until: Int?
    public var accounts: Set<String>
    public var regions: Set<String>

    public init(since: Int? = nil, until: Int? = nil, accounts: Set<String> = [], regions: Set<String> = []) {
        self.since = since
        self.until = until
        self.accounts = accounts
        self.regions = regions
    }

    /// Whether a file the layout files under `key` can hold records the filter keeps. A file is filed by its
    /// delivery day, which is the event's day or later, so the day before `since` is skipped but days after
    /// `until` are kept for one day.
    public func mayContain(_ key: LogObjectKey) -> Bool {
        if key.kind == .digest { return false }
        if !accounts.isEmpty, !accounts.contains(key.account) { return false }
        if !regions.isEmpty, !regions.contains(key.region) { return false }
        guard let day = Self.dayNumber(key.date) else { return true }
        if let since, day < since.floorDivided(by: 86_400) { return false }
        if let until, day > until.floorDivided(by: 86_400) + 1 { return false }
        return true
    }

    /// Days since 1970-01-01 of `YYYY/MM/DD`; nil for a date that does not exist (2024/02/30).
    static func dayNumber(_ date: String) -> Int? {
        let parts = date.split(separator: "/").compactMap { Int($0) }
        guard parts.count == 3 else { return nil }
        return CivilDate(year: parts[0], month: parts[1], day: parts[2])?.days
    }
}
