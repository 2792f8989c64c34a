import Foundation

/// Caches another provider's credentials: long-term credentials (no `expiration`) are kept for good; temporary
/// ones until `refreshWindow` (5 minutes) before they expire, then the next caller refreshes them. Callers that
/// arrive during a refresh wait for that one refresh instead of starting their own. A failed refresh is
/// thrown to every caller waiting on it, and the next call tries again.
public actor CachingCredentialsProvider: CredentialsProvider {
    public nonisolated let base: any CredentialsProvider
    public nonisolated let refreshWindow: Duration
    private let now: @Sendable () -> Date
    private var cached: AWSCredentials?
    private var refresh: Task<AWSCredentials, any Error>?

    public init(
        wrapping base: any CredentialsProvider, refreshWindow: Duration = .seconds(300),
        now: @escaping @Sendable () -> Date = { Date() }
    ) {
        self.base = base
        self.refreshWindow = refreshWindow
        self.now = now
    }

    public func credentials() async throws -> AWSCredentials {
        if let cached, isFresh(cached) { return cached }
        if let refresh { return try await refresh.value }
        let base = self.base
        let task = Task { try await base.credentials() }
        refresh = task
        defer { refresh = nil }
        let credentials = try await task.value
        cached = credentials
        return credentials
    }

    /// Forgets the cached credentials, so the next call fetches new ones (e.g. after an ExpiredToken error).
    public func invalidate() {
        cached = nil
    }

    /// Whether `credentials` can still be handed out: no expiration, or more than `refreshWindow` left.
    private func isFresh(_ credentials: AWSCredentials) -> Bool {
        !credentials.expires(within: refreshWindow, of: now())
    }
}
