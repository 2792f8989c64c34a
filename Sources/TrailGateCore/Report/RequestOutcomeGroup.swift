/// Requests that share an outcome, a reason, a statement and a scope: the actions × accounts they cover, said once.
public struct RequestOutcomeGroup: Sendable, Equatable {
    public var outcome: String
    public var reason: String
    public var statement: String?
    public var scope: String?
    /// The actions covered, in first-seen order: the table's rows.
    public var actions: [String]
    /// The accounts covered, in first-seen order: the table's columns.
    public var accounts: [String]
    /// The action–account pairs covered; a pair not listed is in another group.
    public var cells: Set<Cell>

    /// One action asked for by the role of one account.
    public struct Cell: Sendable, Hashable {
        public var action: String
        public var account: String

        public init(action: String, account: String) {
            self.action = action
            self.account = account
        }
    }

    /// How many requests the group covers.
    public var count: Int { cells.count }

    /// The requests not granted, grouped by outcome, reason, statement and scope, in the order their first
    /// request comes.
    public static func groups(_ outcomes: [RequestOutcome]) -> [RequestOutcomeGroup] {
        var groups: [RequestOutcomeGroup] = []
        for outcome in outcomes where !outcome.granted {
            let cell = Cell(action: outcome.action, account: outcome.account)
            if let index = groups.firstIndex(where: {
                ($0.outcome, $0.reason, $0.statement, $0.scope)
                    == (outcome.outcome, outcome.reason, outcome.statement, outcome.scope)
            }) {
                if !groups[index].actions.contains(outcome.action) { groups[index].actions.append(outcome.action) }
                if !groups[index].accounts.contains(outcome.account) { groups[index].accounts.append(outcome.account) }
                groups[index].cells.insert(cell)
            } else {
                groups.append(
                    RequestOutcomeGroup(
                        outcome: outcome.outcome, reason: outcome.reason, statement: outcome.statement,
                        scope: outcome.scope, actions: [outcome.action], accounts: [outcome.account], cells: [cell]))
            }
        }
        return groups
    }

    /// `18 of 18 requests are not granted, for 2 reasons`: how many of `outcomes` are refused, and for how many
    /// distinct reasons.
    public static func summary(_ outcomes: [RequestOutcome]) -> String {
        let refused = outcomes.filter { !$0.granted }
        let reasons = groups(outcomes).count
        return "\(refused.count) of \(outcomes.count) requests are not granted, for \(reasons) "
            + (reasons == 1 ? "reason" : "reasons")
    }

    /// The actions × accounts table: a header of accounts, then one row per action with `✘` where the group covers
    /// the pair and `·` where another group does.
    public var table: [String] {
        let width = max(actions.map(\.count).max() ?? 0, "action".count) + 2
        let column = max(accounts.map(\.count).max() ?? 0, 1) + 2
        func pad(_ text: String, _ count: Int) -> String {
            text.padding(toLength: max(count, text.count), withPad: " ", startingAt: 0)
        }
        var lines = [pad("action", width) + accounts.map { pad($0, column) }.joined()]
        for action in actions {
            lines.append(
                pad(action, width)
                    + accounts.map { pad(cells.contains(Cell(action: action, account: $0)) ? "✘" : "·", column) }
                    .joined())
        }
        return lines.map { String($0.reversed().drop(while: { $0 == " " }).reversed()) }
    }
}
