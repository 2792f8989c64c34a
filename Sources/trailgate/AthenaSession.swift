import AWSClient
import Foundation
import TrailGateLive

extension AWSOptions {
    /// The session's signed client, sending Athena requests to the Athena endpoint the AWS CLI would use
    /// (`--endpoint-url`, `AWS_ENDPOINT_URL_ATHENA`, `AWS_ENDPOINT_URL`, the profile), else AWS's own.
    func athenaClient(_ session: LiveSession) throws -> AthenaClient {
        var client = session.collector.s3.client
        let custom: URL?
        do {
            let resolver = try AWSConfigurationResolver(
                environment: .current(), options: AWSConfigurationOptions(profile: profile, region: region, endpointURL: endpointURL))
            custom = try resolver.endpointURL(forService: ServiceDescriptor.athena.serviceId)
        } catch {
            throw CLIFailure.invalidInput(String(describing: error))
        }
        let base = client.endpoint
        client.endpoint = { service, region in
            service.serviceId == ServiceDescriptor.athena.serviceId ? (custom ?? base(service, region)) : base(service, region)
        }
        return AthenaClient(client: client)
    }

    /// An AWS failure as one line: configuration and credential problems exit 2, the rest 3.
    static func failure(_ error: any Error) -> CLIFailure {
        if let failure = error as? CLIFailure { return failure }
        if let credentials = error as? CredentialsError { return CLIFailure.invalidInput(credentials.description) }
        return CLIFailure(message: String(describing: error), exitCode: ExitStatus.unexpected.code)
    }
}
