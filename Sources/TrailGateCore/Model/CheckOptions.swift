/// Settings that change how checks judge.
public struct CheckOptions: Sendable, Equatable {
    /// The organization the trail must belong to, when the user names one.
    public var expectedOrganizationId: String?
    /// Lifecycle retention, in days, at or above which `bucket.lifecycle-retention` passes.
    public var retentionDays: Int
    /// Makes a bucket without any lifecycle configuration fail.
    public var strict: Bool

    /// The smallest retention that is 18 calendar months for every object creation date.
    public static let eighteenMonthsDays = 550
    /// The smallest retention that is 18 calendar months for some object creation date.
    public static let eighteenMonthsShortestDays = 546

    public init(
        expectedOrganizationId: String? = nil, retentionDays: Int = CheckOptions.eighteenMonthsDays,
        strict: Bool = false
    ) {
        self.expectedOrganizationId = expectedOrganizationId
        self.retentionDays = retentionDays
        self.strict = strict
    }
}
