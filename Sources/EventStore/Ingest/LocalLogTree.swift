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
                found.append(IngestSource(location: .file(path), size: size(path)))
                continue
            }
            // A symbolic link to a folder is walked as the folder; paths keep the name given.
            let folder = URL(fileURLWithPath: path).resolvingSymlinksInPath().path
            guard let walker = FileManager.default.enumerator(atPath: folder) else { continue }
            var files: [String] = []
            while let relative = walker.nextObject() as? String {
                if relative.hasSuffix("CloudTrail-Digest") { walker.skipDescendants(); continue }
                guard extensions.contains(where: { relative.hasSuffix($0) }), !LogObjectKey.isDigestName(relative)
                else { continue }
                let full = (path as NSString).appendingPathComponent(relative)
                if let key = LogObjectKey(full), !filter.mayContain(key) { continue }
                var isFolder: ObjCBool = false
                if FileManager.default.fileExists(atPath: full, isDirectory: &isFolder), !isFolder.boolValue {
                    files.append(full)
                }
            }
            found += files.sorted().map { IngestSource(location: .file($0), size: size($0)) }
        }
        return found
    }

    private static func size(_ path: String) -> Int64 {
        ((try? FileManager.default.attributesOfItem(atPath: path))?[.size] as? NSNumber)?.int64Value ?? 0
    }
}
