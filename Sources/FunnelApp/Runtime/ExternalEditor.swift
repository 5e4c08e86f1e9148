import Foundation
import FunnelUI
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Why editing in $EDITOR failed, in one sentence for the message line.
public enum ExternalEditorError: Error, Equatable, CustomStringConvertible {
    case launchFailed(editor: String, errno: Int32)
    case exited(editor: String, status: Int32)
    case killed(editor: String, signal: Int32)
    case temporaryFile(errno: Int32)

    public var description: String {
        switch self {
        case .launchFailed(let editor, let errno):
            "could not start the editor \(editor) (errno \(errno))"
        case .exited(let editor, let status):
            "the editor \(editor) exited with status \(status); nothing was changed"
        case .killed(let editor, let signal):
            "the editor \(editor) was killed by signal \(signal); nothing was changed"
        case .temporaryFile(let errno):
            "could not create a temporary file (errno \(errno))"
        }
    }
}

/// Running the user's editor on a file, the way git does: `$VISUAL`, else `$EDITOR`, else `vi`,
/// interpreted by `/bin/sh` so the value may carry options ("code --wait", "nano -R").
public enum ExternalEditor {
    /// The editor command to use for `environment`; empty values count as unset.
    public static func command(environment: [String: String]) -> String {
        for name in ["VISUAL", "EDITOR"] {
            if let value = environment[name], !value.trimmingCharacters(in: .whitespaces).isEmpty { return value }
        }
        return "vi"
    }

    /// `/bin/sh` arguments for running `editor` on `path`. The path travels as `$1`, never
    /// pasted into the script, so spaces, quotes or `$` in it need no escaping.
    public static func shellArguments(editor: String, path: String) -> [String] {
        ["-c", editor + " \"$1\"", "funnel-editor", path]
    }

    /// Runs the editor on `path` with the inherited stdin/stdout/stderr and waits for it.
    /// Call it inside `Terminal.withSuspended` (or use `Terminal.runEditor(on:)`).
    public static func run(on path: String, environment: [String: String]) throws {
        let editor = command(environment: environment)
        let arguments = ["/bin/sh"] + shellArguments(editor: editor, path: path)
        let environmentStrings = environment.map { "\($0.key)=\($0.value)" }

        var argv = arguments.map { strdup($0) } + [nil]
        var envp = environmentStrings.map { strdup($0) } + [nil]
        defer {
            argv.forEach { free($0) }
            envp.forEach { free($0) }
        }

        // The child gets default signal handling and an empty mask, whatever ours are.
        var attributes = posix_spawnattr_t()
        posix_spawnattr_init(&attributes)
        defer { posix_spawnattr_destroy(&attributes) }
        var defaults = sigset_t()
        sigemptyset(&defaults)
        for signal in [SIGINT, SIGTERM, SIGHUP, SIGQUIT, SIGPIPE, SIGTSTP] { sigaddset(&defaults, signal) }
        var emptyMask = sigset_t()
        sigemptyset(&emptyMask)
        posix_spawnattr_setsigdefault(&attributes, &defaults)
        posix_spawnattr_setsigmask(&attributes, &emptyMask)
        posix_spawnattr_setflags(&attributes, Int16(POSIX_SPAWN_SETSIGDEF | POSIX_SPAWN_SETSIGMASK))

        var pid = pid_t()
        let spawned = posix_spawn(&pid, "/bin/sh", nil, &attributes, &argv, &envp)
        guard spawned == 0 else { throw ExternalEditorError.launchFailed(editor: editor, errno: spawned) }

        var status: Int32 = 0
        while waitpid(pid, &status, 0) < 0 {
            guard errno == EINTR else { throw ExternalEditorError.launchFailed(editor: editor, errno: errno) }
        }
        let signal = status & 0x7F
        if signal != 0 { throw ExternalEditorError.killed(editor: editor, signal: signal) }
        let exitStatus = (status >> 8) & 0xFF
        if exitStatus != 0 { throw ExternalEditorError.exited(editor: editor, status: exitStatus) }
    }
}

extension Terminal {
    /// Suspends the terminal, runs the user's editor on `path`, and takes the terminal back.
    public func runEditor(on path: String,
                          environment: [String: String] = ProcessInfo.processInfo.environment) throws {
        try withSuspended { try ExternalEditor.run(on: path, environment: environment) }
    }

    /// Lets the user edit `text` in their editor (a private temporary file, removed afterwards)
    /// while the screen is suspended, and returns the result. Throws, changing nothing, if the
    /// editor fails.
    public func editText(_ text: String, fileName: String = "funnel.txt",
                         environment: [String: String] = ProcessInfo.processInfo.environment) throws -> String {
        try withSuspended { try ExternalEditor.edit(text, fileName: fileName, environment: environment) }
    }
}

extension Terminal {
    /// Suspends the whole program the way Ctrl-Z does in a shell. The terminal runs in raw mode,
    /// so Ctrl-Z arrives as a key (`.ctrl("z")`) and a program that wants job control turns it
    /// into an effect that calls this: the terminal is handed back, the process stops with
    /// SIGSTOP, and after `fg` the terminal is taken again and fully repainted.
    public func suspendToShell() {
        withSuspended { _ = kill(getpid(), SIGSTOP) }
    }
}
