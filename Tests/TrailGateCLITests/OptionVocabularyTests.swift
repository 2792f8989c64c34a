import Foundation
import Testing

/// One vocabulary across commands, read from the commands' own definitions (`--experimental-dump-help`): the same
/// option name means the same thing wherever it appears.
@Suite("option vocabulary")
struct OptionVocabularyTests {
    /// One displayed option of one command, as ArgumentParser describes it.
    struct Option {
        var command: String
        var longNames: [String]
        var shortNames: [String]
        var kind: String
        var valueName: String?
        var repeating: Bool
        var abstract: String
    }

    /// Options whose help may say more for one command than for another, each with why the name still means one
    /// thing.
    static let refinedPerCommand: [String: String] = [
        "for": "which policy document the command writes or reads",
        "sql": "the query, in the dialect of the engine the command runs it on",
        "table": "the Athena table the command creates or queries",
        "principal": "a principal, as the requester (simulate) or as the events' actor (investigations)",
        "db": "the event database; ingest creates it when missing",
        "prefix": "the trail's S3 key prefix",
        "external-id": "the external id of the role the command assumes (the organization run's, or probe's)",
        "verbose": "more detail on standard error, which detail depends on the command",
        "show-sql": "print the query instead of running it, in the engine's dialect",
        "region":
            "the Region AWS requests go to (the next test holds every command to that); its default is the command's",
        "log-account": "a filter on the logs' account; what it selects (events, partitions, chains) is the command's",
        "log-region": "a filter on the logs' Region; what it selects (events, partitions, chains) is the command's",
    ]

    /// Every displayed option of every command, leaf and group.
    static func options() throws -> [Option] {
        let outcome = try TrailGateProcess.run(["--experimental-dump-help"])
        try #require(outcome.exitCode == 0)
        let root = try #require(
            try JSONSerialization.jsonObject(with: Data(outcome.stdout.utf8)) as? [String: Any])
        var options: [Option] = []
        func walk(_ command: [String: Any], path: String) {
            for argument in command["arguments"] as? [[String: Any]] ?? [] {
                guard argument["shouldDisplay"] as? Bool ?? true, argument["kind"] as? String != "positional" else {
                    continue
                }
                let names = argument["names"] as? [[String: Any]] ?? []
                func named(_ kind: String) -> [String] {
                    names.filter { $0["kind"] as? String == kind }.compactMap { $0["name"] as? String }
                }
                options.append(
                    Option(
                        command: path, longNames: named("long"), shortNames: named("short"),
                        kind: argument["kind"] as? String ?? "", valueName: argument["valueName"] as? String,
                        repeating: argument["isRepeating"] as? Bool ?? false,
                        abstract: argument["abstract"] as? String ?? ""))
            }
            for sub in command["subcommands"] as? [[String: Any]] ?? [] {
                walk(
                    sub,
                    path: path.isEmpty ? sub["commandName"] as? String ?? "" : "\(path) \(sub["commandName"] ?? "")")
            }
        }
        walk(try #require(root["command"] as? [String: Any]), path: "")
        return options.filter { !["help", "version"].contains($0.longNames.first) }
    }

    @Test("an option name shared by commands has one kind, value, repetition and help everywhere")
    func sameNameSameMeaning() throws {
        let byName = Dictionary(
            grouping: try Self.options().flatMap { option in option.longNames.map { ($0, option) } }
        ) {
            $0.0
        }
        var differences: [String] = []
        for (name, uses) in byName.sorted(by: { $0.key < $1.key }) {
            let options = uses.map(\.1)
            guard let first = options.first else { continue }
            for option in options.dropFirst() {
                if option.kind != first.kind || option.repeating != first.repeating {
                    differences.append(
                        "--\(name): a \(first.kind)\(first.repeating ? " (repeatable)" : "") in \(first.command), "
                            + "a \(option.kind)\(option.repeating ? " (repeatable)" : "") in \(option.command)")
                }
                if option.valueName != first.valueName {
                    differences.append(
                        "--\(name): <\(first.valueName ?? "")> in \(first.command), <\(option.valueName ?? "")> in \(option.command)"
                    )
                }
                if Self.refinedPerCommand[name] == nil, option.abstract != first.abstract {
                    differences.append(
                        "--\(name): \"\(first.abstract)\" in \(first.command), \"\(option.abstract)\" in \(option.command)"
                    )
                }
            }
        }
        #expect(differences.isEmpty, "\(differences.joined(separator: "\n"))")
    }

    @Test("--output is the format, -o the output file, and --region the Region AWS requests go to, everywhere")
    func awsCLIHabits() throws {
        let options = try Self.options()
        for option in options where option.longNames.contains("output") {
            #expect(option.longNames.contains("format"), "\(option.command): --output must be --format's other name")
        }
        for option in options where option.shortNames.contains("o") {
            #expect(option.longNames == ["output-file"], "\(option.command): -o must be --output-file")
        }
        for option in options where option.longNames.contains("region") {
            #expect(option.abstract.hasPrefix("The Region AWS requests go to"), "\(option.command): --region")
        }
        let filters = options.filter {
            $0.longNames.contains("account")
                || ($0.longNames.contains("accounts")
                    && !$0.abstract.hasPrefix("Only these accounts of the organization"))
        }
        #expect(
            filters.isEmpty,
            "log filters are --log-account; --accounts is only the organization run's scope: \(filters.map(\.command))")
    }
}
