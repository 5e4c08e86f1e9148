import Foundation
import Testing

/// The `Tmux` helper checked against plain commands, so it is known to work before the app
/// exists. Skipped (and reported as skipped) when tmux is not installed.
@Suite("Tmux helper", .enabled(if: Tmux.isInstalled, "tmux is not installed: end-to-end tests need it (apt-get install tmux)"))
struct TmuxSelfTests {
    @Test("runs a command at the requested size with a UTF-8 locale and the given environment")
    func startAndCapture() throws {
        let tmux = Tmux()
        defer { tmux.kill() }
        try tmux.start(command: #"printf '%s|%s|%s|%s\n' "$LANG" "$SWIFT_BACKTRACE" "$FUNNEL_X" "$(tput cols)x$(tput lines)"; printf 'Zoë 山田太郎 🚀|\n'; sleep 30"#,
                       width: 50, height: 12, env: ["FUNNEL_X": "it's here"])
        let screen = try tmux.waitFor(text: "🚀|")
        #expect(screen.contains("C.UTF-8|interactive=no|it's here|50x12"))
        #expect(screen.contains("Zoë 山田太郎 🚀|"))
        #expect(try tmux.paneInfo("#{pane_width}x#{pane_height}") == "50x12")
        #expect(screen.split(separator: "\n", omittingEmptySubsequences: false).count >= 12)
    }

    @Test("sends literal text and named keys; reports a clean exit")
    func keysAndExit() throws {
        let tmux = Tmux()
        defer { tmux.kill() }
        // cat echoes each line back; the tty echoes it as typed too.
        try tmux.start(command: "cat", width: 40, height: 8)
        try tmux.send("Enter is literal", .enter, "zoë 山", .enter)
        try tmux.waitFor("each line twice") { screen in
            screen.components(separatedBy: "Enter is literal").count == 3
                && screen.components(separatedBy: "zoë 山").count == 3
        }
        try tmux.send(.ctrl("d"))
        #expect(try tmux.waitForExit() == Tmux.Exit(status: 0, ttyModesRestored: true))
    }

    @Test("reports exit statuses, signals and changed tty modes")
    func exitStatuses() throws {
        let failing = Tmux()
        defer { failing.kill() }
        try failing.start(command: "echo last words; exit 3")
        let failed = try failing.waitForExit()
        #expect(failed.status == 3 && failed.signal == nil && failed.ttyModesRestored)
        #expect(try failing.capture().contains("last words"), "output before a quick exit is kept")

        let killed = Tmux()
        defer { killed.kill() }
        try killed.start(command: "echo started; exec sleep 30")
        try killed.waitFor(text: "started")
        #expect(try killed.exitIfEnded() == nil)
        let pid = try killed.commandPID()
        #expect(Foundation.kill(pid, SIGTERM) == 0)
        let exit = try killed.waitForExit()
        #expect(exit.status == 128 + SIGTERM && exit.signal == SIGTERM)

        let careless = Tmux()
        defer { careless.kill() }
        try careless.start(command: "stty raw -echo")
        let leftRaw = try careless.waitForExit()
        #expect(leftRaw.status == 0 && !leftRaw.ttyModesRestored)
        #expect(try !careless.terminalRestored())
    }

    @Test("tells whether a program left the terminal restored")
    func restoredOrNot() throws {
        let fullScreen = Tmux()
        defer { fullScreen.kill() }
        try fullScreen.start(command: "tput smcup; tput civis; echo inside; sleep 30")
        try fullScreen.waitFor(text: "inside")
        #expect(try fullScreen.isAlternateScreen())
        #expect(try !fullScreen.isCursorVisible())
        #expect(try !fullScreen.terminalRestored(), "still running")

        let polite = Tmux()
        defer { polite.kill() }
        try polite.start(command: "tput smcup; tput civis; echo inside; tput rmcup; tput cnorm; echo done")
        #expect(try polite.waitForExit().status == 0)
        #expect(try polite.terminalRestored())
        let screen = try polite.capture()
        #expect(screen.contains("done") && !screen.contains("inside"), "the alternate screen's text is gone")
    }

    @Test("waitFor gives up after the timeout and shows the screen")
    func timeout() throws {
        let tmux = Tmux()
        defer { tmux.kill() }
        try tmux.start(command: "echo nothing-to-see; sleep 30")
        try tmux.waitFor(text: "nothing-to-see")
        let start = ContinuousClock.now
        do {
            try tmux.waitFor(text: "never shown", timeout: .milliseconds(300))
            Issue.record("waitFor should have thrown")
        } catch let failure as Tmux.Failure {
            #expect(failure.description.contains("never shown"))
            #expect(failure.description.contains("nothing-to-see"))
        }
        #expect(ContinuousClock.now - start < .seconds(3))
    }

    @Test("kill stops the private server")
    func kill() throws {
        let tmux = Tmux()
        try tmux.start(command: "sleep 30")
        #expect(try tmux.paneInfo("#{session_name}") == "funnel")
        tmux.kill()
        #expect(throws: Tmux.Failure.self) { try tmux.capture() }
        tmux.kill()  // idempotent
    }

    @Test("finds the built funnel binary next to the test bundle")
    func builtFunnel() throws {
        let path = try BuiltProducts.funnel()
        #expect(path.hasSuffix("/funnel"))
        #expect(FileManager.default.isExecutableFile(atPath: path))
        #expect(throws: Tmux.Failure.self) { try BuiltProducts.path(of: "no-such-product") }
        #expect("it's a path".shellQuoted == #"'it'\''s a path'"#)
    }
}
