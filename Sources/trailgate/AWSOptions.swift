import AWSClient
import ArgumentParser
import Foundation
import OrderedJSON
import TrailGateLive

/// The options that say how to reach AWS, named as the AWS CLI names them.
struct AWSOptions: ParsableArguments {
    @Option(help: "The AWS CLI profile to use (else AWS_PROFILE, else default).")
    var profile: String?

    @Option(help: "The Region to list trails in (else AWS_REGION, AWS_DEFAULT_REGION, the profile's region).")
    var region: String?

    @Option(name: .customLong("endpoint-url"), help: "Send every AWS request to this URL (LocalStack, moto, a VPC endpoint).")
    var endpointURL: String?

    @Option(help: "Seconds to wait for each AWS request.")
    var timeout: Int = 30

    func validate() throws {
        guard timeout > 0 else { throw ValidationError("--timeout must be a positive number of seconds") }
    }

    /// Reads the account live into the snapshot format; `verbose` logs each request to standard error, redacted.
    func collect(trail: String?, verbose: Bool) async throws -> JSONValue {
        let print: @Sendable (String) -> Void = { line in StandardError.print(line) }
        let log = verbose ? print : nil
        let session: LiveSession
        do {
            session = try LiveSession(options: LiveOptions(profile: profile, region: region, endpointURL: endpointURL,
                                                           timeout: .seconds(timeout), log: log))
        } catch {
            throw CLIFailure.invalidInput(String(describing: error))
        }
        do {
            let snapshot = try await session.collector.collect(trail: trail)
            await session.shutdown()
            return snapshot
        } catch let error as CollectionError {
            await session.shutdown()
            throw CLIFailure.invalidInput(error.description)
        } catch let error as CredentialsError {
            await session.shutdown()
            throw CLIFailure.invalidInput(error.description)
        } catch {
            await session.shutdown()
            throw CLIFailure(message: String(describing: error), exitCode: ExitStatus.unexpected.code)
        }
    }
}
