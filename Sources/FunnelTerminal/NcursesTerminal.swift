import CNcursesw
import CShims
import FunnelUI
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The real terminal: ncursesw with wide characters, driven from one thread.
///
/// Lifecycle: `start()` → events and frames → `stop()`. `stop()` also runs from an `atexit`
/// hook and `deinit`, and a crash restores the tty from a signal handler (CShims), so the
/// user's shell is usable whatever happens. See ../shared/notes/ncurses-from-swift.md for the
/// measured facts behind each choice.
///
/// Input runs in raw mode: Ctrl-C, Ctrl-Z, Ctrl-S and Ctrl-Q arrive as keys. SIGINT, SIGTERM
/// and SIGHUP sent by `kill` arrive as `.signal` events through a self-pipe.
public final class NcursesTerminal: Terminal {
    private let screenHandle: OpaquePointer
    /// The descriptor keys are read from (stdin but in tests), and the FILEs opened for it.
    private let input: Int32
    private let files: [UnsafeMutablePointer<FILE>]
    private let useColor: Bool
    private let defaultColorsWork: Bool
    private let colorCount: Int
    private let maxPairs: Int

    private var lastFrame: Screen?
    private var needsFullRepaint = true
    /// Whether the screen has been suspended and resumed once (`present`, the first frame).
    private var resumedOnce = false
    private var pending: [TerminalEvent] = []
    private var stopped = false
    private var stdinClosed = false
    private var cursorVisible = false
    private var pairs: [PairKey: Int16] = [:]
    private var nextPair = 1
    private var glyphCache: [Character: [wchar_t]] = [:]
    /// Whether ESCDELAY is chosen per read from what is buffered (false when the user set it).
    private let adaptsEscapeDelay: Bool
    private var escapeDelayInForce = NcursesTerminal.escapeDelayMilliseconds

    private struct PairKey: Hashable {
        var fg: Color
        var bg: Color
    }

    nonisolated(unsafe) private static weak var current: NcursesTerminal?
    nonisolated(unsafe) private static var exitHookInstalled = false

    /// Whether colours are in use (false under NO_COLOR or on a terminal without colours).
    public var colorsEnabled: Bool { useColor }

    /// Takes over the terminal: alternate screen, raw keys, hidden cursor.
    ///
    /// Throws `TerminalError.notATerminal` unless stdin and stdout are TTYs and
    /// `.cannotInitialise` if ncurses does not know `$TERM` (it uses `newterm`, which reports
    /// instead of exiting like `initscr`). Only one may be active at a time.
    public static func start() throws -> NcursesTerminal {
        try start(input: STDIN_FILENO, output: STDOUT_FILENO)
    }

    /// `start()` on other descriptors than stdin and stdout: for tests on a pseudo-terminal.
    static func start(input: Int32, output: Int32) throws -> NcursesTerminal {
        guard isatty(input) == 1, isatty(output) == 1 else {
            throw TerminalError.notATerminal
        }
        // Before anything else: without a UTF-8 locale wide output is mojibake and wcwidth
        // answers -1 for every non-ASCII character.
        setlocale(LC_ALL, "")
        if !localeIsUTF8() { setlocale(LC_CTYPE, "C.UTF-8") }

        // Our handlers must exist before newterm, or ncurses installs its own for SIGINT and
        // SIGTERM, which exit(1) without our cleanup.
        guard funnel_signals_install() == 0 else {
            throw TerminalError.signalSetupFailed(errno: errno)
        }
        // Other descriptors get FILEs of their own (on duplicates, closed by `stop()`).
        let standard = input == STDIN_FILENO && output == STDOUT_FILENO
        let files = standard ? [] : [fdopen(dup(output), "w"), fdopen(dup(input), "r")].compactMap { $0 }
        let screen = standard ? newterm(nil, funnel_stdout_file(), funnel_stdin_file())
            : files.count == 2 ? newterm(nil, files[0], files[1]) : nil
        guard let screen else {
            files.forEach { fclose($0) }
            funnel_signals_uninstall()
            throw TerminalError.cannotInitialise(term: environment("TERM"))
        }
        _ = set_term(screen)
        funnel_term_set_active(1)
        funnel_signals_chain_winch()

        let window = funnel_stdscr()
        _ = raw()
        _ = noecho()
        _ = nonl()
        _ = keypad(window, true)
        _ = nodelay(window, true)   // input is waited for with poll(), then drained
        _ = typeahead(-1)           // finish every frame even while keys are arriving
        _ = curs_set(0)
        // How long an Esc waits for the rest of an escape sequence (an arrow key) before it
        // counts as the key Esc. A terminal or tmux sends a whole sequence in one write, so 10 ms
        // is plenty locally and over ssh; a lone Esc with nothing behind it does not wait at all
        // (`escapeDelay(buffered:)`). ESCDELAY set by the user is used as it is, always.
        let userDelay = environment("ESCDELAY") != nil
        if !userDelay { _ = set_escdelay(Self.escapeDelayMilliseconds) }

        var useColor = false, defaultColorsWork = false
        let noColor = environment("NO_COLOR").map { !$0.isEmpty } ?? false
        if !noColor, has_colors() {
            if start_color() == OK {
                useColor = true
                defaultColorsWork = use_default_colors() == OK
            }
        }

        let terminal = NcursesTerminal(screen: screen, useColor: useColor, defaultColorsWork: defaultColorsWork,
                                       colorCount: Int(funnel_colors()), maxPairs: Int(funnel_color_pairs()),
                                       adaptsEscapeDelay: !userDelay, input: input, files: files)
        current = terminal
        if !exitHookInstalled {
            exitHookInstalled = true
            atexit { NcursesTerminal.stopCurrentAtExit() }
        }
        return terminal
    }

    private init(screen: OpaquePointer, useColor: Bool, defaultColorsWork: Bool, colorCount: Int, maxPairs: Int,
                 adaptsEscapeDelay: Bool, input: Int32, files: [UnsafeMutablePointer<FILE>]) {
        self.screenHandle = screen
        self.input = input
        self.files = files
        self.adaptsEscapeDelay = adaptsEscapeDelay
        self.useColor = useColor
        self.defaultColorsWork = defaultColorsWork
        self.colorCount = colorCount
        self.maxPairs = maxPairs
    }

    deinit { stop() }

    private static func stopCurrentAtExit() { current?.stop() }

    // MARK: Terminal

    public var size: Size {
        let window = funnel_stdscr()
        return Size(width: Int(getmaxx(window)), height: Int(getmaxy(window)))
    }

    /// The default ESCDELAY (docs/keys.md).
    public static let escapeDelayMilliseconds: Int32 = 10

    /// The ESCDELAY for the next read, given how many bytes the kernel holds unread on stdin.
    ///
    /// ncurses waits ESCDELAY after an ESC byte for the rest of a sequence whenever the next byte
    /// is not there yet, so every bare Esc cost the whole delay. A terminal writes a sequence in
    /// one go: when the ESC is the only byte buffered (or ncurses holds it from an earlier read
    /// and nothing is buffered), nothing follows it and it is the key Esc, at once. With more
    /// bytes buffered, a sequence cut short by the link still gets the full wait for its rest.
    static func escapeDelay(buffered: Int) -> Int32 {
        buffered <= 1 ? 0 : escapeDelayMilliseconds
    }

    public func nextEvent(timeout ms: Int) -> TerminalEvent? {
        guard !stopped else { return nil }
        let deadline = ms < 0 ? nil : Self.monotonicMilliseconds() + ms
        while true {
            // ncurses may already hold typed-ahead bytes (and the SIGWINCH flag) that poll()
            // cannot see, so always drain before waiting.
            collect()
            if !pending.isEmpty { return pending.removeFirst() }
            var wait: Int32 = -1
            if let deadline {
                let left = deadline - Self.monotonicMilliseconds()
                if left <= 0 { return nil }
                wait = Int32(clamping: left)
            }
            var fds = [
                pollfd(fd: stdinClosed ? -1 : input, events: Int16(POLLIN), revents: 0),
                pollfd(fd: funnel_signals_fd(), events: Int16(POLLIN), revents: 0),
            ]
            let ready = poll(&fds, nfds_t(fds.count), wait)
            if ready > 0, fds[0].revents & Int16(POLLHUP | POLLERR | POLLNVAL) != 0,
               fds[0].revents & Int16(POLLIN) == 0 {
                // The terminal went away (window closed): treat it like SIGHUP, once.
                stdinClosed = true
                pending.append(.signal(TerminalSignal.hangup))
            }
            // ready == 0: timeout (checked at the top); < 0: EINTR (e.g. SIGWINCH) → drain.
        }
    }

    public func present(_ screen: Screen) {
        guard !stopped else { return }
        if !resumedOnce {
            // ncurses 6.4 flushes its output after every cursor move until the screen has been
            // suspended once (`_nc_mvcur` while `_endwin == ewInitial`): a full board frame went
            // out in ~190 writes of ~70 bytes, 10-16 ms through a pty. Suspended here, just before
            // the first frame (the alternate screen is left and entered again a moment apart),
            // a full frame is two writes of its 8 KB buffer.
            resumedOnce = true
            _ = def_prog_mode()
            _ = endwin()
            _ = clearok(funnel_curscr(), true)
            needsFullRepaint = true
        }
        let window = funnel_stdscr()
        let visible = size
        let previous: Screen
        if needsFullRepaint || lastFrame?.size != screen.size {
            _ = werase(window)
            previous = Screen(size: screen.size)
            needsFullRepaint = false
        } else {
            previous = lastFrame!
        }
        for run in screen.diff(from: previous) where run.row < visible.height {
            write(run, width: visible.width)
        }
        if let cursor = screen.cursor, cursor.x >= 0, cursor.x < visible.width, cursor.y >= 0, cursor.y < visible.height {
            _ = wmove(window, Int32(cursor.y), Int32(cursor.x))
            if !cursorVisible { _ = curs_set(1); cursorVisible = true }
        } else if cursorVisible {
            _ = curs_set(0)
            cursorVisible = false
        }
        _ = wnoutrefresh(window)
        _ = doupdate()
        lastFrame = screen
    }

    public func withSuspended<T>(_ body: () throws -> T) rethrows -> T {
        guard !stopped else { return try body() }
        _ = def_prog_mode()
        _ = endwin()
        funnel_term_set_active(0)
        funnel_signals_drop_interrupt(1)
        defer {
            funnel_signals_drop_interrupt(0)
            _ = reset_prog_mode()
            funnel_term_set_active(1)
            // The child drew over everything: forget what ncurses thinks is on the screen.
            _ = clearok(funnel_curscr(), true)
            needsFullRepaint = true
        }
        return try body()
    }

    public func stop() {
        guard !stopped else { return }
        stopped = true
        // Blank the alternate screen before leaving it. tmux keeps the last frame of the
        // alternate screen, and when the window was resized while it was shown, it carries rows
        // of that frame onto the shell's screen on the way out; a blank frame leaves nothing.
        _ = werase(funnel_stdscr())
        _ = wnoutrefresh(funnel_stdscr())
        _ = doupdate()
        _ = curs_set(1)
        _ = endwin()
        funnel_term_set_active(0)
        funnel_signals_uninstall()
        delscreen(screenHandle)
        files.forEach { fclose($0) }
        if NcursesTerminal.current === self { NcursesTerminal.current = nil }
    }

    // MARK: Input

    /// Moves pending signals and keys into `pending`, without blocking.
    private func collect() {
        while case let signal = funnel_signals_next(), signal != 0 {
            // SIGWINCH only wakes the loop; the resize itself comes from get_wch below.
            if signal != SIGWINCH { pending.append(.signal(Int32(signal))) }
        }
        guard !stdinClosed else { return }
        let window = funnel_stdscr()
        var value: wint_t = 0
        while true {
            if adaptsEscapeDelay {
                var buffered: Int32 = 0
                let delay = ioctl(input, UInt(FIONREAD), &buffered) == 0
                    ? Self.escapeDelay(buffered: Int(buffered)) : Self.escapeDelayMilliseconds
                if delay != escapeDelayInForce {
                    _ = set_escdelay(delay)
                    escapeDelayInForce = delay
                }
            }
            let status = wget_wch(window, &value)
            if status == ERR { break }
            if status == KEY_CODE_YES, Int32(bitPattern: UInt32(value)) == KEY_RESIZE {
                // ncurses has already resized stdscr; repaint everything at the new size.
                needsFullRepaint = true
                if case .resize = pending.last { pending.removeLast() }
                pending.append(.resize(size))
                continue
            }
            if let key = KeyDecoder.key(status: status, value: UInt32(value)) {
                pending.append(.key(key))
            }
        }
    }

    // MARK: Output

    /// Writes one run: style by style, one `mvwaddnwstr` per stretch of equal style, each
    /// grapheme once (its continuation cell is skipped).
    private func write(_ run: Screen.Run, width: Int) {
        let window = funnel_stdscr()  // not a parameter: WINDOW* is typed on Linux, opaque on macOS
        var buffer: [wchar_t] = []
        var segmentX = run.x
        var segmentStyle: Style?
        func flush() {
            guard let style = segmentStyle, !buffer.isEmpty else { return }
            _ = wattr_set(window, attributes(for: style), pair(for: style), nil)
            buffer.withUnsafeBufferPointer { chars in
                _ = mvwaddnwstr(window, Int32(run.row), Int32(segmentX), chars.baseAddress, Int32(chars.count))
            }
            buffer.removeAll(keepingCapacity: true)
        }
        for (offset, cell) in run.cells.enumerated() where cell.width > 0 {
            let column = run.x + offset
            if column + cell.width > width { break }
            if cell.style != segmentStyle {
                flush()
                segmentStyle = cell.style
                segmentX = column
            }
            buffer.append(contentsOf: glyph(cell.grapheme, width: cell.width))
        }
        flush()
        _ = wattr_set(window, funnel_a_normal(), 0, nil)
    }

    /// The wide characters to send for one grapheme so that ncurses (which measures with
    /// wcwidth, scalar by scalar) advances exactly `width` columns: the base scalar, its
    /// zero-width marks, a second regional indicator; the rest of a ZWJ or skin-tone sequence
    /// is dropped, a shortfall padded with spaces, and a scalar the C library cannot measure
    /// replaced by U+FFFD. Keeps columns aligned whatever the terminal thinks of emoji.
    func glyph(_ grapheme: Character, width: Int) -> [wchar_t] {
        let scalars = grapheme.unicodeScalars
        if scalars.count == 1, let v = scalars.first?.value, v >= 0x20, v < 0x7F {
            return [wchar_t(truncatingIfNeeded: v)]
        }
        if let cached = glyphCache[grapheme], cached.count >= 1 { return cached }
        let result = Self.glyph(grapheme, width: width, measure: { Int(funnel_wcwidth(Int32(bitPattern: $0))) })
        if glyphCache.count > 4096 { glyphCache.removeAll() }
        glyphCache[grapheme] = result
        return result
    }

    /// `glyph(_:width:)` with the measuring function passed in, for tests.
    static func glyph(_ grapheme: Character, width: Int, measure: (UInt32) -> Int) -> [wchar_t] {
        let maxCombining = 4  // CCHARW_MAX is 5: the base plus four marks per cell
        var out: [wchar_t] = []
        var columns = 0
        var marks = 0
        for (index, scalar) in grapheme.unicodeScalars.enumerated() {
            let w = measure(scalar.value)
            if index == 0 {
                guard w > 0, w <= width else {
                    return [0xFFFD] + Array(repeating: 32, count: max(0, width - 1))
                }
                out.append(wchar_t(truncatingIfNeeded: scalar.value))
                columns = w
                continue
            }
            if scalar.value == 0x200D { break }  // ZWJ: ncurses would count each joined part
            if w == 0 {
                if marks < maxCombining { out.append(wchar_t(truncatingIfNeeded: scalar.value)); marks += 1 }
            } else if w > 0, columns + w <= width {
                out.append(wchar_t(truncatingIfNeeded: scalar.value))
                columns += w
            } else {
                break
            }
        }
        while columns < width {
            out.append(32)
            columns += 1
        }
        return out
    }

    private func attributes(for style: Style) -> attr_t {
        var a = funnel_a_normal()
        if style.bold { a |= funnel_a_bold() }
        if style.dim { a |= funnel_a_dim() }
        if style.reverse { a |= funnel_a_reverse() }
        if style.underline { a |= funnel_a_underline() }
        return a
    }

    /// The colour pair for a style, allocated on first use (pair 0 is the terminal default).
    private func pair(for style: Style) -> Int16 {
        guard useColor, style.fg != .default || style.bg != .default else { return 0 }
        let key = PairKey(fg: style.fg, bg: style.bg)
        if let existing = pairs[key] { return existing }
        guard nextPair < min(maxPairs, Int(Int16.max)) else { return 0 }
        let number = Int16(nextPair)
        guard init_pair(number, colorNumber(style.fg, foreground: true), colorNumber(style.bg, foreground: false)) == OK else {
            return 0
        }
        nextPair += 1
        pairs[key] = number
        return number
    }

    private func colorNumber(_ color: Color, foreground: Bool) -> Int16 {
        guard let index = color.ansiIndex else {
            // -1 is "the terminal's own colour" once use_default_colors succeeded.
            return defaultColorsWork ? -1 : (foreground ? 7 : 0)
        }
        return Int16(index < colorCount ? index : index % 8)
    }

    // MARK: Helpers

    private static func localeIsUTF8() -> Bool {
        guard let codeset = nl_langinfo(nl_item(CODESET)) else { return false }
        let name = String(cString: codeset).uppercased()
        return name == "UTF-8" || name == "UTF8"
    }

    private static func environment(_ name: String) -> String? {
        getenv(name).map { String(cString: $0) }
    }

    private static func monotonicMilliseconds() -> Int {
        var now = timespec()
        clock_gettime(CLOCK_MONOTONIC, &now)
        return Int(now.tv_sec) * 1000 + Int(now.tv_nsec) / 1_000_000
    }
}
