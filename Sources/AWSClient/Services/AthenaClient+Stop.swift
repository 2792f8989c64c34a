import OrderedJSON

extension AthenaClient {
    /// `StopQueryExecution`: cancels a queued or running query (one that has ended is left as it is).
    public func stopQueryExecution(_ id: String, region: String) async throws {
        _ = try await json.call("StopQueryExecution", ["QueryExecutionId": .string(id)], region: region)
    }
}
