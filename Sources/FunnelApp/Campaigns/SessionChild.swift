import CShims
import Foundation

/// A child process in a session of its own, started with posix_spawn and watched with waitpid:
/// the campaign sender's mail command (one per message).
///
/// Why not Foundation's `Process`: it cannot start a child in a new session (the sender then
/// needed setsid(1), one more process per message), and its start and its run-loop watching
/// were a third of Funnel's own time per message sent (docs/performance.md, "Campaigns").
struct SessionChild {
    let pid: pid_t
    private(set) var exitStatus: Int32?

    /// Starts `executable` with `arguments`; its standard input is `input`, its output and error
    /// go to `output`. Throws the errno of a failed start.
    static func start(_ executable: String, _ arguments: [String], input: Int32, output: Int32) throws -> SessionChild {
        let argv: [UnsafeMutablePointer<CChar>?] = ([executable] + arguments).map { strdup($0) } + [nil]
        defer { for pointer in argv { free(pointer) } }
        var pid: pid_t = 0
        let rc = argv.withUnsafeBufferPointer { buffer in
            funnel_spawn_session(executable, buffer.baseAddress, input, output, output, &pid)
        }
        guard rc == 0 else { throw POSIXError(POSIXErrorCode(rawValue: rc) ?? .EIO) }
        return SessionChild(pid: pid)
    }

    /// Whether it is still running (reaps it once it has exited).
    mutating func isRunning() -> Bool {
        guard exitStatus == nil else { return false }
        var status: Int32 = 0
        let rc = waitpid(pid, &status, WNOHANG)
        if rc == pid || (rc < 0 && errno == ECHILD) {
            exitStatus = status
            return false
        }
        return true
    }

    /// Waits for it to exit.
    mutating func wait() {
        guard exitStatus == nil else { return }
        var status: Int32 = 0
        while waitpid(pid, &status, 0) < 0 && errno == EINTR {}
        exitStatus = status
    }

    /// Signals its whole process group (it leads one: its session's).
    func signalGroup(_ signal: Int32) { kill(-pid, signal) }
}
