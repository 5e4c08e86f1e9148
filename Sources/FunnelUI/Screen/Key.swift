/// A key press, decoded by the terminal layer from whatever the terminal sent.
///
/// Letters with Ctrl are `.ctrl` with the lowercase letter (`.ctrl("c")` for Ctrl-C, which
/// arrives as a key because the terminal runs in raw mode). Keys that have their own control
/// code are reported as themselves: Tab (not Ctrl-I), Enter (not Ctrl-M/Ctrl-J), Backspace
/// (also Ctrl-H, DEL), Escape (also Ctrl-[). Alt combinations arrive as Escape then the key.
public enum Key: Hashable, Sendable, CustomStringConvertible {
    case char(Character)
    case ctrl(Character)
    case up, down, left, right
    case home, end, pageUp, pageDown
    case enter, escape, backspace, delete, tab, backTab, insert
    case function(Int)

    /// A short human name, as the help overlay shows it: "j", "Space", "Ctrl-C", "PgDn", "F5".
    public var description: String {
        switch self {
        case .char(" "): "Space"
        case .char(let c): String(c)
        case .ctrl(let c): "Ctrl-" + String(c).uppercased()
        case .up: "Up"
        case .down: "Down"
        case .left: "Left"
        case .right: "Right"
        case .home: "Home"
        case .end: "End"
        case .pageUp: "PgUp"
        case .pageDown: "PgDn"
        case .enter: "Enter"
        case .escape: "Esc"
        case .backspace: "Backspace"
        case .delete: "Del"
        case .tab: "Tab"
        case .backTab: "Shift-Tab"
        case .insert: "Ins"
        case .function(let n): "F\(n)"
        }
    }
}

/// Signal numbers as delivered in `TerminalEvent.signal` (identical on Linux and macOS, spelled
/// out here so FunnelUI needs no libc).
public enum TerminalSignal {
    public static let hangup: Int32 = 1
    public static let interrupt: Int32 = 2
    public static let terminate: Int32 = 15
}

/// Everything the event loop can receive from a terminal.
public enum TerminalEvent: Hashable, Sendable {
    case key(Key)
    /// The terminal changed size; the next frame should be rendered at this size.
    case resize(Size)
    /// SIGINT, SIGTERM or SIGHUP, delivered on the loop instead of killing the process so the
    /// app can finish cleanly (see `TerminalSignal`).
    case signal(Int32)
    /// Nothing happened before the timeout. Terminals return nil for that; the runtime turns it
    /// into `.tick` for programs that want timers.
    case tick
}
