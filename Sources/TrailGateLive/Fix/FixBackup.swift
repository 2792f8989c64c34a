import Foundation
import OrderedJSON
import TrailGateCore

/// The document a change replaced, as read just before the change.
public struct FixBackup: Sendable, Equatable {
    public static let schema = "trailgate.fix-backup/v1"

    public var resource: FixResource
    public var aspect: FixAspect
    /// The setting's document (null when the resource had none).
    public var document: JSONValue
    public var takenAt: Date

    public init(resource: FixResource, aspect: FixAspect, document: JSONValue, takenAt: Date) {
        self.resource = resource
        self.aspect = aspect
        self.document = document
        self.takenAt = takenAt
    }

    /// The backup file's content.
    public var json: JSONValue {
        [
            "schema": .string(Self.schema),
            "resource": [
                "type": .string(resource.kind.rawValue), "name": .string(resource.name),
                "region": .string(resource.region),
            ],
            "setting": .string(aspect.rawValue),
            "takenAt": .string(ISO8601DateFormatter().string(from: takenAt)),
            "document": document,
        ]
    }

    /// Reads a backup file's content; the error says which member is wrong.
    public init(json: JSONValue) throws(BackupError) {
        guard json["schema"]?.stringValue == Self.schema else {
            throw BackupError(reason: "not a \(Self.schema) document")
        }
        guard let type = json["resource"]?["type"]?.stringValue, let kind = FixResource.Kind(rawValue: type),
            let name = json["resource"]?["name"]?.stringValue, let region = json["resource"]?["region"]?.stringValue
        else {
            throw BackupError(reason: "resource must have type (trail, bucket or key), name and region")
        }
        guard let setting = json["setting"]?.stringValue, let aspect = FixAspect(rawValue: setting) else {
            throw BackupError(reason: "unknown setting \(json["setting"]?.serialized() ?? "(missing)")")
        }
        guard let document = json["document"] else { throw BackupError(reason: "document is missing") }
        let takenAt = json["takenAt"]?.stringValue.flatMap { ISO8601DateFormatter().date(from: $0) }
        guard let takenAt else { throw BackupError(reason: "takenAt must be an ISO 8601 time") }
        self.init(
            resource: FixResource(kind: kind, name: name, region: region), aspect: aspect, document: document,
            takenAt: takenAt)
    }
}

/// A backup file or directory that cannot be used.
public struct BackupError: Error, Sendable, Equatable, CustomStringConvertible {
    public var path: String?
    public var reason: String

    public init(path: String? = nil, reason: String) {
        self.path = path
        self.reason = reason
    }

    public var description: String { (path.map { "\($0): " } ?? "") + reason }
}

/// A directory of backup files, one per replaced setting, numbered in the order they were taken.
public struct BackupDirectory: Sendable {
    public let url: URL

    public init(url: URL) {
        self.url = url
    }

    /// Writes `backup` as the next numbered file and returns its path; the file is complete before this returns.
    public func save(_ backup: FixBackup) throws(BackupError) -> String {
        let existing = (try? files()) ?? []
        let resourceName = backup.resource.name.split(separator: "/").last.map(String.init) ?? backup.resource.name
        let safeName = String(resourceName.map { $0.isLetter || $0.isNumber || $0 == "-" || $0 == "." ? $0 : "_" })
        let file = url.appendingPathComponent(
            String(format: "%02d", existing.count + 1)
                + "-\(backup.resource.kind.rawValue)-\(safeName)-\(backup.aspect.rawValue).json")
        do {
            try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
            try Data((backup.json.serialized(pretty: true) + "\n").utf8).write(to: file, options: .withoutOverwriting)
        } catch {
            throw BackupError(path: file.path, reason: "cannot write the backup (\(error.localizedDescription))")
        }
        return file.path
    }

    /// Every backup, in the order taken.
    public func load() throws(BackupError) -> [FixBackup] {
        let files: [URL]
        do {
            files = try self.files()
        } catch {
            throw BackupError(
                path: url.path, reason: "cannot list the backup directory (\(error.localizedDescription))")
        }
        guard !files.isEmpty else {
            throw BackupError(path: url.path, reason: "no backup files (NN-….json) in this directory")
        }
        return try files.map { file throws(BackupError) in try Self.read(file.path) }
    }

    /// The paths of every backup file, in the order taken.
    public func paths() throws(BackupError) -> [String] {
        do {
            return try files().map(\.path)
        } catch {
            throw BackupError(
                path: url.path, reason: "cannot list the backup directory (\(error.localizedDescription))")
        }
    }

    /// Reads one backup file.
    public static func read(_ path: String) throws(BackupError) -> FixBackup {
        let data: Data
        do {
            data = try Data(contentsOf: URL(fileURLWithPath: path))
        } catch {
            throw BackupError(path: path, reason: "cannot read the backup (\(error.localizedDescription))")
        }
        let json: JSONValue
        do {
            json = try JSONValue.parse(data)
        } catch {
            throw BackupError(path: path, reason: "not JSON: \(error.description)")
        }
        do {
            return try FixBackup(json: json)
        } catch {
            throw BackupError(path: path, reason: error.reason)
        }
    }

    private func files() throws -> [URL] {
        try FileManager.default.contentsOfDirectory(at: url, includingPropertiesForKeys: nil)
            .filter { $0.pathExtension == "json" && $0.lastPathComponent.first?.isNumber == true }
            .sorted { $0.lastPathComponent < $1.lastPathComponent }
    }
}
