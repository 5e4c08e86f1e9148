import Foundation

/// Runs a program to completion with its output captured in files (a pipe could fill up).
/// posix_spawn + waitpid rather than Foundation's Process, for the reason the Tmux helper gives:
/// `Process.waitUntilExit` was seen to hang here when a tmux client had forked its server.
enum Spawn {
    struct Result {
        var stdout: String
        var stderr: String
        var code: Int32
    }

    static func run(_ executable: String, _ args: [String], environment: [String: String] = [:]) throws -> Result {
        let base = NSTemporaryDirectory() + "funnel-e2e-\(UUID().uuidString)"
        let out = base + ".out", err = base + ".err"
        defer {
            unlink(out)
            unlink(err)
        }
        var env = ProcessInfo.processInfo.environment
        env.removeValue(forKey: "TMUX")
        env.merge(environment) { $1 }
        let argv = ([executable] + args).map { strdup($0) } + [nil]
        let envp = env.map { strdup("\($0.key)=\($0.value)") } + [nil]
        defer { (argv + envp).forEach { free($0) } }

        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0)
        posix_spawn_file_actions_addopen(&actions, 1, out, O_WRONLY | O_CREAT | O_TRUNC, 0o600)
        posix_spawn_file_actions_addopen(&actions, 2, err, O_WRONLY | O_CREAT | O_TRUNC, 0o600)
        var pid: pid_t = 0
        let spawned = posix_spawn(&pid, executable, &actions, nil, argv, envp)
        guard spawned == 0 else { throw Tmux.Failure(description: "cannot run \(executable): errno \(spawned)") }
        var status: Int32 = 0
        while waitpid(pid, &status, 0) == -1 {
            guard errno == EINTR else { throw Tmux.Failure(description: "waitpid \(executable): errno \(errno)") }
        }
        let signal = status & 0x7f
        return Result(stdout: (try? String(contentsOfFile: out, encoding: .utf8)) ?? "",
                      stderr: (try? String(contentsOfFile: err, encoding: .utf8)) ?? "",
                      code: signal != 0 ? 128 + signal : (status >> 8) & 0xff)
    }
}

extension Tmux {
    /// Resizes the window, as dragging the terminal's corner would (the app gets SIGWINCH).
    /// Runs tmux on this helper's own server (same socket and empty configuration).
    func resize(width: Int, height: Int) throws {
        guard let executable = Tmux.executable else { throw Failure(description: "tmux is not installed") }
        let result = try Spawn.run(executable, ["-u", "-L", socketName, "-f", "/dev/null", "resize-window", "-t", target,
                                                "-x", String(width), "-y", String(height)],
                                   environment: ["LC_ALL": "C.UTF-8"])
        guard result.code == 0 else { throw Failure(description: "tmux resize-window failed: \(result.stderr)") }
    }

    /// The screen as rows.
    func rows() throws -> [String] { Tmux.rows(try capture()) }

    static func rows(_ screen: String) -> [String] {
        var rows = screen.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        if rows.last == "" { rows.removeLast() }
        return rows
    }

    /// Types text as a person would.
    func type(_ text: String) throws { try send(.text(text)) }

    /// Presses tmux-named keys: "Enter", "Escape", "Tab", "C-u".
    func press(_ keys: String...) throws {
        for key in keys { try send(.named(key)) }
    }

    /// Waits (patiently) until some row contains `text`; returns the rows.
    @discardableResult
    func wait(_ text: String) throws -> [String] {
        Tmux.rows(try waitFor(text: text, timeout: Workspace.patience))
    }

    /// Waits (patiently) until the rows satisfy `condition`.
    @discardableResult
    func wait(for what: String, _ condition: @escaping ([String]) -> Bool) throws -> [String] {
        Tmux.rows(try waitFor(what, timeout: Workspace.patience) { condition(Tmux.rows($0)) })
    }

    /// Waits until no row contains `text`.
    func waitUntilGone(_ text: String) throws {
        try wait(for: "\"\(text)\" to disappear") { !$0.contains { $0.contains(text) } }
    }
}
