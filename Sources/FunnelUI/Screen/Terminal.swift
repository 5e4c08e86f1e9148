/// The terminal as the app sees it: a source of events and a place to show frames.
///
/// Implemented by `NcursesTerminal` (FunnelTerminal) for real use and by `FakeTerminal` for
/// tests. All calls must come from one thread (ncurses is not thread-safe); the type is
/// deliberately not `Sendable`.
public protocol Terminal: AnyObject {
    /// The current size in cells. Changes after a `.resize` event.
    var size: Size { get }

    /// Waits up to `ms` milliseconds (negative: forever) for the next key, resize or signal.
    /// Returns nil when nothing arrived before the timeout.
    func nextEvent(timeout ms: Int) -> TerminalEvent?

    /// Shows `screen`, writing only what differs from the previously presented frame (all of it
    /// after a resize or `withSuspended`). A screen of another size than `size` is clipped.
    func present(_ screen: Screen)

    /// Gives the real terminal to `body` (a child process such as $EDITOR, or a shell suspend)
    /// and takes it back afterwards; the next `present` repaints everything.
    func withSuspended<T>(_ body: () throws -> T) rethrows -> T

    /// Restores the terminal to how it was before start. Idempotent.
    func stop()
}
