import ArgumentParser
import TrailGateConfig
import TrailGateCore

/// `--snapshot FILE`: what `check` and `fix` read instead of the live account.
struct SnapshotFileOptions: ParsableArguments {
    @Option(
        help: ArgumentHelp(
            "Read this snapshot (- reads standard input) instead of the live account.", valueName: "file"))
    var snapshot: String?
}

/// `--trail`: the one trail a command reads or judges.
struct TrailOptions: ParsableArguments {
    @Option(help: "Only this trail (its name or ARN).")
    var trail: String?
}

/// `--org-id`: the trail's AWS Organization, from the option or the configuration's `org-id`.
struct OrganizationOptions: ParsableArguments {
    @Option(name: .customLong("org-id"), help: "The trail's AWS Organization (o-…).")
    var orgId: String?

    /// The organization of the option, else of the configuration; an option that is not an organization id is one
    /// line naming it.
    func organizationId(_ configuration: Configuration) throws(CLIFailure) -> String? {
        try given() ?? configuration.organizationId
    }

    /// The organization of the option alone, for commands where the configuration's would be a guess (the log
    /// folders of `logs ingest` and `athena ddl` are found by listing instead).
    func given() throws(CLIFailure) -> String? {
        guard let orgId else { return nil }
        do {
            try PolicyInputValidation.validateOrganizationId(orgId)
        } catch {
            throw CLIFailure.invalidInput(error.description(naming: "--org-id"))
        }
        return orgId
    }

    /// The organization, which this command cannot do without.
    func requiredOrganizationId(_ configuration: Configuration) throws(CLIFailure) -> String {
        guard let id = try organizationId(configuration) else {
            throw CLIFailure.invalidInput("--org-id is required (or org-id in the configuration file)")
        }
        return id
    }
}

/// `--retention-days`: the lifecycle retention that passes, from the option or the configuration.
struct RetentionOptions: ParsableArguments {
    @Option(
        name: .customLong("retention-days"),
        help: ArgumentHelp(
            "Lifecycle retention, in days, that passes (default: 550, 18 calendar months for every object).",
            valueName: "days"))
    var retentionDays: Int?

    /// The days of the option, else of the configuration, else 550; a count that is not positive is one line.
    func days(_ configuration: Configuration) throws(CLIFailure) -> Int {
        if let retentionDays, retentionDays <= 0 {
            throw CLIFailure.invalidInput("--retention-days must be a positive number of days")
        }
        return retentionDays ?? configuration.retentionDays ?? CheckOptions.eighteenMonthsDays
    }
}
