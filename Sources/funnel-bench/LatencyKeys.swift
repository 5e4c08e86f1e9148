import Foundation

/// The keys the latency benchmark presses in the real `funnel`, in a recruiter's order, each
/// timed from sending it to the last byte of its frame (ControlClient). Keys that only set up
/// the next measured one (`g` after `G`, `Esc` after the report) are pressed the same way but
/// not kept. Writes (a move and its undo, a Today log) change the desk copy, never the source.
struct LatencyKeys {
    let client: ControlClient
    let funnel: String
    let desk: LatencyDesk
    let presses: Int
    /// Typed into the search letter by letter.
    let word: String
    let results: LatencyResults

    /// What each screen shows once drawn (its hints or title), so a frame is known to be the right one.
    enum Shows {
        static let board = "hjkl/arrows move"
        static let candidate = "n log · N note · f future role"
        static let search = "type to search"
        static let today = " Today "
        static let todayHints = "1 no answer · 2 voicemail"
        static let report = "Ctrl-R recompute"
        static let form = "Enter save · Tab"
        /// The status line after a change that can be undone (a log, a move).
        static let undoable = "u undoes"
        static let undone = "Undid "
    }

    private func record(_ name: String, _ nanoseconds: UInt64) {
        results.record(name, .key, size: desk.candidates, nanoseconds)
    }

    private func repeated(_ body: (Int) throws -> Void) throws {
        for index in 0..<presses { try body(index) }
    }

    /// The floors, then every key; the pane starts running `cat` and ends running funnel.
    func run() throws {
        let size = desk.candidates
        log("  harness floors")
        try repeated { _ in results.record("floor: a control-mode command round trip (display-message)", .floor, size: size, try client.roundTrip()) }
        try repeated { _ in results.record("floor: a key echoed by `cat` in the pane (tty echo → %output)", .floor, size: size, try client.press(.text("x"))) }

        log("  start")
        let start = "respawn-pane -k -t \(client.pane) " + ([funnel, "--db", desk.copy].map(ControlClient.quoted).joined(separator: " "))
        // The first open of a desk can do one-time work (a stored vocabulary fingerprint other than
        // the binary's re-keys every future-role answer: ~80 s on the 1M desk), so it is a row of its own.
        record("start, the first on this desk copy (one-time work included)", try client.measure(start, what: "start", expect: Shows.board))
        try client.type(.text("q"))
        try repeated { index in
            record("start: process start → first full frame (page cache warm)", try client.measure(start, what: "start", expect: Shows.board))
            if index < presses - 1 { try client.type(.text("q")) }
        }

        log("  board keys")
        try repeated { _ in record("`j` (next card)", try client.press(.text("j"))) }
        try repeated { _ in
            record("`G` (bottom of the column)", try client.press(.text("G")))
            try client.type(.text("g"))
        }
        try repeated { _ in
            record("`Enter` (open a candidate)", try client.press(.named("Enter"), expect: Shows.candidate))
            record("`Esc` (candidate → board)", try client.press(.named("Escape"), expect: Shows.board))
            try client.type(.text("j"))
        }

        log("  search")
        try repeated { _ in
            record("`/` (open the search)", try client.press(.text("/"), expect: Shows.search))
            for letter in word {
                record("type '\(word)' letter by letter, per keystroke", try client.press(.text(String(letter))))
            }
            try client.type(.named("Escape"), expect: Shows.board)
        }

        log("  Today")
        try repeated { _ in
            record("`t` (open Today)", try client.press(.text("t"), expect: Shows.todayHints))
            record("`2` on Today (the quick log form)", try client.press(.text("2"), expect: Shows.form))
            record("`Enter` on the form (log it, back to Today)", try client.press(.named("Enter"), expect: Shows.undoable))
            record("`Esc` (Today → board)", try client.press(.named("Escape"), expect: Shows.board))
        }

        log("  report")
        try repeated { _ in
            record("`R` (the report)", try client.press(.text("R"), expect: Shows.report))
            try client.type(.named("Escape"), expect: Shows.board)
        }

        log("  move")
        try repeated { _ in
            record("`>` (move to the next stage)", try client.press(.text(">"), expect: Shows.undoable))
            record("`u` (undo the move)", try client.press(.text("u"), expect: Shows.undone))
        }
        try client.type(.text("q"))
    }
}
