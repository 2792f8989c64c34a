import AWSClient
import Foundation
import Testing

/// Secret values used across the credential tests; no error description may contain any of them.
enum CredentialsTestSecrets {
    static let all = [
        "envSecretKEY", "envSessionTOKEN", "credsFileSecretKEY", "credsFileTOKEN", "configFileSecretKEY",
        "sourceSecretKEY", "processSecretKEY", "processTOKEN", "containerSecretKEY", "containerTOKEN",
        "imdsSecretKEY", "imdsTOKEN", "containerAuthTOKEN", "imdsSessionTOKEN", "assumedSecretKEY", "assumedTOKEN",
    ]

    /// Records an issue for every secret that appears in `text`.
    static func expectAbsent(in text: String, sourceLocation: SourceLocation = #_sourceLocation) {
        for secret in all where text.contains(secret) {
            Issue.record("secret \(secret) appears in: \(text)", sourceLocation: sourceLocation)
        }
    }
}

/// Runs `body`, expects a `CredentialsError`, checks its description has no secret and is one line, returns it.
func expectCredentialsError(
    sourceLocation: SourceLocation = #_sourceLocation,
    _ body: () async throws -> Void
) async -> CredentialsError? {
    do {
        try await body()
        Issue.record("expected a CredentialsError, got success", sourceLocation: sourceLocation)
        return nil
    } catch let error as CredentialsError {
        CredentialsTestSecrets.expectAbsent(in: error.description, sourceLocation: sourceLocation)
        CredentialsTestSecrets.expectAbsent(in: String(describing: error), sourceLocation: sourceLocation)
        #expect(
            !error.description.contains("\n"), "description is not one line: \(error.description)",
            sourceLocation: sourceLocation)
        return error
    } catch {
        Issue.record("expected a CredentialsError, got \(error)", sourceLocation: sourceLocation)
        return nil
    }
}

/// A lock-protected value for test doubles shared across tasks.
final class CredentialsTestBox<Value>: @unchecked Sendable {
    private let lock = NSLock()
    private var value: Value

    init(_ value: Value) { self.value = value }

    func withValue<T>(_ body: (inout Value) throws -> T) rethrows -> T {
        lock.lock()
        defer { lock.unlock() }
        return try body(&value)
    }

    var current: Value { withValue { $0 } }
}

/// A clock the tests move by hand.
final class CredentialsTestClock: Sendable {
    private let date: CredentialsTestBox<Date>

    init(_ start: Date = Date(timeIntervalSince1970: 1_700_000_000)) { date = CredentialsTestBox(start) }

    var now: Date { date.current }
    func advance(by seconds: TimeInterval) { date.withValue { $0 = $0.addingTimeInterval(seconds) } }
    func set(_ newDate: Date) { date.withValue { $0 = newDate } }
    var closure: @Sendable () -> Date { { [date] in date.current } }
}

/// Files in memory by path; `unreadable` paths throw as an unreadable file would.
struct InMemoryAWSFiles: AWSFileReading {
    var files: [String: String]
    var unreadable: Set<String> = []

    func contents(atPath path: String) throws -> Data? {
        if unreadable.contains(path) { throw CredentialsError.unreadableFile(path: path, reason: "permission denied") }
        return files[path].map { Data($0.utf8) }
    }
}

/// A temporary directory holding `config` and `credentials` files, removed by `remove()`.
struct TemporaryAWSFiles {
    let directory: URL

    init(config: String? = nil, credentials: String? = nil) throws {
        directory = FileManager.default.temporaryDirectory.appendingPathComponent(
            "trailgate-credentials-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        if let config { try write("config", config) }
        if let credentials { try write("credentials", credentials) }
    }

    var configPath: String { directory.appendingPathComponent("config").path }
    var credentialsPath: String { directory.appendingPathComponent("credentials").path }

    func write(_ name: String, _ text: String) throws {
        try Data(text.utf8).write(to: directory.appendingPathComponent(name))
    }

    func path(_ name: String) -> String { directory.appendingPathComponent(name).path }

    /// An environment pointing AWS_CONFIG_FILE / AWS_SHARED_CREDENTIALS_FILE here, plus `variables`.
    func environment(_ variables: [String: String] = [:]) -> AWSEnvironment {
        var all = [
            "AWS_CONFIG_FILE": configPath, "AWS_SHARED_CREDENTIALS_FILE": credentialsPath, "HOME": directory.path,
        ]
        all.merge(variables) { _, new in new }
        return AWSEnvironment(variables: all, files: LocalFileReader())
    }

    func remove() { try? FileManager.default.removeItem(at: directory) }
}

/// An environment whose config and credentials files live in memory at `/home/test/.aws/`.
func credentialsTestEnvironment(
    _ variables: [String: String] = [:], config: String? = nil, credentials: String? = nil,
    files: [String: String] = [:]
) -> AWSEnvironment {
    var all = files
    if let config { all["/home/test/.aws/config"] = config }
    if let credentials { all["/home/test/.aws/credentials"] = credentials }
    var environment = variables
    environment["HOME"] = environment["HOME"] ?? "/home/test"
    return AWSEnvironment(variables: environment, files: InMemoryAWSFiles(files: all))
}

/// An HTTP transport answering metadata requests from a table and recording every request.
final class MetadataStubTransport: HTTPTransport, Sendable {
    enum Answer: Sendable {
        case response(status: Int, body: String)
        case failure(String)
    }

    struct TransportFailure: Error, CustomStringConvertible {
        var description: String
    }

    private let answers: CredentialsTestBox<[String: [Answer]]>
    private let recorded = CredentialsTestBox<[(request: HTTPRequest, timeout: Duration)]>([])

    /// `answers` by "METHOD URL"; a list is answered in order, its last answer repeating.
    init(_ answers: [String: [Answer]]) {
        self.answers = CredentialsTestBox(answers)
    }

    var requests: [HTTPRequest] { recorded.current.map(\.request) }
    var timeouts: [Duration] { recorded.current.map(\.timeout) }

    func send(_ request: HTTPRequest, timeout: Duration) async throws -> HTTPResponse {
        recorded.withValue { $0.append((request, timeout)) }
        let key = "\(request.method) \(request.url.absoluteString)"
        let answer: Answer? = answers.withValue { table in
            guard var list = table[key], !list.isEmpty else { return nil }
            let first = list.count > 1 ? list.removeFirst() : list[0]
            table[key] = list
            return first
        }
        switch answer {
        case .response(let status, let body)?: return HTTPResponse(status: status, body: Data(body.utf8))
        case .failure(let message)?: throw TransportFailure(description: message)
        case nil: throw TransportFailure(description: "connection refused (no stub for \(key))")
        }
    }

    /// The IMDS answers for a healthy instance with role `role`.
    static func instanceMetadata(
        base: String = "http://169.254.169.254", role: String = "trailgate-role",
        token: String = "imdsSessionTOKEN", expiration: String = "2030-01-01T00:00:00Z"
    ) -> [String: [Answer]] {
        [
            "PUT \(base)/latest/api/token": [.response(status: 200, body: token)],
            "GET \(base)/latest/meta-data/iam/security-credentials/": [.response(status: 200, body: role)],
            "GET \(base)/latest/meta-data/iam/security-credentials/\(role)": [
                .response(
                    status: 200,
                    body: """
                        {
                          "Code" : "Success",
                          "LastUpdated" : "2029-12-31T18:00:00Z",
                          "Type" : "AWS-HMAC",
                          "AccessKeyId" : "ASIAIMDS",
                          "SecretAccessKey" : "imdsSecretKEY",
                          "Token" : "imdsTOKEN",
                          "Expiration" : "\(expiration)"
                        }
                        """)
            ],
        ]
    }

    /// A container endpoint answer in the ECS shape.
    static func containerAnswer(expiration: String = "2030-01-01T00:00:00Z") -> Answer {
        .response(
            status: 200,
            body: """
                {"AccessKeyId": "ASIACONTAINER", "SecretAccessKey": "containerSecretKEY", "Token": "containerTOKEN", \
                "Expiration": "\(expiration)", "RoleArn": "arn:aws:iam::123456789012:role/task"}
                """)
    }
}

/// A `RoleAssuming` stub recording every request with its source credentials and region.
final class RecordingRoleAssumer: RoleAssuming, Sendable {
    struct Call: Sendable {
        var request: AssumeRoleRequest
        var source: AWSCredentials
        var region: String
    }

    struct Failure: Error, CustomStringConvertible {
        var description: String
    }

    private let recorded = CredentialsTestBox<[Call]>([])
    let failure: String?
    let expiration: Date

    init(failure: String? = nil, expiration: Date = Date(timeIntervalSince1970: 1_900_000_000)) {
        self.failure = failure
        self.expiration = expiration
    }

    var calls: [Call] { recorded.current }

    /// Answers with an access key naming the role's last path part, e.g. `ASIA-admin`.
    func assumeRole(_ request: AssumeRoleRequest, with credentials: AWSCredentials, region: String) async throws
        -> AWSCredentials
    {
        recorded.withValue { $0.append(Call(request: request, source: credentials, region: region)) }
        if let failure { throw Failure(description: failure) }
        let role = request.roleArn.split(separator: "/").last.map(String.init) ?? "role"
        return AWSCredentials(
            accessKeyId: "ASIA-\(role)", secretAccessKey: "assumedSecretKEY", sessionToken: "assumedTOKEN",
            expiration: expiration)
    }
}

/// A `CredentialProcessRunning` stub answering by argument list and recording the calls.
final class StubProcessRunner: CredentialProcessRunning, Sendable {
    private let outputs: [[String]: ProcessOutput]
    private let recorded = CredentialsTestBox<[[String]]>([])

    init(_ outputs: [[String]: ProcessOutput]) { self.outputs = outputs }

    var calls: [[String]] { recorded.current }

    struct NotFound: Error {}

    func run(_ arguments: [String]) async throws -> ProcessOutput {
        recorded.withValue { $0.append(arguments) }
        guard let output = outputs[arguments] else { throw NotFound() }
        return output
    }

    static func json(_ text: String) -> ProcessOutput { ProcessOutput(exitCode: 0, standardOutput: Data(text.utf8)) }
}

/// A provider answering from a script of results, counting calls, optionally holding each call until released.
actor ScriptedCredentialsProvider: CredentialsProvider {
    private var script: [Result<AWSCredentials, CredentialsError>]
    private(set) var calls = 0
    private var holding: Bool
    private var waiters: [CheckedContinuation<Void, Never>] = []

    init(_ script: [Result<AWSCredentials, CredentialsError>], holdCalls: Bool = false) {
        self.script = script
        self.holding = holdCalls
    }

    func credentials() async throws -> AWSCredentials {
        calls += 1
        if holding { await withCheckedContinuation { waiters.append($0) } }
        let next = script.count > 1 ? script.removeFirst() : script[0]
        return try next.get()
    }

    /// Lets held calls (and all later ones) go on.
    func release() {
        holding = false
        for waiter in waiters { waiter.resume() }
        waiters = []
    }
}
