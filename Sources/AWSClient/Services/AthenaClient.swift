import Foundation
import OrderedJSON

/// A query Athena ran to its end without succeeding, or did not finish in time.
public struct AthenaQueryError: Error, Sendable, Equatable, CustomStringConvertible {
    public var queryExecutionId: String
    /// `FAILED`, `CANCELLED`, or `TIMEOUT` when it was still running after the wait allowed.
    public var state: String
    public var reason: String

    public var description: String { "Athena query \(queryExecutionId) \(state): \(reason)" }
}

/// A result set: column names, their types (`ColumnInfo.Type`: `bigint`, `double`, `varchar`, …) and rows of text
/// values (nil for NULL), as Athena returns them.
public struct AthenaResultSet: Sendable, Equatable {
    public var columns: [String]
    /// One type per column, in the order of ``columns``.
    public var types: [String]
    public var rows: [[String?]]
}

/// Athena's query calls (JSON 1.1, target prefix `AmazonAthena`): start a query, wait for it with backoff, read
/// every page of its results.
public struct AthenaClient: Sendable {
    let json: JSONProtocolClient
    /// Waits between GetQueryExecution polls; replaced in tests.
    public var sleep: @Sendable (Duration) async throws -> Void = { try await Task.sleep(for: $0) }

    public init(client: AWSServiceClient) {
        json = JSONProtocolClient(client: client, service: .athena, targetPrefix: "AmazonAthena")
    }

    /// `StartQueryExecution`; returns the query execution id. A client request token makes a retry safe.
    public func startQueryExecution(
        _ sql: String, database: String?, workGroup: String?, outputLocation: String?,
        region: String
    ) async throws -> String {
        var input: [(String, JSONValue)] = [
            ("QueryString", .string(sql)), ("ClientRequestToken", .string(UUID().uuidString)),
        ]
        if let database { input.append(("QueryExecutionContext", ["Database": .string(database)])) }
        if let workGroup { input.append(("WorkGroup", .string(workGroup))) }
        if let outputLocation { input.append(("ResultConfiguration", ["OutputLocation": .string(outputLocation)])) }
        let answer = try await json.call("StartQueryExecution", .object(input), region: region)
        guard let id = answer["QueryExecutionId"]?.stringValue else {
            throw AWSTransportError(
                service: "Athena", operation: "StartQueryExecution", reason: "the answer has no QueryExecutionId")
        }
        return id
    }

    /// `GetQueryExecution`: the query's `Status` (`State`, `StateChangeReason`, `AthenaError`, …).
    public func getQueryExecution(_ id: String, region: String) async throws -> JSONValue {
        try await json.call("GetQueryExecution", ["QueryExecutionId": .string(id)], region: region)
    }

    /// Polls until the query leaves `QUEUED`/`RUNNING`, waiting `initialDelay`, then twice as long each time up to
    /// `maximumDelay`; throws ``AthenaQueryError`` if it fails, is cancelled, or runs past `timeout`.
    public func waitForQuery(
        _ id: String, region: String, initialDelay: Duration = .milliseconds(200),
        maximumDelay: Duration = .seconds(5), timeout: Duration = .seconds(600)
    ) async throws {
        var delay = initialDelay
        var waited = Duration.zero
        while true {
            let execution = try await getQueryExecution(id, region: region)
            let status = execution["QueryExecution"]?["Status"]
            let state = status?["State"]?.stringValue ?? "UNKNOWN"
            switch state {
            case "SUCCEEDED":
                return
            case "FAILED", "CANCELLED":
                let reason =
                    status?["StateChangeReason"]?.stringValue ?? status?["AthenaError"]?["ErrorMessage"]?.stringValue
                    ?? "no reason given"
                throw AthenaQueryError(queryExecutionId: id, state: state, reason: reason)
            default:
                guard waited < timeout else {
                    throw AthenaQueryError(
                        queryExecutionId: id, state: "TIMEOUT", reason: "still \(state) after \(timeout)")
                }
                try await sleep(delay)
                waited += delay
                delay = min(delay * 2, maximumDelay)
            }
        }
    }

    /// Every page of `GetQueryResults` (`MaxResults` per page, following `NextToken`). The first row of a SELECT's
    /// first page repeats the column names; it is dropped when it equals them.
    public func getQueryResults(_ id: String, region: String, pageSize: Int = 1000) async throws -> AthenaResultSet {
        var columns: [String] = []
        var types: [String] = []
        var rows: [[String?]] = []
        var token: String?
        var firstPage = true
        repeat {
            var input: [(String, JSONValue)] = [("QueryExecutionId", .string(id)), ("MaxResults", .int(pageSize))]
            if let token { input.append(("NextToken", .string(token))) }
            let page = try await json.call("GetQueryResults", .object(input), region: region)
            if firstPage {
                let info = (page["ResultSet"]?["ResultSetMetadata"]?["ColumnInfo"]?.arrayValue ?? [])
                    .filter { $0["Name"]?.stringValue != nil }
                columns = info.compactMap { $0["Name"]?.stringValue }
                types = info.map { $0["Type"]?.stringValue ?? "" }
            }
            var pageRows = (page["ResultSet"]?["Rows"]?.arrayValue ?? []).map { row in
                (row["Data"]?.arrayValue ?? []).map { $0["VarCharValue"]?.stringValue }
            }
            if firstPage, let header = pageRows.first, header.map({ $0 ?? "" }) == columns, !columns.isEmpty {
                pageRows.removeFirst()
            }
            rows += pageRows
            token = page["NextToken"]?.stringValue
            firstPage = false
        } while token != nil
        return AthenaResultSet(columns: columns, types: types, rows: rows)
    }

    /// Starts `sql`, waits for it and reads all its results.
    public func run(
        _ sql: String, database: String?, workGroup: String?, outputLocation: String?, region: String,
        timeout: Duration = .seconds(600)
    ) async throws -> (id: String, results: AthenaResultSet) {
        let id = try await startQueryExecution(
            sql, database: database, workGroup: workGroup, outputLocation: outputLocation, region: region)
        try await waitForQuery(id, region: region, timeout: timeout)
        return (id, try await getQueryResults(id, region: region))
    }
}
