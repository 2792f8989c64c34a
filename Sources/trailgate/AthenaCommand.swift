import ArgumentParser

/// `trailgate athena`: the same questions on Athena, for organization scale.
struct AthenaCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "athena",
        abstract: "Create the Athena table for a trail's logs and run the canned investigations there.",
        discussion: """
            Examples:
              trailgate athena ddl --bucket acme-org-trail --org-id o-a1b2c3d4e5 \\
                --log-account 111122223333,444455556666 \\
                --log-region us-east-1,eu-west-1
              trailgate athena run --investigation root-activity --since 2024-03-01 \\
                --workgroup primary --database trailgate --table cloudtrail
            """,
        subcommands: [AthenaDDLCommand.self, AthenaRunCommand.self]
    )
}
