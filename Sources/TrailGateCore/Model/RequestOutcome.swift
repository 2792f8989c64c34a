/// One request a check evaluated for a service role, reduced to what groups it with others: the action (a row), the
/// account the role is in (a column), and the answer with a reason that names neither.
public struct RequestOutcome: Sendable, Equatable {
    /// The request in words, as its evidence item is labelled.
    public var description: String
    /// The action asked for, e.g. `s3:GetObject`.
    public var action: String
    /// The account of the role that asked.
    public var account: String
    /// True when the request is granted.
    public var granted: Bool
    /// The answer in a word or two: `allowed`, `not granted` or `denied`.
    public var outcome: String
    /// Why, with the action and the role left out, so that requests refused for the same reason read the same.
    public var reason: String
    /// The statement that decided, or the nearest one when none did, and why it does not apply.
    public var statement: String?
    /// What the requests go to when a check judges several resources (a key's ARN); nil otherwise.
    public var scope: String?

    public init(
        description: String, action: String, account: String, granted: Bool, outcome: String, reason: String,
        statement: String? = nil, scope: String? = nil
    ) {
        self.description = description
        self.action = action
        self.account = account
        self.granted = granted
        self.outcome = outcome
        self.reason = reason
        self.statement = statement
        self.scope = scope
    }
}
