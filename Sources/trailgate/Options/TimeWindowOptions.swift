import ArgumentParser
import Foundation
import TrailGateBasics

/// `--since` and `--until`: the time window of the commands that read events.
struct TimeWindowOptions: ParsableArguments {
    @Option(
        help: ArgumentHelp(
            "Only events at or after this time: 2024-03-01T10:00:00Z (or +02:00), 2024-03-01, \"2024-03-01 10:00\" (UTC), or an age: 30m, 24h, 7d, 2w.",
            valueName: "time"))
    var since: String?

    @Option(
        help: ArgumentHelp(
            "Only events at or before this time, in the same forms (a date alone means its last second).",
            valueName: "time"))
    var until: String?

    /// The window in Unix seconds, ages counted back from `now`; a value that is not a time, or a window that ends
    /// before it starts, is a usage error naming the option.
    func window(now: Timestamp = Timestamp(Date())) throws(CLIFailure) -> (since: Int?, until: Int?) {
        var since: Timestamp?
        var until: Timestamp?
        if let text = self.since { since = try TimeOption.parse(text, option: "--since", bound: .lower, now: now) }
        if let text = self.until { until = try TimeOption.parse(text, option: "--until", bound: .upper, now: now) }
        if let since, let until, since > until {
            throw CLIFailure.invalidInput("--since \(since) is after --until \(until)")
        }
        return (since.map { Int($0.seconds) }, until.map { Int($0.seconds) })
    }
}

/// Reads the value of a time option with ``TimeArgument``, the one time parser of every command.
enum TimeOption {
    /// The instant of `text`; anything else is one line naming `option` and the accepted forms (exit 2).
    static func parse(_ text: String, option: String, bound: TimeBound, now: Timestamp) throws(CLIFailure)
        -> Timestamp
    {
        guard let time = TimeArgument.parse(text, bound: bound, now: now) else {
            throw CLIFailure.invalidInput(
                "\(option) \"\(text.escapingControlCharacters())\": not a time; use \(TimeArgument.acceptedForms)")
        }
        return time
    }
}
