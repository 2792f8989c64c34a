import TrailGateCore
import Yams

/// A waivers file (`--waivers FILE`, or `waivers:` in the configuration): YAML, or JSON (which is YAML too), with
/// one top-level key `waivers` holding a list of entries (docs/waivers.md).
///
///     waivers:
///       - check: bucket.access-logging
///         resource: "arn:aws:s3:::acme-*"
///         reason: "Access logs go to the security account's lake."
///         accepted-by: "jane@example.com"
///         expires: 2027-03-31
public enum WaiversFile {
    /// The keys an entry may hold, in the order the documentation lists them.
    public static let entryKeys = ["check", "resource", "reason", "accepted-by", "expires"]

    /// Parses the `text` of the file named `source` into its entries, numbered from 1 in file order (an empty file,
    /// or an empty list, has none). The shape is
    /// checked here (a `waivers` list of mappings of the documented keys, each a plain value); what the values
    /// mean (a known check, a date not past) is ``WaiverList``'s to check. A missing key reads as empty, so the
    /// check names the entry and the field.
    public static func parse(_ text: String, source: String) throws(ConfigurationError) -> [Waiver] {
        guard let root = try Configuration.compose(text, source: source) else { return [] }
        guard let mapping = root.mapping, mapping.count == 1, let (key, list) = mapping.first,
            key.scalar?.string == "waivers"
        else {
            throw ConfigurationError(
                source: source, line: root.line, message: "expected one key, waivers, holding a list of entries")
        }
        if let scalar = list.scalar, ["", "~", "null"].contains(scalar.string) { return [] }
        guard let entries = list.sequence else {
            throw ConfigurationError(source: source, line: list.line, message: "waivers: expected a list of entries")
        }
        var waivers: [Waiver] = []
        for (index, node) in entries.enumerated() {
            waivers.append(try entry(node, number: index + 1, source: source))
        }
        return waivers
    }

    private static func entry(_ node: Node, number: Int, source: String) throws(ConfigurationError) -> Waiver {
        func fail(_ node: Node, _ message: String) -> ConfigurationError {
            ConfigurationError(source: source, line: node.line, message: "entry \(number), \(message)")
        }
        guard let mapping = node.mapping else {
            throw fail(node, "expected a mapping of \(entryKeys.joined(separator: ", "))")
        }
        var values: [String: String] = [:]
        for (keyNode, value) in mapping {
            guard let key = keyNode.scalar?.string, entryKeys.contains(key) else {
                throw fail(
                    keyNode,
                    "unknown key \"\(keyNode.scalar?.string ?? "")\" (known keys: \(entryKeys.joined(separator: ", ")))"
                )
            }
            guard let scalar = value.scalar else { throw fail(value, "\(key): expected a single value") }
            values[key] = scalar.string
        }
        return Waiver(
            entry: number, check: values["check"] ?? "", resource: values["resource"] ?? "",
            reason: values["reason"] ?? "", acceptedBy: values["accepted-by"] ?? "", expires: values["expires"] ?? "")
    }
}
