import TrailGateCore
import Yams

/// The defaults a user keeps in a YAML configuration file instead of repeating them as options. Every key is
/// optional; an option given on the command line wins over the file.
public struct Configuration: Sendable, Equatable {
    /// `org-id`: the trail's AWS Organization (`o-…`).
    public var organizationId: String?
    /// `retention-days`: the lifecycle retention, in days, that passes `bucket.lifecycle-retention`.
    public var retentionDays: Int?
    /// `access-log-bucket`: the bucket that receives the trail bucket's server access logs.
    public var accessLogBucket: String?
    /// `principal-arn-patterns`: role ARN patterns allowed besides the service's `ams-access-*` roles.
    public var principalArnPatterns: [String]?
    /// `format`: the output format of every command that offers it.
    public var format: String?
    /// `waivers`: the waivers file `check` applies (docs/waivers.md), as written (relative to the current
    /// directory).
    public var waivers: String?

    /// A configuration that sets nothing.
    public init(
        organizationId: String? = nil, retentionDays: Int? = nil, accessLogBucket: String? = nil,
        principalArnPatterns: [String]? = nil, format: String? = nil, waivers: String? = nil
    ) {
        self.organizationId = organizationId
        self.retentionDays = retentionDays
        self.accessLogBucket = accessLogBucket
        self.principalArnPatterns = principalArnPatterns
        self.format = format
        self.waivers = waivers
    }

    /// The keys a configuration file may hold, in the order the documentation lists them.
    public static let keys = [
        "org-id", "retention-days", "access-log-bucket", "principal-arn-patterns", "format", "waivers",
    ]

    /// The values `format` may take; a command uses it when it offers that format.
    public static let formats = ["text", "json", "table", "csv", "sarif", "junit", "markdown", "html", "asff"]

    /// The YAML node tree of `text` (nil for an empty document); YAML that cannot be read is a ConfigurationError
    /// naming `source` and the line.
    static func compose(_ text: String, source: String) throws(ConfigurationError) -> Node? {
        do {
            return try Yams.compose(yaml: text)
        } catch let error as YamlError {
            throw ConfigurationError(source: source, line: error.line, message: "not valid YAML: \(error.reason)")
        } catch {
            throw ConfigurationError(source: source, line: nil, message: "not valid YAML: \(error)")
        }
    }

    /// Parses the YAML `text` of the file named `source`: a mapping of the documented ``keys``, each value checked as
    /// its command-line option checks it. An empty file sets nothing.
    public static func parse(_ text: String, source: String) throws(ConfigurationError) -> Configuration {
        guard let root = try compose(text, source: source) else { return Configuration() }
        guard let mapping = root.mapping else {
            throw ConfigurationError(
                source: source, line: root.line, message: "expected a mapping of keys (\(keys.joined(separator: ", ")))"
            )
        }
        var configuration = Configuration()
        for (keyNode, value) in mapping {
            guard let key = keyNode.scalar?.string else {
                throw ConfigurationError(source: source, line: keyNode.line, message: "a key must be a plain name")
            }
            guard keys.contains(key) else {
                throw ConfigurationError(
                    source: source, line: keyNode.line,
                    message: "unknown key \"\(key)\" (known keys: \(keys.joined(separator: ", ")))")
            }
            let field = Field(source: source, key: key, node: value)
            switch key {
            case "org-id": configuration.organizationId = try field.organizationId()
            case "retention-days": configuration.retentionDays = try field.positiveInteger()
            case "access-log-bucket": configuration.accessLogBucket = try field.bucketName()
            case "principal-arn-patterns": configuration.principalArnPatterns = try field.strings()
            case "waivers": configuration.waivers = try field.string()
            default: configuration.format = try field.oneOf(formats)
            }
        }
        return configuration
    }
}

/// A configuration file that cannot be used: the file, the line when known, and why.
public struct ConfigurationError: Error, Sendable, Equatable, CustomStringConvertible {
    /// The file, as the user named it.
    public var source: String
    /// The 1-based line of the fault, when the parser knows it.
    public var line: Int?
    /// What is wrong, in one phrase.
    public var message: String

    /// `.trailgate.yml:3: unknown key "orgid" (known keys: …)`.
    public var description: String {
        (line.map { "\(source):\($0)" } ?? source) + ": " + message
    }
}

/// One key's value, checked as the option of the same name checks it.
private struct Field {
    var source: String
    var key: String
    var node: Node

    func fail(_ message: String) -> ConfigurationError {
        ConfigurationError(source: source, line: node.line, message: "\(key): \(message)")
    }

    func string() throws(ConfigurationError) -> String {
        guard let scalar = node.scalar, !scalar.string.isEmpty else { throw fail("expected a value") }
        return scalar.string
    }

    func organizationId() throws(ConfigurationError) -> String {
        let text = try string()
        do {
            try PolicyInputValidation.validateOrganizationId(text)
        } catch {
            throw fail(error.description)
        }
        return text
    }

    func bucketName() throws(ConfigurationError) -> String {
        let text = try string()
        do {
            try PolicyInputValidation.validateBucketName(text)
        } catch {
            throw fail(error.description)
        }
        return text
    }

    func positiveInteger() throws(ConfigurationError) -> Int {
        guard let value = Int(try string()), value > 0 else { throw fail("expected a positive number of days") }
        return value
    }

    func strings() throws(ConfigurationError) -> [String] {
        guard let sequence = node.sequence else { throw fail("expected a list") }
        var values: [String] = []
        for element in sequence {
            guard let scalar = element.scalar, !scalar.string.isEmpty else {
                throw ConfigurationError(source: source, line: element.line, message: "\(key): expected a string")
            }
            values.append(scalar.string)
        }
        return values
    }

    func oneOf(_ allowed: [String]) throws(ConfigurationError) -> String {
        let text = try string()
        guard allowed.contains(text) else { throw fail("\"\(text)\" is not one of \(allowed.joined(separator: ", "))") }
        return text
    }
}

extension Node {
    /// The 1-based line the node starts on.
    var line: Int? { mark.map { $0.line } }
}

extension YamlError {
    /// The 1-based line of the fault, when known.
    var line: Int? {
        switch self {
        case .scanner(_, _, let mark, _), .parser(_, _, let mark, _), .composer(_, _, let mark, _):
            return mark.line
        default:
            return nil
        }
    }

    /// The fault in a phrase, without the echo of the document that Yams' description adds.
    var reason: String {
        switch self {
        case .scanner(_, let problem, _, _), .parser(_, let problem, _, _), .composer(_, let problem, _, _):
            return problem
        case .duplicatedKeysInMapping(let duplicates, _):
            return duplicates.sorted().map { "key \"\($0)\" appears twice" }.joined(separator: "; ")
        default:
            return "\(self)"
        }
    }
}
