extension ReadinessReport {
    /// How many results a waiver accepted, over all trails and managed accounts.
    public var waivedCount: Int {
        trails.reduce(0) { $0 + $1.waivedCount } + (organization?.accounts.reduce(0) { $0 + $1.waivedCount } ?? 0)
    }

    /// How many results have `status` and no waiver, over all trails and managed accounts.
    public func unwaivedCount(_ status: CheckStatus) -> Int {
        trails.reduce(0) { $0 + $1.unwaivedCount(status) }
            + (organization?.accounts.reduce(0) { $0 + $1.unwaivedCount(status) } ?? 0)
    }
}

extension TrailReport {
    /// How many of the trail's results a waiver accepted.
    public var waivedCount: Int { results.filter { $0.result.waiver != nil }.count }

    /// How many of the trail's results have `status` and no waiver.
    public func unwaivedCount(_ status: CheckStatus) -> Int {
        results.filter { $0.result.status == status && $0.result.waiver == nil }.count
    }
}

extension AccountReport {
    /// How many of the account's results a waiver accepted.
    public var waivedCount: Int { results.filter { $0.waiver != nil }.count }

    /// How many of the account's results have `status` and no waiver.
    public func unwaivedCount(_ status: CheckStatus) -> Int {
        results.filter { $0.status == status && $0.waiver == nil }.count
    }
}
