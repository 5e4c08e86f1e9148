import Foundation
import Testing

/// The real `funnel` binary in a real terminal (tmux, 80×24) on a temporary store: a recruiter's
/// session from the keyboard, checked afterwards with `funnel show --json`; and the terminal
/// given back intact however the board ends.
@Suite(.serialized) struct BoardInTmuxTests {
    /// The demo desk, built by `funnel demo` from sample-data/ at the pinned time.
    func demoDesk(_ workspace: Workspace) throws {
        try workspace.buildDemoDesk()
    }

    /// The id of the only candidate `funnel search` finds for `text`.
    func candidateID(_ workspace: Workspace, search text: String) throws -> Int64 {
        let found = try workspace.funnel(["search", text, "--db", workspace.db, "--json"])
        let rows = try JSONSerialization.jsonObject(with: Data(found.stdout.utf8)) as? [[String: Any]] ?? []
        guard rows.count == 1, let id = (rows[0]["id"] as? NSNumber)?.int64Value else {
            throw Tmux.Failure(description: "expected one match for \(text), got \(found.stdout) \(found.stderr)")
        }
        return id
    }

    /// The board has ended and the terminal is the shell's again: main screen (showing what was
    /// printed before the board), cursor visible, tty modes exactly as before (`stty -g`).
    @discardableResult
    func expectTerminalRestored(_ tmux: Tmux, sourceLocation: SourceLocation = #_sourceLocation) throws -> Tmux.Exit {
        let exit = try tmux.waitForExit(timeout: Workspace.patience)
        #expect(exit.ttyModesRestored, "tty modes changed: \(exit)", sourceLocation: sourceLocation)
        #expect(try !tmux.isAlternateScreen(), "still on the alternate screen", sourceLocation: sourceLocation)
        #expect(try tmux.isCursorVisible(), "the cursor is hidden", sourceLocation: sourceLocation)
        #expect(try tmux.terminalRestored(), sourceLocation: sourceLocation)
        #expect(try tmux.capture().contains(Workspace.before), "the shell's screen did not come back", sourceLocation: sourceLocation)
        return exit
    }

    @Test func triageTheDemoDeskFromTheKeyboard() throws {
        let workspace = try Workspace()
        defer { workspace.remove() }
        try demoDesk(workspace)
        let id = try candidateID(workspace, search: "山田")
        let before = try workspace.show(id)
        let beforeCandidate = try #require(before["candidate"] as? [String: Any])
        #expect(beforeCandidate["stage"] as? String == "awareness")
        let historyBefore = try #require(before["stage_history"] as? [[String: Any]])
        let touchesBefore = try #require(before["touches"] as? [[String: Any]])
        let rolesBefore = try #require(before["future_roles"] as? [[String: Any]])

        let tmux = try workspace.board()
        try tmux.wait("? help  : commands")
        try tmux.wait("Awareness")

        // Find them by name and open them.
        try tmux.type("/")
        try tmux.wait(" Search:")
        try tmux.type("山田")
        try tmux.wait("1 match")
        try tmux.wait("山田 太郎")
        try tmux.press("Enter")
        try tmux.wait("山田 太郎  #\(id) · Awareness · active")

        // Two stages on.
        try tmux.type(">")
        try tmux.wait("Moved 山田 太郎 to Consideration")
        try tmux.type(">")
        try tmux.wait("Moved 山田 太郎 to Conversion")
        try tmux.wait("#\(id) · Conversion · active")

        // A touch: phone (their preferred channel), left voicemail, a note, follow up in 3 days.
        try tmux.type("n")
        try tmux.wait("Log a touch with 山田 太郎")
        try tmux.wait("Channel ◀ phone ▶")
        try tmux.press("Tab", "Tab")
        try tmux.type("l")
        try tmux.wait("Outcome ◀ left voicemail ▶")
        try tmux.press("Tab")
        try tmux.type("Voicemail about the Berlin data role")
        try tmux.wait("Note Voicemail about the Berlin data role")
        try tmux.press("Tab", "C-u")
        try tmux.type("3d")
        try tmux.wait("Follow up 3d")
        try tmux.press("Enter")
        try tmux.wait("Logged phone for 山田 太郎, follow up 2026-11-25")

        // A future role, then undo it.
        try tmux.type("f")
        try tmux.wait("If you called 山田 太郎 about a role one day")
        try tmux.press("C-u")
        try tmux.type("Staff Data Engineer")
        try tmux.press("Tab", "C-u")
        try tmux.type("Lisbon")
        try tmux.wait("Location Lisbon")
        try tmux.press("Enter")
        try tmux.wait("Future role for 山田 太郎: Staff Data Engineer in Lisbon")
        try tmux.type("u")
        try tmux.wait("Undid future role")

        // Back to the results, back to the board, quit.
        try tmux.press("Escape")
        try tmux.wait(" Search: 山田")
        try tmux.press("Escape")
        try tmux.wait("? help  : commands")
        try tmux.type("q")
        let exit = try expectTerminalRestored(tmux)
        #expect(exit.status == 0)

        // Exactly the expected changes, as `funnel show --json` reports them.
        let after = try workspace.show(id)
        let candidate = try #require(after["candidate"] as? [String: Any])
        #expect(candidate["stage"] as? String == "conversion")
        #expect(candidate["status"] as? String == "active")
        #expect(candidate["next_follow_up"] as? String == "2026-11-25")  // FUNNEL_NOW's day + 3
        #expect(candidate["last_touch_at"] as? String == Workspace.now)

        let history = try #require(after["stage_history"] as? [[String: Any]])
        #expect(history.count == historyBefore.count + 2)
        let moves = history.suffix(2)
        #expect(moves.map { $0["from"] as? String } == ["awareness", "consideration"])
        #expect(moves.map { $0["to"] as? String } == ["consideration", "conversion"])
        #expect(moves.allSatisfy { $0["at"] as? String == Workspace.now })

        let touches = try #require(after["touches"] as? [[String: Any]])
        #expect(touches.count == touchesBefore.count + 1)
        let touch = try #require(touches.first)
        #expect(touch["channel"] as? String == "phone")
        #expect(touch["direction"] as? String == "out")
        #expect(touch["outcome"] as? String == "left_voicemail")
        #expect(touch["note"] as? String == "Voicemail about the Berlin data role")
        #expect(touch["at"] as? String == Workspace.now)
        // Every earlier touch is untouched.
        #expect(NSArray(array: Array(touches.dropFirst())).isEqual(to: touchesBefore))

        // The future role was undone: the answers are exactly those from before.
        let roles = try #require(after["future_roles"] as? [[String: Any]])
        #expect(NSArray(array: roles).isEqual(to: rolesBefore))
        #expect(roles.first?["title"] as? String == "Data Engineer")
    }

    enum Ending: String, CaseIterable, Sendable {
        case quitKey, sigterm, sigint, sighup, ctrlC

        /// The status a shell sees: 0 after q or Ctrl-C (a key: the terminal runs raw), 128 + n
        /// after signal n, as shells expect of a program a signal ended.
        var expectedStatus: Int32 {
            switch self {
            case .quitKey, .ctrlC: 0
            case .sigterm: 128 + SIGTERM
            case .sigint: 128 + SIGINT
            case .sighup: 128 + SIGHUP
            }
        }
    }

    /// However the board ends, the shell gets its terminal back.
    @Test(arguments: Ending.allCases)
    func theTerminalIsRestored(ending: Ending) throws {
        let workspace = try Workspace()
        defer { workspace.remove() }
        try demoDesk(workspace)
        let tmux = try workspace.board()
        try tmux.wait("? help  : commands")
        #expect(try tmux.isAlternateScreen())
        // Leave a form open and changed, to show nothing waits on it.
        try tmux.type("a")
        try tmux.wait("Add a candidate")
        try tmux.type("Half typed")
        try tmux.wait("First name* Half typed")
        let pid = try tmux.commandPID()
        switch ending {
        case .quitKey:
            try tmux.press("Escape")
            try tmux.wait("Discard your changes?")
            try tmux.type("y")
            try tmux.waitUntilGone("Add a candidate")
            try tmux.type("q")
        case .sigterm: #expect(kill(pid, SIGTERM) == 0)
        case .sigint: #expect(kill(pid, SIGINT) == 0)
        case .sighup: #expect(kill(pid, SIGHUP) == 0)
        case .ctrlC: try tmux.press("C-c")
        }
        // The board handled the signal: a death by signal would leave the tty raw, the alternate
        // screen on and the cursor hidden, which expectTerminalRestored refuses. It then exits
        // with 128 + n itself (the shell's $? cannot tell that from a death by signal).
        let exit = try expectTerminalRestored(tmux)
        #expect(exit.status == ending.expectedStatus, "\(ending): \(exit)")
        // Nothing was added by the half-typed form.
        let found = try workspace.funnel(["search", "Half typed", "--db", workspace.db, "--json"])
        let rows = try JSONSerialization.jsonObject(with: Data(found.stdout.utf8)) as? [Any]
        #expect(rows?.isEmpty == true)
    }

    @Test func resizingTheTerminalRedrawsAndTooSmallSaysSo() throws {
        let workspace = try Workspace()
        defer { workspace.remove() }
        try demoDesk(workspace)
        let tmux = try workspace.board()
        try tmux.wait("? help  : commands")
        try tmux.resize(width: 50, height: 12)
        try tmux.wait("Terminal too small")
        try tmux.wait("need 60×16, have 50×12")
        try tmux.resize(width: 120, height: 30)
        let screen = try tmux.wait(for: "the board at 120 columns") { $0.first?.hasSuffix("? help  : commands") == true && $0.first!.count > 100 }
        #expect(screen.count == 30)
        try tmux.type("q")
        try expectTerminalRestored(tmux)
        // After a resize, tmux 3.3 carried rows of the alternate screen's last frame onto the
        // shell's screen on the way out; funnel now blanks the alternate screen before leaving it.
        let shell = try tmux.rows()
        #expect(!shell.contains { $0.contains("│") }, "board rows on the shell's screen:\n\(shell.joined(separator: "\n"))")
    }
}
