/// An in-memory `Terminal` for tests: events come from a script, presented frames are kept.
///
/// When the script runs out it behaves like `whenExhausted` says: by default it delivers one
/// hang-up signal (so a `Runtime` under test always ends), then reports timeouts.
public final class FakeTerminal: Terminal {
    /// What `nextEvent` returns once the scripted events are used up.
    public enum Exhaustion: Sendable {
        /// Deliver `.signal(TerminalSignal.hangup)` once, then nil.
        case hangUp
        /// Always nil (a timeout).
        case timeout
    }

    public var size: Size
    public var whenExhausted: Exhaustion
    /// Events not yet delivered, in order.
    public private(set) var pendingEvents: [TerminalEvent]
    /// Every frame passed to `present`, oldest first.
    public private(set) var presented: [Screen] = []
    /// How many `present` calls had to repaint everything (first frame, resize, suspend).
    public private(set) var fullRepaints = 0
    public private(set) var suspendCount = 0
    public private(set) var stopCount = 0
    /// The timeouts `nextEvent` was called with, for tests of the loop itself.
    public private(set) var requestedTimeouts: [Int] = []
    private var hungUp = false
    private var needsFullRepaint = true

    public init(size: Size = Size(width: 80, height: 24), events: [TerminalEvent] = [],
                whenExhausted: Exhaustion = .hangUp) {
        self.size = size
        self.pendingEvents = events
        self.whenExhausted = whenExhausted
    }

    /// Appends events to the script.
    public func enqueue(_ events: TerminalEvent...) { pendingEvents.append(contentsOf: events) }

    /// Appends key events to the script.
    public func enqueue(keys: Key...) { pendingEvents.append(contentsOf: keys.map { .key($0) }) }

    /// Appends one `.char` key per character of `text` (typing it).
    public func type(_ text: String) { pendingEvents.append(contentsOf: text.map { .key(.char($0)) }) }

    /// The last presented frame, if any.
    public var lastScreen: Screen? { presented.last }

    /// The text lines of the last presented frame (empty before the first frame).
    public var lastLines: [String] { presented.last?.lines() ?? [] }

    public var isStopped: Bool { stopCount > 0 }

    public func nextEvent(timeout ms: Int) -> TerminalEvent? {
        requestedTimeouts.append(ms)
        if !pendingEvents.isEmpty {
            let event = pendingEvents.removeFirst()
            if case .resize(let newSize) = event {
                size = newSize
                needsFullRepaint = true
            }
            return event
        }
        if whenExhausted == .hangUp, !hungUp {
            hungUp = true
            return .signal(TerminalSignal.hangup)
        }
        return nil
    }

    public func present(_ screen: Screen) {
        if needsFullRepaint || presented.last?.size != screen.size { fullRepaints += 1 }
        needsFullRepaint = false
        presented.append(screen)
    }

    public func withSuspended<T>(_ body: () throws -> T) rethrows -> T {
        suspendCount += 1
        defer { needsFullRepaint = true }
        return try body()
    }

    public func stop() { stopCount += 1 }
}
