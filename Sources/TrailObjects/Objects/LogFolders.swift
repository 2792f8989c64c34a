/// The folders of a trail's bucket that name its organization, accounts and Regions, found with delimited S3
/// listings (one page run per level, never the objects themselves).
public struct LogFolders: Sendable {
    public var objects: any ObjectSource
    public var bucket: String
    /// `[prefix/]AWSLogs/`.
    public var logs: String

    public init(objects: any ObjectSource, bucket: String, prefix: String) {
        self.objects = objects
        self.bucket = bucket
        logs = (prefix.isEmpty ? "" : prefix + "/") + "AWSLogs/"
    }

    /// The organization folder (`o-…`) of an organization trail, if any.
    public func organization() async throws -> String? {
        try await objects.listFolders(bucket: bucket, prefix: logs).first { $0.hasPrefix("o-") }
    }

    /// The 12-digit account folders.
    public func accounts(organization: String?) async throws -> [String] {
        try await objects.listFolders(bucket: bucket, prefix: root(organization))
            .filter { $0.count == 12 && $0.allSatisfy(\.isNumber) }
    }

    /// The Region folders under an account's `CloudTrail/` (not its digests or Insights).
    public func regions(organization: String?, account: String) async throws -> [String] {
        try await objects.listFolders(bucket: bucket, prefix: "\(root(organization))\(account)/CloudTrail/")
    }

    private func root(_ organization: String?) -> String {
        logs + (organization.map { $0 + "/" } ?? "")
    }
}
