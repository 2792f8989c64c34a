import ArgumentParser
import Foundation
import TrailGateBasics
import TrailGateConfig

/// A command's output formats; `standard` is the one used when neither an option nor the configuration names one.
protocol OutputFormat: CaseIterable, RawRepresentable, Sendable where RawValue == String {
    static var standard: Self { get }
}

/// `--format F`, also spelled `--output F` as in the AWS CLI. A file is `-o/--output-file`.
struct FormatOptions<Format: OutputFormat>: ParsableArguments {
    /// The format as given, remembering whether the user gave it, so the configuration's `format` applies only
    /// when no option names one.
    struct Choice: ExpressibleByArgument, Sendable {
        var format: Format
        var given: Bool

        init(format: Format, given: Bool) {
            self.format = format
            self.given = given
        }

        init?(argument: String) {
            guard let format = Format(rawValue: argument) else { return nil }
            self.init(format: format, given: true)
        }

        static var allValueStrings: [String] { Format.allCases.map(\.rawValue) }
        var defaultValueDescription: String { format.rawValue }
    }

    @Option(
        name: [.customLong("format"), .customLong("output")],
        help: ArgumentHelp(
            "Output format; --output is the same option, as in the AWS CLI (to write a file, use -o/--output-file).",
            valueName: "format"))
    var choice = Choice(format: .standard, given: false)

    /// The format of the option, else the configuration's when this command offers it, else the standard one.
    func format(_ configuration: Configuration) -> Format {
        if choice.given { return choice.format }
        return configuration.format.flatMap(Format.init(rawValue:)) ?? choice.format
    }
}

/// `-o/--output-file FILE`: where a command's result goes instead of standard output.
struct OutputFileOptions: ParsableArguments {
    @Option(
        name: [.customShort("o"), .customLong("output-file")],
        help: ArgumentHelp("Write the result to this file instead of standard output.", valueName: "file"))
    var outputFile: String?

    /// Writes `text` to the file (never over one of `inputs`), or to standard output.
    func write(_ text: String, inputs: [String] = []) throws(CLIFailure) {
        try ResultOutput.write(text, toFile: outputFile, inputs: inputs)
    }

    /// A sink for a result written in pieces as it is produced (query rows): the file, created or emptied now
    /// (never one of `inputs`), or standard output.
    func sink(inputs: [String] = []) throws(CLIFailure) -> ResultSink {
        guard let path = outputFile else { return ResultSink(file: nil) }
        try ResultOutput.refuseOverwriting(inputs, with: path)
        guard FileManager.default.createFile(atPath: path, contents: nil),
            let handle = FileHandle(forWritingAtPath: path)
        else {
            throw CLIFailure.invalidInput("cannot write \(path): \(String(cString: strerror(errno)))")
        }
        return ResultSink(file: (path, handle))
    }
}

/// Where a result goes piece by piece: a file of `-o/--output-file`, else standard output.
struct ResultSink {
    let file: (path: String, handle: FileHandle)?

    /// Appends `text`.
    func write(_ text: String) throws(CLIFailure) {
        guard let file else { return try StandardOutput.write(text) }
        do {
            try file.handle.write(contentsOf: Data(text.utf8))
        } catch {
            throw CLIFailure.invalidInput("cannot write \(file.path): \(SystemErrorReason.of(error))")
        }
    }

    /// Closes the file, if any.
    func close() {
        try? file?.handle.close()
    }
}
