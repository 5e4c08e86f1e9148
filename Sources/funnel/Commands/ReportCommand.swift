import ArgumentParser
import Foundation
import FunnelApp
import FunnelCore
import FunnelStore

/// `funnel report`: the funnel overview (docs/rules.md "## Report" defines every figure).
struct ReportCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "report",
        abstract: "The funnel overview: counts, conversion, time in stage, stale and due, touches, reply rates, future roles, placements.",
        discussion: """
            The period is the last 90 days (today included) unless --since/--until say otherwise: \
            calendar days in your time zone, both included. Counts "now" (per stage, per status, stale, \
            due, future roles) do not depend on the period.
            """)

    @OptionGroup var store: StoreOptions

    @Option(help: ArgumentHelp("First day of the period, included (default: 89 days before --until).", valueName: "YYYY-MM-DD"))
    var since: String?

    @Option(help: ArgumentHelp("Last day of the period, included (default: today).", valueName: "YYYY-MM-DD"))
    var until: String?

    @Flag(help: "Print every figure as JSON (shape in docs/cli.md, section report).")
    var json = false

    @Flag(help: "Print the tables as one CSV: table,row,column,value.")
    var csv = false

    @Flag(help: "With --csv: write cells as they are, without the ' that keeps a spreadsheet from running =, +, -, @ cells as formulas (dangerous to open in a spreadsheet).")
    var raw = false

    func run() throws {
        if json && csv { throw FunnelError.invalid("choose one of --json and --csv") }
        if raw && !csv { throw FunnelError.invalid("--raw applies to --csv only") }
        let moment = try AppClock.moment()
        let period = try ReportPeriod.resolve(since: since, until: until, today: moment.today)
        // The due figures follow the configured rules, like `funnel due` and the Today screen.
        let config = try Config.load()
        let report = try store.open().report(period: period, moment: moment,
                                             rules: ReportRules(staleDays: config.rules.staleAfterDays,
                                                                reengagementDays: config.rules.reengageAfterDays),
                                             dueRules: config.rules)
        if json {
            try JSONOutput.print(report)
        } else if csv {
            print(try ReportCSV.render(report, guardFormulas: !raw), terminator: "")
        } else {
            let environment = ProcessInfo.processInfo.environment
            let text = ReportText(charset: TerminalText.charset(environment), width: TerminalText.columns(environment))
            print(text.render(report), terminator: "")
        }
    }
}

/// What the terminal can show, from the environment: plain ASCII when NO_COLOR is set or the
/// locale is not UTF-8 (no-color.org; POSIX LC_ALL > LC_CTYPE > LANG).
enum TerminalText {
    static func charset(_ environment: [String: String]) -> ReportText.Charset {
        if let noColor = environment["NO_COLOR"], !noColor.isEmpty { return .ascii }
        let locale = ["LC_ALL", "LC_CTYPE", "LANG"].lazy.compactMap { environment[$0] }.first { !$0.isEmpty } ?? ""
        let folded = locale.uppercased()
        return folded.contains("UTF-8") || folded.contains("UTF8") ? .unicode : .ascii
    }

    /// $COLUMNS, else the terminal's width when stdout is one, else 80.
    static func columns(_ environment: [String: String]) -> Int {
        if let text = environment["COLUMNS"], let columns = Int(text), columns > 0 { return columns }
        var size = winsize()
        if isatty(STDOUT_FILENO) == 1, ioctl(STDOUT_FILENO, UInt(TIOCGWINSZ), &size) == 0, size.ws_col > 0 {
            return Int(size.ws_col)
        }
        return 80
    }
}
