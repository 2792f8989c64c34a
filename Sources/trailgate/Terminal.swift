import Foundation

/// What standard output is connected to.
enum Terminal {
    /// True on a terminal, unless `NO_COLOR` is set (https://no-color.org) or `TERM` is `dumb`.
    static var supportsColour: Bool {
        let environment = ProcessInfo.processInfo.environment
        if let noColour = environment["NO_COLOR"], !noColour.isEmpty { return false }
        if environment["TERM"] == "dumb" { return false }
        return isatty(STDOUT_FILENO) == 1
    }
}
