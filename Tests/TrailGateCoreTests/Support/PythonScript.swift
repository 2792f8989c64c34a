import Foundation

/// Runs a Python 3 script with text on its standard input, for checks done by a Python package (jsonschema,
/// junitparser, csv); scripts/test installs the packages pinned in requirements-test.txt.
enum PythonScript {
    struct Failure: Error, CustomStringConvertible {
        var status: Int32
        var standardError: String
        var description: String { "python3 exited with \(status): \(standardError)" }
    }

    /// The script's standard output; throws with its standard error when it exits with a status other than 0.
    /// Input and outputs go through files, so neither side can block on a full pipe.
    static func run(_ script: String, input: String, arguments: [String] = []) throws -> String {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("trailgate-python-\(UUID())")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let scriptFile = folder.appendingPathComponent("script.py")
        let inputFile = folder.appendingPathComponent("input")
        let outputFile = folder.appendingPathComponent("output")
        let errorFile = folder.appendingPathComponent("error")
        try script.write(to: scriptFile, atomically: true, encoding: .utf8)
        try Data(input.utf8).write(to: inputFile)
        _ = FileManager.default.createFile(atPath: outputFile.path, contents: nil)
        _ = FileManager.default.createFile(atPath: errorFile.path, contents: nil)
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["python3", scriptFile.path] + arguments
        process.standardInput = try FileHandle(forReadingFrom: inputFile)
        process.standardOutput = try FileHandle(forWritingTo: outputFile)
        process.standardError = try FileHandle(forWritingTo: errorFile)
        try process.run()
        process.waitUntilExit()
        let output = try String(contentsOf: outputFile, encoding: .utf8)
        guard process.terminationStatus == 0 else {
            throw Failure(
                status: process.terminationStatus, standardError: try String(contentsOf: errorFile, encoding: .utf8))
        }
        return output
    }
}
