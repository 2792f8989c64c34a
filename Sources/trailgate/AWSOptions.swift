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

    /// A live session; `verbose` logs each request to standard error, redacted. Call `shutdown()` when done.
    func session(verbose: Bool) throws -> LiveSession {
        let print: @Sendable (String) -> Void = { line in StandardError.print(line) }
        do {
            return try LiveSession(options: LiveOptions(profile: profile, region: region, endpointURL: endpointURL,
                                                        timeout: .seconds(timeout), log: verbose ? print : nil))
        } catch {
            throw CLIFailure.invalidInput(String(describing: error))
        }
    }

    /// Reads the account live into the snapshot format; `verbose` logs each request to standard error, redacted.
    func collect(trail: String?, verbose: Bool) async throws -> JSONValue {
        let session = try session(verbose: verbose)
        do {
            let snapshot = try await Self.collect(trail: trail, with: session)
            await session.shutdown()
            return snapshot
        } catch {
            await session.shutdown()
            throw error
        }
    }

    /// Reads the account live through `session`, turning failures into one-line CLI failures.
    static func collect(trail: String?, with session: LiveSession) async throws -> JSONValue {
        do {
            return try await session.collector.collect(trail: trail)
        } catch let error as CollectionError {
            throw CLIFailure.invalidInput(error.description)
        } catch let error as CredentialsError {
            throw CLIFailure.invalidInput(error.description)
        } catch {
            throw CLIFailure(message: String(describing: error), exitCode: ExitStatus.unexpected.code)
        }
    }
}
