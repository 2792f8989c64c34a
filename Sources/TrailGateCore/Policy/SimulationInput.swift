import IAMPolicy

/// Reads the request of `policy simulate` from command-line text.
public enum SimulationInput {
    /// Context keys that are always multivalued, whatever the number of values given.
    static let multivaluedKeys: Set<String> = [
        "aws:calledvia", "aws:tagkeys", "aws:principalorgpaths", "aws:principalservicenameslist", "aws:sourceorgpaths",
        "aws:resourceorgpaths",
    ]

    /// Parses `KEY=VALUE[,VALUE…]` pairs; several values, or a multivalued key, give a set.
    public static func context(_ pairs: [String]) throws(SimulationInputError) -> RequestContext {
        var context = RequestContext()
        for pair in pairs {
            guard let equals = pair.firstIndex(of: "="), equals != pair.startIndex else {
                throw SimulationInputError("--context \(pair): expected KEY=VALUE[,VALUE…]")
            }
            let key = String(pair[..<equals])
            let values = pair[pair.index(after: equals)...].split(separator: ",", omittingEmptySubsequences: false).map(
                String.init)
            context[key] =
                values.count > 1 || multivaluedKeys.contains(key.lowercased()) ? .multiple(values) : .single(values[0])
        }
        return context
    }

    /// Parses the principal: an IAM or STS ARN, a service principal, or `anonymous`.
    public static func principal(_ text: String) throws(SimulationInputError) -> RequestPrincipal {
        guard let principal = RequestPrincipal(parsing: text) else {
            throw SimulationInputError(
                "--principal \(text): expected an IAM user/role ARN, an STS session ARN, "
                    + "arn:aws:iam::<account>:root, a service principal such as s3.amazonaws.com, or anonymous")
        }
        return principal
    }
}

/// A `policy simulate` argument that cannot be used, in one line.
public struct SimulationInputError: Error, Sendable, CustomStringConvertible {
    public var description: String

    init(_ description: String) {
        self.description = description
    }
}
