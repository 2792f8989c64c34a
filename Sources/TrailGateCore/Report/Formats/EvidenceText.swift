import OrderedJSON

extension Evidence {
    /// `label: value` on one line, a string value as it is and any other value as compact JSON.
    var text: String {
        if case .string(let string) = value { return "\(label): \(string)" }
        return "\(label): \(value.serialized())"
    }
}

extension CheckResult {
    /// The evidence items in one run of text, `label: value; label: value` (a value keeps its own line breaks).
    var evidenceText: String { evidence.map(\.text).joined(separator: "; ") }

    /// The remediation summary followed by its commands, one per line; empty without a remediation.
    var remediationText: String {
        guard let remediation else { return "" }
        return ([remediation.summary] + remediation.commands).joined(separator: "\n")
    }
}
