import Foundation

/// Finds the log files under local paths: directory trees in the S3 layout, or files named one by one.
public enum LocalLogTree {
    /// File names read as logs when found in a directory: JSON, newline-delimited JSON, gzip-compressed or not.
    static let extensions = [".json", ".json.gz", ".jsonl", ".jsonl.gz", ".ndjson", ".ndjson.gz"]

    /// Every log file under `paths` in path order, without digests and without files whose layout puts them outside
    /// `filter`; a path named directly is always read. Throws for a path that does not exist.
    public static func sources(_ paths: [String], filter: IngestFilter) throws -> [IngestSource] {
        var found: [IngestSource] = []
        for path in paths {
            var isDirectory: ObjCBool = false
            guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) else {
                throw LogFileError(source: path, reason: "no such file or directory")
            }
            guard isDirectory.boolValue else {
                found.append(IngestSource(location: .file(path), size: regularFileSize(path) ?? 0))
                continue
            }
            // A symbolic link to a folder is walked as the folder; paths keep the name given.
            let base = path.hasSuffix("/") ? path : path + "/"
            var files: [IngestSource] = []
            walk(base, relative: "") { relative in
                guard extensions.contains(where: { hasSuffix(relative, $0) }), !LogObjectKey.isDigestName(relative)
                else { return }
                let full = base + relative
                if let key = LogObjectKey(full), !filter.mayContain(key) { return }
                if let size = regularFileSize(full) { files.append(IngestSource(location: .file(full), size: size)) }
            }
            found += files.sorted { $0.name < $1.name }
        }
        return found
    }

    /// Calls `visit` with the path, relative to `base`, of every entry below `base + relative` that is not a folder
    /// (files, and links, which the caller follows), descending into folders (not into links to folders, nor into
    /// `CloudTrail-Digest` folders). Reads entries with `readdir`: a tree walk costs one call per folder and its
    /// entries, not a FileManager enumerator's attribute lookups; an unreadable folder is skipped.
    private static func walk(_ base: String, relative: String, _ visit: (String) -> Void) {
        guard let directory = opendir(base + relative) else { return }
        defer { closedir(directory) }
        while let entry = readdir(directory) {
            let name = withUnsafeBytes(of: entry.pointee.d_name) { bytes in
                String(decoding: bytes.prefix { $0 != 0 }, as: UTF8.self)
            }
            if name == "." || name == ".." { continue }
            let path = relative + name
            var isFolder = entry.pointee.d_type == UInt8(DT_DIR)
            if entry.pointee.d_type == UInt8(DT_UNKNOWN) {
                var info = stat()
                isFolder = lstat(base + path, &info) == 0 && info.st_mode & S_IFMT == S_IFDIR
            }
            if isFolder {
                if !hasSuffix(name, "CloudTrail-Digest") { walk(base, relative: path + "/", visit) }
            } else {
                visit(path)
            }
        }
    }

    /// `String.hasSuffix` compares characters; names are compared as bytes here, once per file of the walk.
    private static func hasSuffix(_ name: String, _ suffix: String) -> Bool {
        name.utf8.count >= suffix.utf8.count && name.utf8.reversed().starts(with: suffix.utf8.reversed())
    }

    /// The size of the file at `path` (links followed), nil when it is not a regular file. One `stat` call: the
    /// attributes FileManager gives also look up the owner's name, which costs more than the rest of the walk.
    private static func regularFileSize(_ path: String) -> Int64? {
        var info = stat()
        guard stat(path, &info) == 0, info.st_mode & S_IFMT == S_IFREG else { return nil }
        return Int64(info.st_size)
    }
}
