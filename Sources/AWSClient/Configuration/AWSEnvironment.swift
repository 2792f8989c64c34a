import Foundation

/// Reads the files the configuration and credential code needs (shared config files, the container token file),
/// so tests can answer from a temporary directory or from memory.
public protocol AWSFileReading: Sendable {
    /// The bytes of the file at `path`; nil when nothing exists there. Throws `CredentialsError.unreadableFile`
    /// when something exists at `path` but cannot be read.
    func contents(atPath path: String) throws -> Data?
}

/// Reads files from the local file system.
public struct LocalFileReader: AWSFileReading {
    public init() {}

    public func contents(atPath path: String) throws -> Data? {
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) else { return nil }
        if isDirectory.boolValue { throw CredentialsError.unreadableFile(path: path, reason: "it is a directory") }
        if !FileManager.default.isReadableFile(atPath: path) {
            throw CredentialsError.unreadableFile(path: path, reason: "permission denied")
        }
        if let handle = FileHandle(forReadingAtPath: path) {
            defer { try? handle.close() }
            return handle.readDataToEndOfFile()
        }
        do {
            return try Data(contentsOf: URL(fileURLWithPath: path))
        } catch let error as CocoaError {
            switch error.code {
            case .fileReadNoSuchFile: return nil
            case .fileReadNoPermission: throw CredentialsError.unreadableFile(path: path, reason: "permission denied")
            default:
                throw CredentialsError.unreadableFile(path: path, reason: "read failed (code \(error.code.rawValue))")
            }
        } catch {
            throw CredentialsError.unreadableFile(path: path, reason: "read failed")
        }
    }
}

/// The process environment as the AWS configuration sees it: environment variables, the home directory and a
/// file reader. Everything in `Configuration/` and `Credentials/` reads through this value, never from the real
/// process, so tests inject variables and files.
public struct AWSEnvironment: Sendable {
    /// Environment variables by name.
    public var variables: [String: String]
    /// Reads shared config files and token files.
    public var files: any AWSFileReading
    /// The directory `~` stands for; nil when unknown.
    public var homeDirectory: String?

    /// `homeDirectory` defaults to `HOME`, else `USERPROFILE`, else `HOMEDRIVE` + `HOMEPATH` (as Python's
    /// `expanduser`, which the AWS CLI uses).
    public init(
        variables: [String: String], files: any AWSFileReading = LocalFileReader(), homeDirectory: String? = nil
    ) {
        self.variables = variables
        self.files = files
        self.homeDirectory = homeDirectory ?? Self.home(in: variables)
    }

    /// The environment of this process, reading local files.
    public static func current() -> AWSEnvironment {
        let variables = ProcessInfo.processInfo.environment
        return AWSEnvironment(
            variables: variables, files: LocalFileReader(),
            homeDirectory: home(in: variables) ?? NSHomeDirectory())
    }

    private static func home(in variables: [String: String]) -> String? {
        if let home = variables["HOME"], !home.isEmpty { return home }
        if let profile = variables["USERPROFILE"], !profile.isEmpty { return profile }
        if let drive = variables["HOMEDRIVE"], let path = variables["HOMEPATH"], !path.isEmpty { return drive + path }
        return nil
    }

    /// The variable `name`; nil when it is unset or empty (an empty variable counts as unset, as for the CLI's
    /// credential variables).
    public subscript(name: String) -> String? {
        guard let value = variables[name], !value.isEmpty else { return nil }
        return value
    }

    /// `path` with a leading `~` or `~/` replaced by the home directory and `$NAME` / `${NAME}` replaced by set
    /// variables (unset ones are left as written), like `os.path.expanduser(os.path.expandvars(path))`.
    public func expandingPath(_ path: String) -> String {
        var expanded = expandingVariables(path)
        if let home = homeDirectory, expanded == "~" || expanded.hasPrefix("~/") {
            expanded = home + expanded.dropFirst()
        }
        return expanded
    }

    private func expandingVariables(_ text: String) -> String {
        guard text.contains("$") else { return text }
        var result = ""
        var index = text.startIndex
        let nameCharacter: (Character) -> Bool = { $0.isASCII && ($0.isLetter || $0.isNumber || $0 == "_") }
        while index < text.endIndex {
            let character = text[index]
            guard character == "$" else {
                result.append(character)
                index = text.index(after: index)
                continue
            }
            let next = text.index(after: index)
            if next < text.endIndex, text[next] == "{", let close = text[next...].firstIndex(of: "}") {
                let name = String(text[text.index(after: next)..<close])
                if let value = variables[name], !name.isEmpty {
                    result += value
                } else {
                    result += text[index...close]
                }
                index = text.index(after: close)
            } else {
                var end = next
                while end < text.endIndex, nameCharacter(text[end]) { end = text.index(after: end) }
                let name = String(text[next..<end])
                if !name.isEmpty, let value = variables[name] {
                    result += value
                } else {
                    result += text[index..<end]
                }
                index = end
            }
        }
        return result
    }

    /// The text of the file at `path` (after expansion); nil when no file is there.
    func readText(atPath path: String) throws -> String? {
        guard let data = try files.contents(atPath: path) else { return nil }
        return String(decoding: data, as: UTF8.self)
    }

    /// Whether the variable `name` is `true` (case-insensitive), the CLI's reading of boolean variables.
    func isTrue(_ name: String) -> Bool? {
        guard let value = self[name] else { return nil }
        return value.lowercased() == "true"
    }
}
