import FunnelUI

/// An interactive program in the Elm style: all state changes happen in `update`, all I/O is an
/// `Effect` that an `EffectRunner` performs and answers with more messages.
///
/// The contract the `Runtime` relies on:
/// - `message(for:)` maps a terminal event (key, resize, signal, `.tick`) to a message, or nil
///   to ignore it. It must not change anything.
/// - `update(_:)` is the only place state changes. It performs no I/O; it returns the effects
///   to run, in order.
/// - `render(into:)` draws the whole current state into a blank `Screen` of the terminal's
///   size (any size, including tiny ones). It must not change anything either.
/// - `isFinished` becomes true to end the loop (e.g. after `q`).
public protocol Program {
    associatedtype State
    associatedtype Msg: Sendable
    associatedtype Effect

    var state: State { get }
    func message(for event: TerminalEvent) -> Msg?
    mutating func update(_ msg: Msg) -> [Effect]
    func render(into screen: inout Screen)
    var isFinished: Bool { get }
    /// Milliseconds to wait for a key before the next `.tick`, when the program wants a tick
    /// sooner than the runtime's interval (0 while a campaign sends: one message per tick, each
    /// frame drawn, a key read between them); nil for the runtime's own.
    var tickTimeout: Int? { get }
}

extension Program {
    public var tickTimeout: Int? { nil }
}

/// Performs a program's effects (store reads and writes, $EDITOR, clipboard, ...) and reports
/// their results as messages. It gets the terminal so an effect can hand it to a child process
/// with `terminal.withSuspended` (see `Terminal.runEditor(on:)`). Failures must come back as
/// messages too: a runner never throws.
public protocol EffectRunner {
    associatedtype P: Program
    mutating func run(_ effect: P.Effect, terminal: any Terminal) -> [P.Msg]
}

/// The runner for programs that have no effects (`Effect == Never`), e.g. in tests.
public struct NoEffects<P: Program>: EffectRunner where P.Effect == Never {
    public init() {}
    public mutating func run(_ effect: Never, terminal: any Terminal) -> [P.Msg] {}
}
