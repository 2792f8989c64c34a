import IAMPolicy
import TrailGateBasics

/// Explains the failed and refused steps of a probe report from the policies the caller could read: each refused
/// request is decided again by the policy evaluator, as the role's session, through Athena or not as the step made
/// it, and the explanation names the deciding statement and the check that covers it.
public struct ProbeExplainer: Sendable {
    public init() {}

    /// `report` with the explanation of every failed or refused step that has none yet and whose refused requests
    /// are on the trail's bucket or keys.
    public func explain(_ report: ProbeReport) -> ProbeReport {
        var explained = report
        let judge = ProbeJudge(report)
        for index in explained.steps.indices {
            let step = explained.steps[index]
            guard step.explanation == nil, step.status == .fail || step.status == .refused else { continue }
            explained.steps[index].explanation = explanation(of: step, judge: judge)
        }
        return explained
    }

    /// One sentence per distinct cause, naming the operations it refused; nil when no refused request can be judged.
    private func explanation(of step: ProbeStep, judge: ProbeJudge) -> String? {
        let throughAthena = step.id == .athenaTable || step.id == .athenaQuery
        var causes: [(operations: [String], cause: String)] = []
        for request in step.requests where Self.isRefusal(request) {
            let access =
                ProbeAccessRequest(request, bucket: judge.bucket)
                ?? (throughAthena
                    ? request.errorMessage.flatMap { ProbeAccessRequest(athenaReason: $0, bucket: judge.bucket) } : nil)
            guard let access else { continue }
            guard let cause = judge.cause(of: access, throughAthena: throughAthena, directRead: step.id == .directRead)
            else { continue }
            if let index = causes.firstIndex(where: { $0.cause == cause }) {
                if !causes[index].operations.contains(access.operation) {
                    causes[index].operations.append(access.operation)
                }
            } else {
                causes.append(([access.operation], cause))
            }
        }
        guard !causes.isEmpty else { return nil }
        return causes.map { "\(Self.list($0.operations)): \($0.cause)." }.joined(separator: " ")
    }

    /// True when AWS refused the request: an access-denied error code, or a failure reason that says so.
    static func isRefusal(_ request: ProbeRequest) -> Bool {
        let words = [request.errorCode, request.errorMessage].compactMap { $0?.lowercased() }
        return words.contains { $0.contains("accessdenied") || $0.contains("access denied") }
            || words.contains { $0.contains("permission denied") }
    }

    /// `A`, `A and B`, `A, B and C`.
    private static func list(_ items: [String]) -> String {
        items.count < 2 ? items.joined() : items.dropLast().joined(separator: ", ") + " and " + items[items.count - 1]
    }
}
