import AWSClient
import EventStore
import Foundation
import OrderedJSON
import TrailGateCore

/// Runs `trailgate probe`: reads the target with the caller's credentials, then assumes the role and, as the role,
/// makes the onboarding's requests step by step, each timed and each request recorded (never credentials). The
/// report's explanations are left to `ProbeExplainer`. Cancelled (Ctrl-C) while a query runs, it stops the query
/// and still cleans up.
public struct ProbeRunner: Sendable {
    public let session: LiveSession
    public let settings: ProbeSettings
    /// Times each step.
    public var clock = ContinuousClock()
    /// Today, for the window when no log object is found.
    public var now: @Sendable () -> Date = { Date() }
    /// The random part of the scratch names.
    public var suffix: @Sendable () -> String = {
        String((0..<8).map { _ in "abcdefghijklmnopqrstuvwxyz0123456789".randomElement() ?? "x" })
    }

    public init(session: LiveSession, settings: ProbeSettings) {
        self.session = session
        self.settings = settings
    }

    /// The report of every step. Throws only when the caller's reads cannot find the target (``ProbeInputError``)
    /// or reach AWS; everything the role is refused is a step of the report.
    public func run() async throws -> ProbeReport {
        let target = try await ProbeTargetReader(session: session, settings: settings).read()
        let statements = try statements(for: target)
        var run = ProbeRun(target: target, statements: statements)
        let role = session.assumingRole(
            settings.roleArn, sessionName: settings.sessionName, externalId: settings.externalId,
            region: session.region)
        let assumed = await step(.assumeRole, &run) { run in try await assumeRole(role, &run) }
        if assumed {
            let configured = await step(.bucketConfig, &run) { run in try await bucketConfig(role, &run) }
            let tabled =
                configured && !Task.isCancelled
                ? await step(.athenaTable, &run) { run in try await createTable(role, &run) } : false
            if tabled && !Task.isCancelled {
                _ = await step(.athenaQuery, &run) { run in try await query(role, &run) }
            }
            if !Task.isCancelled {
                _ = await step(.directRead, &run) { run in try await directRead(role, &run) }
            }
            let finished = run
            run = await Task { await cleanUp(role, finished) }.value
        }
        for id in ProbeStepID.allCases where !run.steps.contains(where: { $0.id == id }) {
            let reason =
                Task.isCancelled
                ? "skipped: interrupted (Ctrl-C)"
                : assumed ? Self.skipReason(id) : "skipped: the role could not be assumed"
            run.steps.append(ProbeStep(id: id, status: .skipped, summary: reason))
        }
        run.steps.sort { Self.order($0.id) < Self.order($1.id) }
        return ProbeReport(
            roleArn: settings.roleArn, roleSessionName: settings.sessionName, trailArn: target.trailArn,
            bucket: target.bucket, prefix: target.prefix,
            created: run.created, steps: run.steps, policies: target.policies)
    }

    private func statements(for target: ProbeTarget) throws -> AthenaProbeStatements {
        do {
            return try AthenaProbeStatements(
                bucket: target.bucket, prefix: target.prefix, organizationId: target.organizationId,
                account: settings.roleAccount, regions: target.regions, database: settings.database,
                suffix: suffix(), lastDay: target.newestDay ?? AthenaProbeStatements.day(now()),
                dayCount: settings.days)
        } catch let error as AthenaDDLError {
            throw ProbeInputError(error.description)
        }
    }

    private static func order(_ id: ProbeStepID) -> Int { ProbeStepID.allCases.firstIndex(of: id) ?? 0 }

    private static func skipReason(_ id: ProbeStepID) -> String {
        switch id {
        case .assumeRole, .bucketConfig, .directRead, .cleanup: "skipped: the role could not be assumed"
        case .athenaTable: "skipped: the bucket configuration could not be read as the role"
        case .athenaQuery: "skipped: the scratch table could not be created"
        }
    }

    // MARK: Steps

    /// One step's outcome as the step's body decides it.
    struct Outcome {
        var status: ProbeStatus
        var summary: String
        var details: [String] = []
    }

    /// Runs `body` as step `id`, timed, appending its ``ProbeStep``; true when it passed (or was allowed).
    private func step(
        _ id: ProbeStepID, _ run: inout ProbeRun, _ body: (inout ProbeRun) async throws -> Outcome
    ) async -> Bool {
        let start = clock.now
        run.requests = []
        let outcome: Outcome
        do {
            outcome = try await body(&run)
        } catch is CancellationError {
            outcome = Outcome(status: .fail, summary: "interrupted (Ctrl-C)")
        } catch {
            outcome = Outcome(status: .fail, summary: Task.isCancelled ? "interrupted (Ctrl-C)" : Self.words(error))
        }
        let elapsed = start.duration(to: clock.now).components
        run.steps.append(
            ProbeStep(
                id: id, status: outcome.status, summary: outcome.summary, requests: run.requests,
                elapsedMilliseconds: Int(elapsed.seconds * 1000 + elapsed.attoseconds / 1_000_000_000_000_000),
                details: outcome.details))
        return outcome.status == .pass || outcome.status == .allowed
    }

    /// An error in the user's terms: AWS's code and message, or what went wrong with the request.
    static func words(_ error: any Error) -> String {
        switch error {
        case let error as AWSServiceError: error.code + (error.message.map { ": \($0)" } ?? "")
        default: String(describing: error)
        }
    }

    /// Step 1: GetCallerIdentity as the role proves it was assumed; an AssumeRole error is the step's error.
    private func assumeRole(_ role: LiveSession, _ run: inout ProbeRun) async throws -> Outcome {
        let region = role.region
        do {
            let identity = try await role.clients.sts.getCallerIdentity(region: region)
            run.requests.append(ProbeRequest(operation: "AssumeRole", resource: settings.roleArn, region: region))
            run.requests.append(
                ProbeRequest(operation: "GetCallerIdentity", resource: settings.roleArn, region: region))
            return Outcome(status: .pass, summary: "assumed as \(identity["Arn"]?.stringValue ?? settings.roleArn)")
        } catch let error as AWSServiceError {
            let operation = error.operation == "AssumeRole" ? "AssumeRole" : "GetCallerIdentity"
            if operation == "GetCallerIdentity" {
                run.requests.append(ProbeRequest(operation: "AssumeRole", resource: settings.roleArn, region: region))
            }
            run.requests.append(
                ProbeRequest(
                    operation: operation, resource: settings.roleArn, region: region, errorCode: error.code,
                    errorMessage: error.message))
            return Outcome(status: .fail, summary: "\(operation) refused: \(Self.words(error))")
        }
    }

    /// The S3 answers that prove the request was allowed although nothing is configured.
    static let notConfigured: Set<String> = [
        "NoSuchLifecycleConfiguration", "ObjectLockConfigurationNotFoundError",
        "ServerSideEncryptionConfigurationNotFoundError",
    ]

    /// Step 2: the four bucket configuration reads the required statement grants directly.
    private func bucketConfig(_ role: LiveSession, _ run: inout ProbeRun) async throws -> Outcome {
        let s3 = role.clients.s3
        let bucket = run.target.bucket
        let region = run.target.bucketRegion
        let reads: [(String, @Sendable () async throws -> Void)] = [
            ("GetBucketLogging", { _ = try await s3.getBucketLogging(bucket, region: region) }),
            ("GetObjectLockConfiguration", { _ = try await s3.getObjectLockConfiguration(bucket, region: region) }),
            (
                "GetBucketLifecycleConfiguration",
                { _ = try await s3.getBucketLifecycleConfiguration(bucket, region: region) }
            ),
            ("GetBucketEncryption", { _ = try await s3.getBucketEncryption(bucket, region: region) }),
        ]
        var refused: [String] = []
        var details: [String] = []
        for (operation, read) in reads {
            var request = ProbeRequest(operation: operation, resource: "arn:aws:s3:::\(bucket)", region: region)
            do {
                try await read()
            } catch let error as AWSServiceError where Self.notConfigured.contains(error.code) {
                details.append("\(operation): \(error.code) (nothing configured; the read was allowed)")
            } catch let error as AWSServiceError {
                request.errorCode = error.code
                request.errorMessage = error.message
                refused.append("\(operation) \(error.code)")
            }
            run.requests.append(request)
        }
        guard refused.isEmpty else {
            return Outcome(
                status: .fail, summary: "refused: \(refused.joined(separator: ", "))", details: details)
        }
        return Outcome(status: .pass, summary: "the 4 bucket configuration reads were allowed", details: details)
    }

    /// Step 3: the scratch database (unless `--database`) and table.
    private func createTable(_ role: LiveSession, _ run: inout ProbeRun) async throws -> Outcome {
        let statements = run.statements
        if let create = statements.createDatabase {
            let ended = try await athena(role, create, resource: statements.table.database, &run)
            run.databaseStarted = ended.started
            if let failure = ended.failure { return Outcome(status: .fail, summary: failure) }
        }
        let ended = try await athena(role, statements.createTable, resource: statements.table.qualifiedName, &run)
        run.tableStarted = ended.started
        if let failure = ended.failure { return Outcome(status: .fail, summary: failure) }
        return Outcome(
            status: .pass, summary: "created \(statements.table.qualifiedName) in workgroup \(settings.workgroup)",
            details: ["over \(statements.table.location)\(settings.roleAccount)/CloudTrail/"])
    }

    /// Step 4: the SELECT over the window's partitions, through Athena.
    private func query(_ role: LiveSession, _ run: inout ProbeRun) async throws -> Outcome {
        let statements = run.statements
        var details = ["window: \(statements.window)"] + run.target.notes
        if let key = run.target.newestKey { details.append("newest log object: \(key)") }
        let ended = try await athena(
            role, statements.select, resource: statements.table.qualifiedName, &run, results: true)
        if let failure = ended.failure { return Outcome(status: .fail, summary: failure, details: details) }
        guard let first = ended.rows.first else {
            details.append("partitions asked: \(statements.partitionPredicate)")
            return Outcome(
                status: .fail,
                summary: "no rows: no events of the window were read (\(statements.days.first ?? "") to "
                    + "\(statements.days.last ?? ""))", details: details)
        }
        details.append("first row: " + first.map { $0 ?? "NULL" }.joined(separator: " "))
        return Outcome(status: .pass, summary: "\(ended.rows.count) row(s) read through Athena", details: details)
    }

    /// Step 5: ListObjectsV2 and GetObject of the newest log object as the role, without Athena.
    private func directRead(_ role: LiveSession, _ run: inout ProbeRun) async throws -> Outcome {
        let s3 = role.clients.s3
        let target = run.target
        let folder = target.newestKey.map { String($0[..<($0.lastIndex(of: "/") ?? $0.endIndex)]) + "/" }
        var key = target.newestKey
        var refused: [String] = []
        let listed = folder ?? target.logPrefix
        var list = ProbeRequest(
            operation: "ListObjectsV2", resource: "arn:aws:s3:::\(target.bucket)?prefix=\(listed)",
            region: target.bucketRegion)
        do {
            let page = try await s3.listObjectsV2(bucket: target.bucket, region: target.bucketRegion, prefix: listed)
            if key == nil { key = page.objects.map(\.key).filter { $0.hasSuffix(".json.gz") }.max() }
        } catch let error as AWSServiceError {
            list.errorCode = error.code
            list.errorMessage = error.message
            refused.append("ListObjectsV2 \(error.code)")
        }
        run.requests.append(list)
        var details: [String] = []
        if let key {
            var get = ProbeRequest(
                operation: "GetObject", resource: "arn:aws:s3:::\(target.bucket)/\(key)", region: target.bucketRegion)
            do {
                _ = try await s3.getObject(bucket: target.bucket, key: key, region: target.bucketRegion)
            } catch let error as AWSServiceError {
                get.errorCode = error.code
                get.errorMessage = error.message
                refused.append("GetObject \(error.code)")
            }
            run.requests.append(get)
        } else {
            details.append("no log object to read")
        }
        details.append("informational: the required statements allow these reads only through Athena")
        guard refused.isEmpty else {
            return Outcome(status: .refused, summary: "refused: \(refused.joined(separator: ", "))", details: details)
        }
        return Outcome(status: .allowed, summary: "the role can read the logs directly", details: details)
    }

    /// Step 6, run even after a cancellation: drops what steps 3–4 created and deletes the query results, unless
    /// `--keep`.
    private func cleanUp(_ role: LiveSession, _ finished: ProbeRun) async -> ProbeRun {
        var run = finished
        _ = await step(.cleanup, &run) { run in
            let statements = run.statements
            let outputs = run.outputs
            if settings.keep {
                run.created = Self.created(run, removed: "kept: --keep")
                return Outcome(status: .pass, summary: "kept (--keep): \(run.created.count) created thing(s) left")
            }
            guard run.databaseStarted || run.tableStarted || !outputs.isEmpty else {
                return Outcome(status: .pass, summary: "nothing was created")
            }
            var failed: [String] = []
            var removedTable = false
            var removedDatabase = false
            if run.tableStarted {
                let ended = try await athena(role, statements.dropTable, resource: statements.table.qualifiedName, &run)
                removedTable = ended.failure == nil
                if let failure = ended.failure { failed.append("DROP TABLE: \(failure)") }
            }
            if run.databaseStarted, let drop = statements.dropDatabase {
                let ended = try await athena(role, drop, resource: statements.table.database, &run)
                removedDatabase = ended.failure == nil
                if let failure = ended.failure { failed.append("DROP DATABASE: \(failure)") }
            }
            var removedResults: [String: String] = [:]
            for location in run.outputs {
                removedResults[location] =
                    await deleteResult(role, location, &run).map { failure in
                        failed.append("DeleteObject \(location): \(failure)")
                        return "not removed: \(failure)"
                    } ?? "removed"
            }
            run.created = Self.created(
                run, removed: "removed", table: removedTable, database: removedDatabase, results: removedResults)
            guard failed.isEmpty else {
                return Outcome(status: .fail, summary: "not all removed: \(failed.joined(separator: "; "))")
            }
            return Outcome(status: .pass, summary: "removed everything the probe created")
        }
        return run
    }

    /// The `created` lines: each scratch object and result location with what became of it.
    private static func created(
        _ run: ProbeRun, removed: String, table: Bool = true, database: Bool = true, results: [String: String] = [:]
    ) -> [String] {
        var lines: [String] = []
        let notRemoved = "not removed"
        if run.databaseStarted {
            lines.append("database: \(run.statements.table.database) (\(database ? removed : notRemoved))")
        }
        if run.tableStarted {
            lines.append("table: \(run.statements.table.qualifiedName) (\(table ? removed : notRemoved))")
        }
        for location in run.outputs { lines.append("query results: \(location) (\(results[location] ?? removed))") }
        return lines
    }

    /// Deletes one result object and its `.metadata` as the role; the failure in words, or nil.
    private func deleteResult(_ role: LiveSession, _ location: String, _ run: inout ProbeRun) async -> String? {
        let path = location.dropFirst("s3://".count)
        guard let slash = path.firstIndex(of: "/") else { return "not an s3:// object location" }
        let bucket = String(path[..<slash])
        let key = String(path[path.index(after: slash)...])
        if run.resultRegions[bucket] == nil {
            var request = ProbeRequest(
                operation: "GetBucketLocation", resource: "arn:aws:s3:::\(bucket)", region: "us-east-1")
            do {
                run.resultRegions[bucket] = S3Client.region(
                    ofLocation: try await role.clients.s3.getBucketLocation(bucket))
            } catch {
                request.errorCode = (error as? AWSServiceError)?.code
                request.errorMessage = Self.words(error)
                run.resultRegions[bucket] = role.region
            }
            run.requests.append(request)
        }
        let region = run.resultRegions[bucket] ?? role.region
        for object in [key, key + ".metadata"] {
            var request = ProbeRequest(
                operation: "DeleteObject", resource: "arn:aws:s3:::\(bucket)/\(object)", region: region)
            defer { run.requests.append(request) }
            do {
                try await role.clients.s3.deleteObject(bucket: bucket, key: object, region: region)
            } catch let error as AWSServiceError {
                request.errorCode = error.code
                request.errorMessage = error.message
                return Self.words(error)
            } catch {
                return Self.words(error)
            }
        }
        return nil
    }

    // MARK: Athena

    /// How one statement ended: whether it was started, its failure in AWS's words, and its rows.
    struct Ended {
        var started = false
        var failure: String?
        var rows: [[String?]] = []
    }

    /// Starts `sql` as the role, polls it with backoff up to the query timeout, and reads its rows when `results`.
    /// Cancelled while it runs, it stops the query (StopQueryExecution) and rethrows.
    private func athena(
        _ role: LiveSession, _ sql: String, resource: String, _ run: inout ProbeRun, results: Bool = false
    ) async throws -> Ended {
        let athena = role.clients.athena
        let region = role.region
        var ended = Ended()
        let id: String
        do {
            id = try await athena.startQueryExecution(
                sql, database: nil, workGroup: settings.workgroup, outputLocation: settings.outputLocation,
                region: region)
            run.requests.append(ProbeRequest(operation: "StartQueryExecution", resource: resource, region: region))
        } catch let error as AWSServiceError {
            run.requests.append(
                ProbeRequest(
                    operation: "StartQueryExecution", resource: resource, region: region, errorCode: error.code,
                    errorMessage: error.message))
            ended.failure = "StartQueryExecution refused: \(Self.words(error))"
            return ended
        }
        ended.started = true
        var poll = ProbeRequest(operation: "GetQueryExecution", resource: id, region: region)
        var delay = Duration.milliseconds(200)
        var waited = Duration.zero
        while true {
            let status: JSONValue?
            do {
                let execution = try await athena.getQueryExecution(id, region: region)["QueryExecution"]
                if let location = execution?["ResultConfiguration"]?["OutputLocation"]?.stringValue,
                    !run.outputs.contains(location)
                {
                    run.outputs.append(location)
                }
                status = execution?["Status"]
            } catch let error as AWSServiceError {
                poll.errorCode = error.code
                poll.errorMessage = error.message
                run.requests.append(poll)
                ended.failure = "GetQueryExecution refused: \(Self.words(error))"
                return ended
            } catch {
                run.requests.append(poll)
                guard Task.isCancelled else { throw error }
                try? await stop(athena, id, region, &run)
                throw CancellationError()
            }
            let state = status?["State"]?.stringValue ?? "UNKNOWN"
            switch state {
            case "SUCCEEDED":
                run.requests.append(poll)
                guard results else { return ended }
                var read = ProbeRequest(operation: "GetQueryResults", resource: id, region: region)
                do {
                    ended.rows = try await athena.getQueryResults(id, region: region).rows
                } catch let error as AWSServiceError {
                    read.errorCode = error.code
                    read.errorMessage = error.message
                    ended.failure = "GetQueryResults refused: \(Self.words(error))"
                }
                run.requests.append(read)
                return ended
            case "FAILED", "CANCELLED":
                let reason =
                    status?["StateChangeReason"]?.stringValue ?? status?["AthenaError"]?["ErrorMessage"]?.stringValue
                    ?? "no reason given"
                poll.errorCode = state
                poll.errorMessage = reason
                run.requests.append(poll)
                ended.failure = "the query \(id) ended \(state): \(reason)"
                return ended
            default:
                guard waited < settings.queryTimeout else {
                    poll.errorCode = "TIMEOUT"
                    poll.errorMessage = "still \(state) after \(settings.queryTimeout)"
                    run.requests.append(poll)
                    try? await stop(athena, id, region, &run)
                    ended.failure = "the query \(id) was still \(state) after \(settings.queryTimeout); it was stopped"
                    return ended
                }
                do {
                    try await Task.sleep(for: delay)
                } catch {
                    run.requests.append(poll)
                    try? await stop(athena, id, region, &run)
                    throw error
                }
                waited += delay
                delay = min(delay * 2, .seconds(5))
            }
        }
    }

    /// StopQueryExecution, outside the cancelled task so it is still sent.
    private func stop(_ athena: AthenaClient, _ id: String, _ region: String, _ run: inout ProbeRun) async throws {
        var request = ProbeRequest(operation: "StopQueryExecution", resource: id, region: region)
        do {
            try await Task { try await athena.stopQueryExecution(id, region: region) }.value
        } catch let error as AWSServiceError {
            request.errorCode = error.code
            request.errorMessage = error.message
        }
        run.requests.append(request)
    }
}

/// The state of one probe run as it goes: the steps so far, the current step's requests, and what was created.
struct ProbeRun: Sendable {
    let target: ProbeTarget
    let statements: AthenaProbeStatements
    var steps: [ProbeStep] = []
    var requests: [ProbeRequest] = []
    /// Whether CREATE DATABASE / CREATE TABLE were started (so are dropped).
    var databaseStarted = false
    var tableStarted = false
    /// The result objects Athena reported writing, `s3://bucket/key`.
    var outputs: [String] = []
    /// The Region of each result bucket, asked once.
    var resultRegions: [String: String] = [:]
    var created: [String] = []
}
