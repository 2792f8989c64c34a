import ArgumentParser
import EventStore
import Foundation

/// `--wide`: how much of each value a results table shows.
struct TableWidthOptions: ParsableArguments {
    @Flag(
        help:
            "Never cut table values. Without it, values over 80 characters are cut in the middle on a terminal (never in a pipe or file)."
    )
    var wide = false

    /// The most characters of a table cell written to `sink`: ``ResultFormatter/terminalCellLimit`` on a terminal,
    /// none with `--wide` or when the table goes to a pipe or a file.
    func cellLimit(for sink: ResultSink) -> Int? {
        !wide && sink.file == nil && isatty(STDOUT_FILENO) == 1 ? ResultFormatter.terminalCellLimit : nil
    }
}
