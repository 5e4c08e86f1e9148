/// Why the terminal could not be started. The descriptions are the one-line messages the
/// `funnel` command prints on stderr.
public enum TerminalError: Error, Equatable, CustomStringConvertible {
    /// stdin or stdout is not a TTY (piped, redirected, run from a script).
    case notATerminal
    /// ncurses could not set up the terminal type (TERM unset or unknown).
    case cannotInitialise(term: String?)
    /// The signal handlers or self-pipe could not be installed (errno).
    case signalSetupFailed(errno: Int32)

    public var description: String {
        switch self {
        case .notATerminal:
            "funnel needs a terminal (stdin and stdout must be a TTY)"
        case .cannotInitialise(let term?):
            "cannot open the terminal: TERM=\(term) is unknown to ncurses (try TERM=xterm-256color)"
        case .cannotInitialise(nil):
            "cannot open the terminal: TERM is not set (try TERM=xterm-256color)"
        case .signalSetupFailed(let errno):
            "cannot set up signal handling for the terminal (errno \(errno))"
        }
    }
}
