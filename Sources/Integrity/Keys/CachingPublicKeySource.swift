import TrailGateBasics

/// Asks another key source once per Region and time range, however many chains (accounts) share the Region.
public actor CachingPublicKeySource: PublicKeySource {
    private struct Query: Hashable {
        var region: String
        var from: Timestamp
        var to: Timestamp
    }

    private let base: any PublicKeySource
    private var answers: [Query: Task<[PublicKeyRecord], any Error>] = [:]

    public init(_ base: any PublicKeySource) {
        self.base = base
    }

    public func publicKeys(region: String, from: Timestamp, to: Timestamp) async throws -> [PublicKeyRecord] {
        let query = Query(region: region, from: from, to: to)
        if let answer = answers[query] { return try await answer.value }
        let base = self.base
        let answer = Task { try await base.publicKeys(region: region, from: from, to: to) }
        answers[query] = answer
        return try await answer.value
    }
}
