import IAMPolicy
import OrderedJSON

/// An existing policy that cannot be merged into: not JSON, or not a policy document.
public enum ExistingPolicyError: Error, Sendable, Equatable, CustomStringConvertible {
    /// The text is not JSON; the error has the line and column.
    case notJSON(JSONParseError)
    /// The JSON is not a valid policy; the error has the path of the element at fault.
    case notAPolicy(PolicyError)

    public var description: String {
        switch self {
        case .notJSON(let error): return "not valid JSON: \(error.description)"
        case .notAPolicy(let error): return "not a valid policy: \(error.description)"
        }
    }
}

/// A merge that cannot be done.
public enum PolicyMergeError: Error, Sendable, Equatable, CustomStringConvertible {
    /// The existing policy has more than one statement with a required Sid, at these paths: which to replace is
    /// not clear.
    case duplicateSid(String, paths: [String])
    /// The merged policy is over the service's size limit; `bytes` is its minified size.
    case tooLarge(PolicyKind, bytes: Int)

    public var description: String {
        switch self {
        case let .duplicateSid(sid, paths):
            return "the existing policy has \(paths.count) statements with Sid \"\(sid)\" "
                + "(\(paths.joined(separator: ", "))); keep one and merge again"
        case let .tooLarge(kind, bytes):
            return "the merged \(kind.displayName) would be \(grouped(bytes)) bytes, "
                + "\(grouped(bytes - kind.sizeLimit)) bytes over \(kind.service)'s limit of "
                + "\(grouped(kind.sizeLimit)) bytes (\(kind.sizeLimit / 1024) KB), measured on the minified JSON"
        }
    }
}

/// One change a merge made to the existing policy.
public enum PolicyChange: Sendable, Equatable, CustomStringConvertible {
    /// The policy had no `Version`; it was set to 2012-10-17.
    case versionAdded
    /// `Statement` was a single statement object; it became an array.
    case statementMadeArray
    /// A statement had a required Sid but not the required form; it was replaced in place.
    case replaced(sid: String)
    /// A required statement was missing; it was appended.
    case added(sid: String)

    public var description: String {
        switch self {
        case .versionAdded: return "set Version to \"\(RequiredStatements.policyVersion)\": it was absent"
        case .statementMadeArray: return "made Statement an array: it was a single statement object"
        case .replaced(let sid): return "replaced statement \"\(sid)\": it differed from the required form"
        case .added(let sid): return "added statement \"\(sid)\""
        }
    }
}

/// The merged policy and what changed.
public struct PolicyMergeResult: Sendable, Equatable {
    /// The existing policy with the required statements in it.
    public var policy: JSONValue
    /// Every change: `Version`, the shape of `Statement`, replacements, then additions, each in the order of the
    /// required statements; empty when the existing policy already was the merged one.
    public var changes: [PolicyChange]
    /// The merged policy's size, measured as ``PolicyMerge/minifiedSize(_:)`` does.
    public var bytes: Int
}

/// Merges required statements into an existing bucket or key policy, changing nothing else.
///
/// Every existing statement keeps its position, member order and values; a statement with a required Sid is
/// replaced in place by the required form; the required statements that are missing are appended in order.
/// Merging a merged policy again changes nothing.
public enum PolicyMerge {
    /// Parses an existing policy, rejecting text that is not JSON (duplicate members included) or not a policy
    /// ``PolicyDocument`` accepts.
    public static func parseExisting(_ bytes: some Sequence<UInt8>) throws(ExistingPolicyError) -> PolicyDocument {
        let json: JSONValue
        do {
            json = try JSONValue.parse(bytes)
        } catch {
            throw .notJSON(error)
        }
        do {
            return try PolicyDocument(json: json)
        } catch {
            throw .notAPolicy(error)
        }
    }

    /// Merges `required` (statements with distinct Sids) into `existing` and checks the result against the size
    /// limit of `kind`.
    public static func merge(
        _ required: [JSONValue], into existing: PolicyDocument,
        kind: PolicyKind
    ) throws(PolicyMergeError) -> PolicyMergeResult {
        guard case .object(var members) = existing.json else { preconditionFailure("a PolicyDocument is an object") }
        var changes: [PolicyChange] = []
        if existing.json["Version"] == nil {
            members.insert((key: "Version", value: .string(RequiredStatements.policyVersion)), at: 0)
            changes.append(.versionAdded)
        }
        var statements = existing.statements.map(\.json)
        if case .object = existing.json["Statement"] { changes.append(.statementMadeArray) }
        var added: [PolicyChange] = []
        for statement in required {
            guard let sid = statement["Sid"]?.stringValue else { preconditionFailure("a required statement has a Sid") }
            let matches = existing.statements.filter { $0.sid == sid }
            switch matches.count {
            case 0:
                statements.append(statement)
                added.append(.added(sid: sid))
            case 1:
                if statements[matches[0].index] != statement {
                    statements[matches[0].index] = statement
                    changes.append(.replaced(sid: sid))
                }
            default:
                throw .duplicateSid(sid, paths: matches.map { "Statement[\($0.index)]" })
            }
        }
        changes += added
        let index = members.firstIndex { $0.key == "Statement" }!
        members[index].value = .array(statements)
        let policy = JSONValue.object(members)
        let bytes = minifiedSize(policy)
        guard bytes <= kind.sizeLimit else { throw .tooLarge(kind, bytes: bytes) }
        return PolicyMergeResult(policy: policy, changes: changes, bytes: bytes)
    }

    /// The size S3 and KMS limits are checked against here: bytes of the minified UTF-8 JSON, with no whitespace
    /// outside strings and members in document order.
    public static func minifiedSize(_ policy: JSONValue) -> Int {
        policy.serialized().utf8.count
    }
}

/// `20480` as `20,480`.
private func grouped(_ number: Int) -> String {
    let digits = String(number)
    var out = ""
    for (offset, digit) in digits.enumerated() {
        if offset > 0, (digits.count - offset) % 3 == 0 { out += "," }
        out.append(digit)
    }
    return out
}
