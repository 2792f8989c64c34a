import ArgumentParser
import Foundation
import TrailGateConfig

/// `--config FILE`: the defaults a user keeps in a YAML file; `./.trailgate.yml` is read when present.
struct ConfigOptions: ParsableArguments {
    /// The file read when `--config` is not given and it exists in the current directory.
    static let defaultPath = ".trailgate.yml"

    @Option(
        help: ArgumentHelp(
            "Read defaults from this YAML file (default: ./.trailgate.yml when present); options override it.",
            valueName: "file"))
    var config: String?

    /// The configuration: the file named, else `./.trailgate.yml`, else none. A file that cannot be read or used is
    /// one line naming it (and the line and key at fault), exit 2.
    func load() throws(CLIFailure) -> Configuration {
        guard let path = config ?? (FileManager.default.fileExists(atPath: Self.defaultPath) ? Self.defaultPath : nil)
        else { return Configuration() }
        let text = try InputFile.readText(path, what: "configuration")
        do {
            return try Configuration.parse(text, source: path)
        } catch {
            throw CLIFailure.invalidInput(error.description)
        }
    }
}
