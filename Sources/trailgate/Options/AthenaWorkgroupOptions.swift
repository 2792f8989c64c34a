import ArgumentParser

/// Where Athena runs a command's statements: the workgroup and, unless the workgroup sets it, the result location
/// (`athena run`, `probe`).
struct AthenaWorkgroupOptions: ParsableArguments {
    @Option(help: "The Athena workgroup.")
    var workgroup: String = "primary"

    @Option(
        name: .customLong("output-location"),
        help: ArgumentHelp(
            "Where Athena writes results (s3://…), unless the workgroup sets it.", valueName: "s3-uri"))
    var outputLocation: String?
}
