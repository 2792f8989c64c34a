import Foundation

/// An INI file as the AWS CLI reads `~/.aws/config` and `~/.aws/credentials` (Python's `RawConfigParser` plus
/// botocore's one level of nested settings):
///
/// - `[name]` starts a section; the name is everything between the first `[` and the last `]` of the line.
/// - `key = value` or `key: value` (the first `=` or `:` splits); keys are lower-cased, keys and values trimmed.
/// - Whole-line comments start with `#` or `;` (after optional indentation); there are no inline comments, so
///   `region = us-east-1 # x` has the value `us-east-1 # x`, as in the CLI.
/// - A line indented deeper than the key line before it continues that key's value. A key with an empty value
///   followed by such lines is a nested sub-section (`s3 =` then `  max_concurrent_requests = 20`).
/// - Lines outside any section or without a delimiter are skipped (the CLI rejects the whole file); their line
///   numbers are kept in `skippedLines`. A section that appears twice is merged, later keys winning.
public struct INIDocument: Sendable, Equatable {
    /// One `[name]` section.
    public struct Section: Sendable, Equatable {
        /// The text between the brackets, as written.
        public var name: String
        /// Plain settings by lower-cased key.
        public var values: [String: String]
        /// Nested settings by lower-cased key, e.g. `s3` → [`max_concurrent_requests`: `20`]; their own keys keep
        /// their case, like botocore.
        public var subsections: [String: [String: String]]

        public init(name: String, values: [String: String] = [:], subsections: [String: [String: String]] = [:]) {
            self.name = name
            self.values = values
            self.subsections = subsections
        }
    }

    /// Sections in order of first appearance.
    public var sections: [Section]
    /// 1-based numbers of the lines that were neither blank, comments, section headers, settings nor
    /// continuations. Only numbers are kept, never the text, since a bad line may hold a secret.
    public var skippedLines: [Int]

    public init(sections: [Section] = [], skippedLines: [Int] = []) {
        self.sections = sections
        self.skippedLines = skippedLines
    }

    /// The section named exactly `name`.
    public func section(named name: String) -> Section? {
        sections.first { $0.name == name }
    }

    /// Parses `text`; never fails (see the type's notes on what is skipped).
    public static func parse(_ text: String) -> INIDocument {
        var builder = Builder()
        var lineNumber = 0
        // Universal newlines, like Python's text mode: "\r\n" (one Character in Swift), "\n" and "\r".
        for line in text.split(
            omittingEmptySubsequences: false, whereSeparator: { $0 == "\n" || $0 == "\r\n" || $0 == "\r" })
        {
            lineNumber += 1
            builder.consume(line, lineNumber: lineNumber)
        }
        return builder.finish()
    }

    private struct Builder {
        var sections: [Section] = []
        var indexByName: [String: Int] = [:]
        var skipped: [Int] = []
        /// Raw values (continuations joined with "\n") of the current section, and the key being continued.
        var current: Int?
        var rawValues: [[String: String]] = []
        var continuing: (key: String, indent: Int)?

        mutating func consume(_ line: Substring, lineNumber: Int) {
            let indent = line.prefix { $0 == " " || $0 == "\t" }.count
            let stripped = line.trimmingCharacters(in: .whitespaces)
            if stripped.isEmpty { return }
            if stripped.hasPrefix("#") || stripped.hasPrefix(";") { return }
            if let section = current, let (key, keyIndent) = continuing, indent > keyIndent {
                rawValues[section][key, default: ""] += "\n" + stripped
                return
            }
            if stripped.hasPrefix("["), let close = stripped.lastIndex(of: "]"),
                close > stripped.index(after: stripped.startIndex)
            {
                let name = String(stripped[stripped.index(after: stripped.startIndex)..<close])
                if let existing = indexByName[name] {
                    current = existing
                } else {
                    indexByName[name] = sections.count
                    current = sections.count
                    sections.append(Section(name: name))
                    rawValues.append([:])
                }
                continuing = nil
                return
            }
            guard let section = current,
                let delimiter = stripped.firstIndex(where: { $0 == "=" || $0 == ":" })
            else {
                skipped.append(lineNumber)
                continuing = nil
                return
            }
            let key = stripped[..<delimiter].trimmingCharacters(in: .whitespaces).lowercased()
            guard !key.isEmpty else {
                skipped.append(lineNumber)
                continuing = nil
                return
            }
            let value = stripped[stripped.index(after: delimiter)...].trimmingCharacters(in: .whitespaces)
            rawValues[section][key] = value
            continuing = (key, indent)
        }

        func finish() -> INIDocument {
            var result = sections
            for index in result.indices {
                for (key, raw) in rawValues[index] {
                    if raw.hasPrefix("\n") {
                        result[index].subsections[key] = Self.nested(raw)
                        result[index].values[key] = nil
                    } else {
                        result[index].values[key] = raw
                        result[index].subsections[key] = nil
                    }
                }
            }
            return INIDocument(sections: result, skippedLines: skipped)
        }

        /// botocore's `_parse_nested`: one `key = value` per line; lines without `=` are dropped here.
        static func nested(_ raw: String) -> [String: String] {
            var values: [String: String] = [:]
            for line in raw.split(separator: "\n") {
                guard let equals = line.firstIndex(of: "=") else { continue }
                let key = line[..<equals].trimmingCharacters(in: .whitespaces)
                guard !key.isEmpty else { continue }
                values[key] = line[line.index(after: equals)...].trimmingCharacters(in: .whitespaces)
            }
            return values
        }
    }
}
