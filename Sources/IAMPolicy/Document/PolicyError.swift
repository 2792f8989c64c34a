/// A policy document that cannot be evaluated: where in the document, and why.
public struct PolicyError: Error, Sendable, Equatable, CustomStringConvertible {
    /// A path into the document such as `Statement[2].Condition.StringEqulas`, or `$` for the whole text.
    public var path: String
    public var reason: String

    public init(path: String, reason: String) {
        self.path = path
        self.reason = reason
    }

    public var description: String { "\(path): \(reason)" }
}
