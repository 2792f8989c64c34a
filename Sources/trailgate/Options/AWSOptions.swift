import AWSClient
import ArgumentParser
import Foundation
import OrderedJSON
import TrailGateCore
import TrailGateLive

/// The options that say how to reach AWS, named as the AWS CLI names them.
struct AWSOptions: ParsableArguments {
    @Option(help: "The Region AWS requests go to (else AWS_REGION, AWS_DEFAULT_REGION, the profile's region).")
    var region: String?

    @OptionGroup var connection: AWSConnectionOptions

    var profile: String? { connection.profile }
    var endpointURL: String? { connection.endpointURL }
    var network: NetworkOptions { connection.network }

    /// How to reach AWS; `verbose` logs each request to standard error, redacted.
    func liveOptions(verbose: Bool) -> LiveOptions {
        connection.liveOptions(region: region, verbose: verbose)
    }

    /// The options to type again to reach the same account, each value shell-quoted: the profile and endpoint as
    /// given, and the Region the session resolved (from an option, the environment or the profile).
    func retyped(region resolved: String) -> String {
        var words: [String] = []
        if let profile { words += ["--profile", shellWord(profile)] }
        words += ["--region", shellWord(resolved)]
        if let endpointURL { words += ["--endpoint-url", shellWord(endpointURL)] }
        return words.joined(separator: " ")
    }

    /// Writes each request's log lines (already redacted) to standard error.
    static let logToStandardError: @Sendable (String) -> Void = { line in StandardError.print(line) }

    /// Runs `body` with a live session (shut down afterwards); every failure becomes one ``CLIFailure``.
    func withSession<T: Sendable>(verbose: Bool, _ body: (LiveSession) async throws -> T) async throws -> T {
        try await withLiveSession(liveOptions(verbose: verbose), body)
    }

    /// Reads the account live into the snapshot format; `verbose` logs each request to standard error, redacted.
    func collect(trail: String?, verbose: Bool) async throws -> JSONValue {
        try await withSession(verbose: verbose) { session in try await session.collector.collect(trail: trail) }
    }
}

/// The profile, endpoint and deadlines of every command that calls AWS; the Region is ``AWSOptions``' (or, in
/// `validate-logs`, defaults to the trail's home Region).
struct AWSConnectionOptions: ParsableArguments {
    @Option(help: "The AWS CLI profile to use (else AWS_PROFILE, else default).")
    var profile: String?

    @Option(
        name: .customLong("endpoint-url"),
        help: "Send every AWS request to this URL (LocalStack, moto, a VPC endpoint).")
    var endpointURL: String?

    @OptionGroup var network: NetworkOptions

    /// How to reach AWS in `region`; `verbose` logs each request to standard error, redacted.
    func liveOptions(region: String?, verbose: Bool) -> LiveOptions {
        LiveOptions(
            profile: profile, region: region, endpointURL: endpointURL, timeout: network.timeoutDuration,
            connectTimeout: network.connectTimeoutDuration, log: verbose ? AWSOptions.logToStandardError : nil)
    }
}

/// How long to wait for AWS, shared by every command that calls it.
struct NetworkOptions: ParsableArguments {
    @Option(
        help: ArgumentHelp(
            "Give up on an AWS request after this many seconds, its retries included; also the most a credential_process may run.",
            valueName: "seconds"))
    var timeout: Int = 30

    @Option(
        name: .customLong("connect-timeout"),
        help: ArgumentHelp("Give up on opening a connection after this many seconds.", valueName: "seconds"))
    var connectTimeout: Int = 5

    func validate() throws {
        guard timeout > 0 else { throw ValidationError("--timeout must be a positive number of seconds") }
        guard connectTimeout > 0 else {
            throw ValidationError("--connect-timeout must be a positive number of seconds")
        }
    }

    var timeoutDuration: Duration { .seconds(timeout) }
    var connectTimeoutDuration: Duration { .seconds(connectTimeout) }
}
