import ArgumentParser
import Foundation
import FunnelApp
import FunnelCore
import FunnelStore

/// `funnel demo`: a fictional desk to try Funnel on, in a store of its own.
struct DemoCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "demo",
        abstract: "Build the demo store from sample-data/desk.json and open the board on it.",
        discussion: """
            The demo store is separate from your desk: by default \
            $XDG_DATA_HOME/funnel/demo.sqlite (~/.local/share/funnel/demo.sqlite); $FUNNEL_DB is \
            not used. Every date in the sample data is relative, so the demo always has people due \
            today, overdue, and due for re-engagement. Running demo again rebuilds it from scratch \
            (the file is replaced atomically). A file at the path that is not a demo store — your \
            real desk, say — is never overwritten: demo refuses (exit 5) and changes nothing.

            The sample data is found with --from, else $FUNNEL_SAMPLE_DATA, else by looking for \
            sample-data/desk.json above the current folder and above the funnel executable.

            Examples:
              swift run funnel demo
              funnel demo --db /tmp/demo.sqlite --no-open
              funnel --db ~/.local/share/funnel/demo.sqlite      (open the demo again without rebuilding)
            """,
        version: Funnel.version)

    /// The shared `--db` (ArgumentParser hands every command the same StoreOptions), read here
    /// with the demo's own default.
    @OptionGroup var store: StoreOptions
    @Option(help: ArgumentHelp("The sample desk to load: a desk.json file or a folder holding one.", valueName: "path"))
    var from: String?
    @Flag(name: .customLong("no-open"), help: "Build the store but do not open the board.") var noOpen = false

    func run() throws {
        let path = StoreLocation.demo(db: store.db)
        let source = try DemoSource.locate(from: from)
        let desk = try DemoDesk.load(contentsOf: source)
        let moment = try AppClock.moment()
        let summary = try Store.buildDemo(at: path, from: desk, moment: moment)
        print("Demo store: \(path)")
        print(Self.describe(summary))
        fflush(nil) // the summary is on screen before the board takes the terminal
        if !noOpen && isInteractive() {
            try openBoard(storePath: path)
        } else if !noOpen {
            print("Open it with: funnel --db \(path)")
        }
    }

    /// "Built the demo desk of Ana Pereira: 320 candidates, …; 9 follow-ups due today, 14 overdue."
    static func describe(_ s: DemoSummary) -> String {
        func n(_ count: Int, _ word: String) -> String { "\(count) \(word)\(count == 1 ? "" : "s")" }
        let owner = s.recruiter.map { " of \($0)" } ?? ""
        return "Built the demo desk\(owner): \(n(s.candidates, "candidate")), \(n(s.touches, "touch").replacingOccurrences(of: "touchs", with: "touches")), "
            + "\(n(s.futureRoles, "future role")), \(n(s.openings, "opening")), \(n(s.templates, "template")); "
            + "\(n(s.dueToday, "follow-up")) due today, \(s.overdue) overdue."
    }
}

