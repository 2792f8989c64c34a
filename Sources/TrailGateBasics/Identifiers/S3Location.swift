/// An `s3://bucket[/prefix]` location as the command line takes it: the log bucket of `logs ingest` and
/// `logs investigate --source`, Athena's results location of `athena run` and `probe`.
public struct S3Location: Sendable, Equatable {
    public var bucket: String
    /// The key prefix without slashes at either end; empty for none.
    public var prefix: String

    /// The location in `text`; nil unless it starts with `s3://` and names a bucket.
    public init?(_ text: String) {
        guard text.hasPrefix("s3://") else { return nil }
        let path = text.dropFirst("s3://".count)
        let bucket = path.prefix { $0 != "/" }
        guard !bucket.isEmpty else { return nil }
        self.bucket = String(bucket)
        var prefix = path.dropFirst(bucket.count)
        while prefix.first == "/" { prefix = prefix.dropFirst() }
        while prefix.last == "/" { prefix = prefix.dropLast() }
        self.prefix = String(prefix)
    }
}
