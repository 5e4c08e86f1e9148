import CShims
import FunnelTerminal
import Testing
#if canImport(Glibc)
import Glibc
#endif

@Suite("Signal self-pipe and start-up checks", .serialized)
struct SignalTests {
    /// The next signal byte, waiting up to two seconds for it (delivery is asynchronous).
    func nextSignal() -> Int32 {
        var fds = [pollfd(fd: funnel_signals_fd(), events: Int16(POLLIN), revents: 0)]
        _ = poll(&fds, 1, 2000)
        return funnel_signals_next()
    }

    /// Waits a little, then reads whatever is there (for checking that nothing arrives).
    func signalAfterPause() -> Int32 {
        var fds = [pollfd(fd: funnel_signals_fd(), events: Int16(POLLIN), revents: 0)]
        _ = poll(&fds, 1, 200)
        return funnel_signals_next()
    }

    @Test("SIGTERM and SIGHUP arrive as bytes; SIGINT can be held back; uninstall restores")
    func selfPipe() throws {
        #expect(funnel_signals_fd() == -1)
        try #require(funnel_signals_install() == 0)
        defer { funnel_signals_uninstall() }
        #expect(funnel_signals_fd() >= 0)
        #expect(funnel_signals_install() == 0, "idempotent")
        #expect(funnel_signals_next() == 0)

        #expect(funnel_raise(SIGTERM) == 0)
        #expect(funnel_raise(SIGHUP) == 0)
        let first = nextSignal(), second = nextSignal()
        #expect(Set([first, second]) == [SIGTERM, SIGHUP])
        #expect(funnel_signals_next() == 0)

        funnel_signals_drop_interrupt(1)
        #expect(funnel_raise(SIGINT) == 0)
        #expect(signalAfterPause() == 0, "dropped while a child owns the terminal")
        funnel_signals_drop_interrupt(0)
        #expect(funnel_raise(SIGINT) == 0)
        #expect(nextSignal() == SIGINT)

        funnel_signals_uninstall()
        #expect(funnel_signals_fd() == -1)
        var action = sigaction()
        sigaction(SIGTERM, nil, &action)
        #expect(action.__sigaction_handler.sa_handler == nil, "SIGTERM back to SIG_DFL")
    }

    @Test("SIGWINCH wakes the loop and still reaches the handler ncurses installed")
    func winchChain() throws {
        var previous = sigaction()
        var stand_in = sigaction()
        stand_in.__sigaction_handler.sa_handler = { _ in winchCount.add() }
        sigemptyset(&stand_in.sa_mask)
        sigaction(SIGWINCH, &stand_in, &previous)  // plays the part of ncurses' handler
        defer { sigaction(SIGWINCH, &previous, nil) }

        try #require(funnel_signals_install() == 0)
        defer { funnel_signals_uninstall() }
        funnel_signals_chain_winch()
        let before = winchCount.value
        #expect(funnel_raise(SIGWINCH) == 0)
        #expect(nextSignal() == SIGWINCH)
        #expect(winchCount.value == before + 1)

        funnel_signals_uninstall()
        var now = sigaction()
        sigaction(SIGWINCH, nil, &now)
        #expect(unsafeBitCast(now.__sigaction_handler.sa_handler, to: Int.self)
                == unsafeBitCast(stand_in.__sigaction_handler.sa_handler, to: Int.self),
                "uninstall puts ncurses' handler back")
    }

    @Test("start() refuses without a TTY, with the message users see",
          .enabled(if: isatty(STDIN_FILENO) == 0 || isatty(STDOUT_FILENO) == 0,
                   "stdin and stdout are both TTYs here"))
    func notATerminal() {
        #expect(throws: TerminalError.notATerminal) { try NcursesTerminal.start() }
        #expect(TerminalError.notATerminal.description == "funnel needs a terminal (stdin and stdout must be a TTY)")
        #expect(funnel_signals_fd() == -1, "nothing installed on failure")
    }
}

/// Counts calls of the stand-in SIGWINCH handler (a C function pointer cannot capture).
final class SignalCounter: @unchecked Sendable {
    private let storage = UnsafeMutablePointer<sig_atomic_t>.allocate(capacity: 1)
    init() { storage.initialize(to: 0) }
    func add() { storage.pointee += 1 }
    var value: sig_atomic_t { storage.pointee }
}

let winchCount = SignalCounter()
