import CNcursesw
import CShims
@testable import FunnelTerminal
import FunnelUI
import Testing
#if canImport(Glibc)
import Glibc
#endif

/// Keys read by the real terminal from a pseudo-terminal: a bare Esc, Esc and a key typed
/// together (Alt), and an arrow key's whole sequence. In the signal tests' suite because both
/// use the process's one signal pipe and ncurses' one screen, which must not overlap.
extension SignalTests {
    @Test("ESCDELAY for the next read: none when at most the ESC itself is buffered")
    func escapeDelayChoice() {
        #expect(NcursesTerminal.escapeDelay(buffered: 0) == 0)
        #expect(NcursesTerminal.escapeDelay(buffered: 1) == 0)
        #expect(NcursesTerminal.escapeDelay(buffered: 2) == NcursesTerminal.escapeDelayMilliseconds)
        #expect(NcursesTerminal.escapeDelay(buffered: 7) == NcursesTerminal.escapeDelayMilliseconds)
    }

    @Test("bare Esc, Alt-x, keys around Esc and an arrow key, from a pseudo-terminal")
    func keysFromPseudoTerminal() throws {
        let pty = try PseudoTerminal()
        let savedTerm = getenv("TERM").map { String(cString: $0) }
        let savedDelay = getenv("ESCDELAY").map { String(cString: $0) }
        setenv("TERM", "xterm-256color", 1)
        unsetenv("ESCDELAY")
        defer {
            if let savedTerm { setenv("TERM", savedTerm, 1) } else { unsetenv("TERM") }
            if let savedDelay { setenv("ESCDELAY", savedDelay, 1) }
        }
        let terminal = try NcursesTerminal.start(input: pty.slave, output: pty.slave)
        defer { terminal.stop() }

        func keys(after bytes: [UInt8], count: Int) -> [TerminalEvent] {
            pty.type(bytes)
            var events: [TerminalEvent] = []
            while events.count < count, let event = terminal.nextEvent(timeout: 2000) {
                pty.drain()
                events.append(event)
            }
            return events
        }

        #expect(keys(after: [27], count: 1) == [.key(.escape)])
        #expect(keys(after: [27, UInt8(ascii: "x")], count: 2) == [.key(.escape), .key(.char("x"))])
        #expect(keys(after: [UInt8(ascii: "j"), 27], count: 2) == [.key(.char("j")), .key(.escape)])
        #expect(keys(after: [27, 27], count: 2) == [.key(.escape), .key(.escape)])
        // The arrow key as this terminal type sends it (keypad mode), in one write.
        let up = try #require(tigetstr("kcuu1"))
        try #require(Int(bitPattern: up) != -1)
        let sequence = Array(String(cString: up).utf8)
        #expect(sequence.first == 27 && sequence.count > 1)
        #expect(keys(after: sequence, count: 1) == [.key(.up)])
        #expect(keys(after: sequence + [27], count: 2) == [.key(.up), .key(.escape)])
    }
}

/// A pseudo-terminal pair: the test types on the master side, the terminal reads the slave.
private final class PseudoTerminal {
    let master: Int32
    let slave: Int32

    init() throws {
        var master: Int32 = -1, slave: Int32 = -1
        try #require(funnel_open_pseudo_terminal(&master, &slave) == 0)
        self.master = master
        self.slave = slave
        var size = winsize(ws_row: 10, ws_col: 40, ws_xpixel: 0, ws_ypixel: 0)
        _ = ioctl(master, UInt(TIOCSWINSZ), &size)
        _ = fcntl(master, F_SETFL, fcntl(master, F_GETFL) | O_NONBLOCK)
    }

    deinit {
        close(slave)
        close(master)
    }

    /// Writes the bytes in one write, as a terminal sends one key.
    func type(_ bytes: [UInt8]) {
        drain()
        _ = bytes.withUnsafeBytes { write(master, $0.baseAddress, $0.count) }
    }

    /// Reads away what ncurses wrote, so its writes never block on a full buffer.
    func drain() {
        var buffer = [UInt8](repeating: 0, count: 4096)
        while read(master, &buffer, buffer.count) > 0 {}
    }
}
