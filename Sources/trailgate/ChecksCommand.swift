import ArgumentParser
import TrailGateCore

/// `trailgate checks`: what TrailGate checks.
struct ChecksCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "checks",
        abstract: "Describe the checks `trailgate check` runs.",
        subcommands: [ChecksListCommand.self]
    )
}

/// `trailgate checks list`: the check catalogue.
struct ChecksListCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "list",
        abstract: "List every check: id, title, area, severity and why, requirement, fix, CIS and FSBP controls.",
        discussion: """
            The severities, their reasoning and the compliance mappings are explained in
            docs/checks.md, which holds the Markdown table this command prints.

            Examples:
              trailgate checks list
              trailgate checks list --format json
              trailgate checks list --format markdown -o checks.md
            """
    )

    enum Format: String, OutputFormat {
        case text, json, markdown
        static let standard = Format.text
    }

    @OptionGroup var output: FormatOptions<Format>

    @OptionGroup var outputFile: OutputFileOptions

    func run() throws {
        let checks = CheckCatalogue.all
        let renderer = CheckCatalogueRenderer()
        let rendered: String
        switch output.choice.format {
        case .text: rendered = renderer.text(checks)
        case .json: rendered = renderer.json(checks)
        case .markdown: rendered = renderer.markdown(checks)
        }
        try outputFile.write(rendered)
    }
}
