import Foundation

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// Objects from a local mirror of S3 buckets, laid out as `aws s3 sync` plus a metadata sidecar writes them:
/// `ROOT/s3/<bucket>/<key>` holds the object and `ROOT/s3-metadata/<bucket>/<key>.json` its user metadata as a JSON
/// object of strings (`{"signature": "…", "signature-algorithm": "SHA256withRSA"}`); no sidecar means no metadata.
public struct LocalObjectSource: ObjectSource {
    public let root: URL
    /// Keys per listing page (S3 answers at most 1,000).
    public let pageSize: Int

    public init(root: URL, pageSize: Int = 1000) {
        self.root = root
        self.pageSize = max(1, pageSize)
    }

    /// The file that holds `key` of `bucket`.
    public func objectURL(bucket: String, key: String) -> URL {
        root.appendingPathComponent("s3").appendingPathComponent(bucket).appendingPathComponent(key)
    }

    /// The metadata sidecar of `key` of `bucket`.
    public func metadataURL(bucket: String, key: String) -> URL {
        root.appendingPathComponent("s3-metadata").appendingPathComponent(bucket).appendingPathComponent(key + ".json")
    }

    public func listObjects(bucket: String, prefix: String, startAfter: String?, continuationToken: String?)
        async throws -> ObjectListPage
    {
        let bucketURL = root.appendingPathComponent("s3").appendingPathComponent(bucket)
        var isDirectory: ObjCBool = false
        guard Self.isBucketName(bucket),
            FileManager.default.fileExists(atPath: bucketURL.path, isDirectory: &isDirectory), isDirectory.boolValue
        else {
            throw ObjectSourceError.noSuchBucket(bucket: bucket)
        }
        // Only the folder that holds every key with this prefix is walked.
        let folder = prefix.lastIndex(of: "/").map { String(prefix[..<$0]) } ?? ""
        guard Self.isSafe(folder) else { return ObjectListPage(objects: [], nextContinuationToken: nil) }
        let lowerBound = [startAfter, continuationToken].compactMap { $0 }.max { Self.precedes($0, $1) }
        var objects: [ObjectSummary] = []
        let start = folder.isEmpty ? bucketURL : bucketURL.appendingPathComponent(folder)
        let keyPrefix = folder.isEmpty ? "" : folder + "/"
        try Self.walk(start.path, bucket: bucket, keyPrefix: keyPrefix, prefix: prefix) { key, size in
            if key.hasPrefix(prefix), lowerBound.map({ Self.precedes($0, key) }) ?? true {
                objects.append(ObjectSummary(key: key, size: size))
            }
        }
        objects.sort { Self.precedes($0.key, $1.key) }
        if objects.count > pageSize {
            let page = Array(objects.prefix(pageSize))
            return ObjectListPage(objects: page, nextContinuationToken: page.last?.key)
        }
        return ObjectListPage(objects: objects, nextContinuationToken: nil)
    }

    public func listFolders(bucket: String, prefix: String) async throws -> [String] {
        let bucketURL = root.appendingPathComponent("s3").appendingPathComponent(bucket)
        guard Self.isBucketName(bucket), FileManager.default.fileExists(atPath: bucketURL.path) else {
            throw ObjectSourceError.noSuchBucket(bucket: bucket)
        }
        guard prefix.isEmpty || prefix.hasSuffix("/"), Self.isSafe(String(prefix.dropLast())) else { return [] }
        let folder = prefix.isEmpty ? bucketURL : bucketURL.appendingPathComponent(String(prefix.dropLast()))
        let names = try Self.names(in: folder.path, bucket: bucket, keyPrefix: prefix) ?? []
        return names.filter { name in
            var isDirectory: ObjCBool = false
            return FileManager.default.fileExists(
                atPath: folder.appendingPathComponent(name).path, isDirectory: &isDirectory)
                && isDirectory.boolValue
        }.sorted { Self.precedes($0, $1) }
    }

    public func getObject(bucket: String, key: String) async throws -> StoredObject {
        guard Self.isBucketName(bucket) else { throw ObjectSourceError.noSuchBucket(bucket: bucket) }
        guard Self.isSafe(key) else {
            throw ObjectSourceError.failed(
                bucket: bucket, key: key, code: "InvalidKey",
                message: "a key with an empty, `.` or `..` segment cannot be mirrored on disk")
        }
        // Paths as strings: building a URL per object costs more than reading a small one.
        let rootPath = root.path
        let bytes = try Self.read("\(rootPath)/s3/\(bucket)/\(key)", bucket: bucket, key: key)
        guard
            let sidecar = try Self.readIfPresent(
                "\(rootPath)/s3-metadata/\(bucket)/\(key).json", bucket: bucket, key: key)
        else {
            return StoredObject(bytes: bytes, metadata: [:])
        }
        guard let object = try? JSONSerialization.jsonObject(with: sidecar) as? [String: Any] else {
            throw ObjectSourceError.invalidMetadata(
                bucket: bucket, key: key, message: "\(metadataURL(bucket: bucket, key: key).path) is not a JSON object")
        }
        var metadata: [String: String] = [:]
        for (name, value) in object {
            guard let text = value as? String else {
                throw ObjectSourceError.invalidMetadata(
                    bucket: bucket, key: key,
                    message: "\(metadataURL(bucket: bucket, key: key).path): \(name) is not a string")
            }
            metadata[name.lowercased()] = text
        }
        return StoredObject(bytes: bytes, metadata: metadata)
    }

    /// S3 order: by UTF-8 bytes.
    static func precedes(_ lhs: String, _ rhs: String) -> Bool {
        lhs.utf8.lexicographicallyPrecedes(rhs.utf8)
    }

    static func isSafe(_ path: String) -> Bool {
        path.isEmpty
            || !path.split(separator: "/", omittingEmptySubsequences: false).contains {
                $0.isEmpty || $0 == "." || $0 == ".."
            }
    }

    /// A bucket name that is one path segment: no `/`, not empty, `.` or `..`.
    static func isBucketName(_ bucket: String) -> Bool {
        !bucket.isEmpty && !bucket.contains("/") && isSafe(bucket)
    }

    /// Every regular file under `folder` whose folders can hold keys starting with `prefix`, depth first (a folder
    /// beside the prefix is neither read nor needed to be readable). An entry that is a symlink loop is listed
    /// (reading it then says why it cannot be read); a dangling symlink is no object.
    private static func walk(
        _ folder: String, bucket: String, keyPrefix: String, prefix: String, _ visit: (String, Int64) -> Void
    ) throws {
        guard let names = try names(in: folder, bucket: bucket, keyPrefix: keyPrefix) else { return }
        for name in names {
            var info = stat()
            let path = folder + "/" + name
            guard stat(path, &info) == 0 else {
                if errno == ELOOP { visit(keyPrefix + name, 0) }
                continue
            }
            if (info.st_mode & S_IFMT) == S_IFDIR {
                let folderKey = keyPrefix + name + "/"
                guard folderKey.hasPrefix(prefix) || prefix.hasPrefix(folderKey) else { continue }
                try walk(path, bucket: bucket, keyPrefix: folderKey, prefix: prefix, visit)
            } else if (info.st_mode & S_IFMT) == S_IFREG {
                visit(keyPrefix + name, Int64(info.st_size))
            }
        }
    }

    /// The entries of the folder at `path`, or nil when there is no such folder. A folder that exists but cannot
    /// be read is `accessDenied` on its prefix: a listing never leaves out what it could not see.
    private static func names(in path: String, bucket: String, keyPrefix: String) throws -> [String]? {
        guard let directory = opendir(path) else {
            let code = errno
            if code == ENOENT || code == ENOTDIR { return nil }
            throw ObjectSourceError.accessDenied(
                bucket: bucket, key: keyPrefix, message: "\(path): \(String(cString: strerror(code)))")
        }
        defer { closedir(directory) }
        var names: [String] = []
        while let entry = readdir(directory) {
            let name = withUnsafeBytes(of: entry.pointee.d_name) { bytes in
                String(decoding: bytes.prefix { $0 != 0 }, as: UTF8.self)
            }
            if name != "." && name != ".." { names.append(name) }
        }
        return names
    }

    private static func readIfPresent(_ path: String, bucket: String, key: String) throws -> Data? {
        do {
            return try read(path, bucket: bucket, key: key)
        } catch ObjectSourceError.notFound {
            return nil
        }
    }

    /// Reads a whole file; ENOENT is `notFound`; a file that is there but cannot be read (permissions, a symlink
    /// loop, a name too long for the file system) is `accessDenied` with the system's reason.
    private static func read(_ path: String, bucket: String, key: String) throws -> Data {
        let fd = open(path, O_RDONLY)
        guard fd >= 0 else { throw error(errno, bucket: bucket, key: key, path: path) }
        defer { close(fd) }
        var info = stat()
        guard fstat(fd, &info) == 0 else { throw error(errno, bucket: bucket, key: key, path: path) }
        guard (info.st_mode & S_IFMT) == S_IFREG else { throw ObjectSourceError.notFound(bucket: bucket, key: key) }
        // Read into uninitialised memory that the Data then owns: no zero-filling pass over every object.
        let size = Int(info.st_size)
        guard size > 0, let memory = malloc(size) else { return Data() }
        var filled = 0
        while filled < size {
            let count = systemRead(fd, memory + filled, size - filled)
            if count < 0 {
                if errno == EINTR { continue }
                free(memory)
                throw error(errno, bucket: bucket, key: key, path: path)
            }
            if count == 0 { break }
            filled += count
        }
        return Data(bytesNoCopy: memory, count: filled, deallocator: .free)
    }

    private static func systemRead(_ fd: Int32, _ buffer: UnsafeMutableRawPointer, _ count: Int) -> Int {
        #if canImport(Glibc)
            Glibc.read(fd, buffer, count)
        #else
            Darwin.read(fd, buffer, count)
        #endif
    }

    private static func error(_ code: Int32, bucket: String, key: String, path: String) -> ObjectSourceError {
        switch code {
        case ENOENT, ENOTDIR: return .notFound(bucket: bucket, key: key)
        case EACCES, EPERM, ELOOP, ENAMETOOLONG:
            return .accessDenied(bucket: bucket, key: key, message: "\(path): \(String(cString: strerror(code)))")
        default:
            return .failed(
                bucket: bucket, key: key, code: "Unreadable", message: "\(path): \(String(cString: strerror(code)))")
        }
    }
}
