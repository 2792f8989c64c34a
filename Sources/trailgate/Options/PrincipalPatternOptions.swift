import ArgumentParser
import TrailGateConfig

/// `--principal-arn-pattern`: the role ARN patterns allowed besides `arn:aws:iam::*:role/ams-access-*`, for the
/// commands that write them into policies (`policy render`, `policy merge`) and those that look for their roles
/// (`snapshot` and `check` with `--organization`).
struct PrincipalPatternOptions: ParsableArguments {
    @Option(
        name: .customLong("principal-arn-pattern"),
        help: ArgumentHelp(
            "A role ARN pattern allowed besides arn:aws:iam::*:role/ams-access-* (repeatable; else the configuration's principal-arn-patterns).",
            valueName: "pattern"))
    var principalArnPatterns: [String] = []

    /// The patterns given on the command line, else the configuration file's.
    func patterns(_ configuration: Configuration) -> [String] {
        principalArnPatterns.isEmpty ? configuration.principalArnPatterns ?? [] : principalArnPatterns
    }
}
