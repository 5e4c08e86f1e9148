import FunnelUI

/// The event loop that connects a `Program`, its `EffectRunner` and a `Terminal`.
///
/// One turn: wait for an event (`tickInterval` at most; nothing → `.tick`) → `message(for:)` →
/// `update` → run each effect, feed the messages they return back into `update` (first in,
/// first out) until none are left → render a fresh `Screen` of the terminal's size → `present`
/// (the terminal writes only the difference). Frames are drawn once at the start, after every
/// event that produced a message, and after every resize; ignored events draw nothing.
///
/// Signals: SIGTERM and SIGHUP end the loop after the program has had the chance to turn them
/// into a message (say, to save a draft); SIGINT ends it only if the program ignores it. The
/// loop also ends when `isFinished` becomes true. Either way `terminal.stop()` runs before
/// `run()` returns. Everything happens on the caller's thread, which must be the only one that
/// touches the terminal.
public final class Runtime<P: Program, R: EffectRunner> where R.P == P {
    public private(set) var program: P
    public private(set) var runner: R
    public let terminal: any Terminal
    /// Milliseconds to wait for input before delivering `.tick`; negative waits forever.
    public let tickInterval: Int
    /// The signal that ended the loop, if one did (the caller may exit with 128 + signal).
    public private(set) var endingSignal: Int32?

    public init(program: P, runner: R, terminal: any Terminal, tickInterval: Int = 1000) {
        self.program = program
        self.runner = runner
        self.terminal = terminal
        self.tickInterval = tickInterval
    }

    /// Runs until the program finishes or a terminating signal arrives; returns the program in
    /// its final state. The terminal is stopped on return.
    @discardableResult
    public func run() -> P {
        defer { terminal.stop() }
        draw()
        while !program.isFinished {
            let event = terminal.nextEvent(timeout: program.tickTimeout ?? tickInterval) ?? .tick
            let msg = program.message(for: event)
            if let msg { dispatch(msg) }
            if case .signal(let number) = event,
               number == TerminalSignal.terminate || number == TerminalSignal.hangup || msg == nil || program.isFinished {
                endingSignal = number
                break
            }
            if program.isFinished { break }
            if msg != nil || isResize(event) { draw() }
        }
        return program
    }

    /// Updates with `msg` and everything its effects answer, breadth first.
    private func dispatch(_ msg: P.Msg) {
        var queue = [msg]
        var next = 0
        while next < queue.count {
            let effects = program.update(queue[next])
            next += 1
            for effect in effects {
                queue.append(contentsOf: runner.run(effect, terminal: terminal))
            }
        }
    }

    private func draw() {
        var screen = Screen(size: terminal.size)
        program.render(into: &screen)
        terminal.present(screen)
    }

    private func isResize(_ event: TerminalEvent) -> Bool {
        if case .resize = event { return true }
        return false
    }
}
