import ArgumentParser
import Foundation
import Integrity
import OrderedJSON
import TrailGateBasics
import TrailGateCore
import TrailGateLive
import TrailObjects

/// `trailgate validate-logs`: check the digest chains of a trail, as `aws cloudtrail validate-logs` does, for every
/// account and Region in scope, plus the checks the AWS CLI lacks.
struct ValidateLogsCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "validate-logs",
        abstract: "Prove a trail's delivered log files are complete and untouched, using its signed digest files.",
        discussion: """
            Validates every chain in scope (each account of an organization trail,
            each Region of a multi-Region trail) with the AWS CLI's rules: the same
            files judged valid or INVALID, the same lines and counts. It also reports
            what the AWS CLI misses: a wrong link to the previous digest, time no
            valid digest covers, no digests at all, a key whose fingerprint does not
            match it, an object access was denied to. These fail the run unless
            --compat is given. docs/validate-logs.md has the details.

            As with the AWS CLI, the INVALID, missing and gap lines (and the findings)
            go to standard error, the valid lines and the counts to standard output;
            --format json writes everything to standard output; --format junit writes
            a JUnit XML test report, a suite per chain (for CI).

            Examples:
              trailgate validate-logs --profile audit \\
                --trail-arn arn:aws:cloudtrail:us-east-1:111122223333:trail/org \\
                --start-time 2024-03-01T00:00:00Z --end-time 2024-03-02T00:00:00Z
              trailgate validate-logs --profile audit --start-time 24h \\
                --trail-arn arn:aws:cloudtrail:us-east-1:111122223333:trail/org \\
                --log-account 444455556666 --log-region eu-west-1
              trailgate validate-logs --local ./mirror --format json \\
                --trail-arn arn:aws:cloudtrail:us-east-1:111122223333:trail/org \\
                --start-time 2024-03-01T00:00:00Z
              trailgate validate-logs --profile audit --start-time 24h \\
                --trail-arn arn:aws:cloudtrail:us-east-1:111122223333:trail/org \\
                --format junit -o validate-logs.xml

            Exit codes: 0 every chain valid; 1 a digest or log file invalid or
            missing (or, without --compat, a finding the AWS CLI does not report);
            2 invalid input or usage; 3 unexpected failure, or an S3 or CloudTrail
            error other than NoSuchKey and AccessDenied.
            """
    )

    @Option(
        name: .customLong("trail-arn"),
        help: ArgumentHelp(
            "The trail: arn:<partition>:cloudtrail:<home region>:<account>:trail/<name>.", valueName: "arn"))
    var trailArn: String

    @Option(
        name: .customLong("start-time"),
        help: ArgumentHelp(
            "Validate log files delivered on or after this time: 2024-03-01T00:00:00Z (or +02:00), 2024-03-01, \"2024-03-01 10:00\" (UTC), or an age: 30m, 24h, 7d, 2w.",
            valueName: "time"))
    var startTime: String

    @Option(
        name: .customLong("end-time"),
        help: ArgumentHelp(
            "Validate log files delivered up to this time, in the same forms (a date alone means its last second; default: now).",
            valueName: "time"))
    var endTime: String?

    @Option(
        name: [.customLong("log-account"), .customLong("account-id")],
        help: ArgumentHelp(
            "Validate this account's chains (repeatable; --account-id is the AWS CLI's name; default: every account of an organization trail, else the ARN's).",
            valueName: "account"))
    var logAccounts: [String] = []

    @Option(
        name: .customLong("log-region"),
        help: ArgumentHelp(
            "Validate the chains of logs from this Region (repeatable; default: every Region with digests of a multi-Region trail, else the home Region).",
            valueName: "region"))
    var logRegions: [String] = []

    @Option(
        help: ArgumentHelp(
            "The Region AWS requests go to when the chain does not decide it (default: the trail's home Region).",
            valueName: "region"))
    var region: String?

    @OptionGroup var connection: AWSConnectionOptions

    @Option(name: .customLong("s3-bucket"), help: "The bucket holding the digests (default: the trail's).")
    var s3Bucket: String?

    @Option(name: .customLong("s3-prefix"), help: "The trail's S3 key prefix (default: the trail's).")
    var s3Prefix: String?

    @Option(
        help: ArgumentHelp(
            "Read a local mirror instead of AWS: ROOT/s3/<bucket>/<key>, ROOT/s3-metadata/<bucket>/<key>.json, ROOT/cloudtrail/... (docs/validate-logs.md).",
            valueName: "root"))
    var local: String?

    @Option(
        name: .customLong("public-keys"),
        help: ArgumentHelp(
            "A ListPublicKeys answer (JSON) to use for every Region instead of asking CloudTrail.", valueName: "file"))
    var publicKeys: String?

    @Flag(help: "Judge only as the AWS CLI does: report the other findings but do not fail the run on them.")
    var compat = false

    @Option(
        help: ArgumentHelp("Log files checked at once (default: the CPU count for --local, 32 for S3).", valueName: "n")
    )
    var jobs: Int?

    @OptionGroup var output: FormatOptions<ValidateLogsFormat>

    @OptionGroup var outputFile: OutputFileOptions

    @OptionGroup var config: ConfigOptions

    @Flag(
        help:
            "Also list every valid digest and log file, as the AWS CLI's --verbose does; log each AWS request to standard error."
    )
    var verbose = false

    func validate() throws {
        guard TrailARN(trailArn) != nil else {
            throw ValidationError(
                "--trail-arn \(trailArn): not a trail ARN (arn:<partition>:cloudtrail:<region>:<12-digit account>:trail/<name>)"
            )
        }
        if let jobs, jobs < 1 { throw ValidationError("--jobs must be at least 1") }
        for account in logAccounts where account.count != 12 || !account.allSatisfy({ $0.isASCII && $0.isNumber }) {
            throw ValidationError("--log-account \(account): must be 12 digits")
        }
    }

    func run() async throws {
        let trail = TrailARN(trailArn)!
        if let s3Bucket {
            // S3's grammar first: the name also becomes a folder of a --local mirror.
            do {
                try PolicyInputValidation.validateBucketName(s3Bucket)
            } catch {
                throw CLIFailure.invalidInput(error.description(naming: "--s3-bucket"))
            }
        }
        let format = output.format(try config.load())
        let now = Timestamp(Date())
        let start = try TimeOption.parse(startTime, option: "--start-time", bound: .lower, now: now)
        var end = now
        if let endTime { end = try TimeOption.parse(endTime, option: "--end-time", bound: .upper, now: now) }
        guard start <= end else {
            throw CLIFailure.invalidInput("Invalid time range specified: start-time must occur before end-time")
        }
        guard let inflater = GzipInflaters.named() else {
            throw CLIFailure.invalidInput(
                "TRAILGATE_INFLATER must be auto, zlib or libdeflate (and libdeflate must be installed)")
        }
        let jobs = self.jobs ?? (local == nil ? 32 : ProcessInfo.processInfo.activeProcessorCount)
        let validate = { (inputs: ValidationInputs) in
            try await inputs.validate(
                trail: trail, bucket: s3Bucket, prefix: s3Prefix, accounts: logAccounts,
                regions: logRegions, start: start, end: end, now: now, jobs: jobs,
                inflater: inflater)
        }
        let report: ValidationReport
        do {
            let overrideKeys = try publicKeys.map(ValidationInputs.publicKeys(file:))
            if let local {
                do {
                    report = try await validate(
                        ValidationInputs.localMirror(root: URL(fileURLWithPath: local), overrideKeys: overrideKeys))
                } catch ObjectSourceError.accessDenied(let bucket, let key, let message) {
                    // Chains report their own unreadable folders; this one hides which chains there are.
                    throw CLIFailure.invalidInput(
                        "--local \(local): cannot read s3://\(bucket)/\(key ?? ""): \(message ?? "access denied")")
                }
            } else {
                let options = connection.liveOptions(region: region ?? trail.homeRegion, verbose: verbose)
                report = try await withLiveSession(options) { session in
                    try await validate(
                        ValidationInputs.live(
                            session: session, trail: trail, overrideKeys: overrideKeys,
                            bucket: s3Bucket
                        ) { StandardError.print("trailgate: \($0.escapingControlCharacters())") })
                }
            }
        } catch {
            throw CLIFailure(error)
        }
        let sink = try outputFile.sink(inputs: [publicKeys].compactMap { $0 })
        defer { sink.close() }
        switch format {
        case .text:
            for part in ReportRenderer.text(report, compat: compat, verbose: verbose).parts {
                let text = part.text.escapingControlCharacters(keepingLineBreaks: true)
                switch part.stream {
                case .standardOutput: try sink.write(text)
                case .standardError: StandardError.print(text, newline: false)
                }
            }
        case .json: try sink.write(ReportRenderer.json(report, compat: compat).serialized(pretty: true) + "\n")
        case .junit: try sink.write(ValidationJUnitRenderer.render(report, compat: compat))
        }
        if verbose { StandardError.print("trailgate: inflater \(report.inflater), \(report.chains.count) chain(s)") }
        if !report.isValid(compat: compat) { throw ExitCode(ExitStatus.notReady.rawValue) }
    }
}

enum ValidateLogsFormat: String, OutputFormat {
    case text, json, junit
    static let standard = ValidateLogsFormat.text
}
