import OrderedJSON

extension Evidence {
    /// The value as people read it: a string as it is, any other value as compact JSON.
    var valueText: String {
        if case .string(let string) = value { return string }
        return value.serialized()
    }

    /// `label: value` on one line.
    var text: String { "\(label): \(valueText)" }
}

extension CheckStatus {
    /// The status in capitals, as the text and HTML reports show it: `PASS`, `FAIL`, `WARN`, `UNKNOWN`, `N/A`.
    var label: String {
        switch self {
        case .pass: "PASS"
        case .fail: "FAIL"
        case .warn: "WARN"
        case .unknown: "UNKNOWN"
        case .notApplicable: "N/A"
        }
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
