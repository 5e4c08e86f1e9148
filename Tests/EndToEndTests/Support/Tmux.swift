import Foundation

/// A private tmux server running one pane of a fixed size, driven like a person at a keyboard:
/// send keys, read the screen, wait until it shows something. Never sleeps for a fixed time:
/// every wait polls the pane until its condition holds or the deadline passes.
final class Tmux {
    struct Failure: Error, CustomStringConvertible {
        var description: String
    }

    let socket = "funnel-e2e-\(UUID().uuidString.prefix(8))"
    let target = "e2e"
    let folder: URL
    /// How long a wait may take before the test fails (the machine may be busy building).
    var timeout: TimeInterval = 30

    /// Starts `command` (run by /bin/sh) in a detached `width × height` pane with `environment`
    /// added to tmux's. The status bar is off, so the pane is the whole window.
    init(width: Int = 80, height: Int = 24, command: String, environment: [String: String], folder: URL) throws {
        self.folder = folder
        let config = folder.appendingPathComponent("tmux-\(socket).conf")
        try """
            set -g status off
            set -g default-terminal tmux-256color
            set -g escape-time 0
            set -g history-limit 2000
            """.write(to: config, atomically: true, encoding: .utf8)
        var args = ["-f", config.path, "new-session", "-d", "-s", target, "-x", "\(width)", "-y", "\(height)"]
        for (key, value) in environment.sorted(by: { $0.key < $1.key }) { args += ["-e", "\(key)=\(value)"] }
        args.append(command)
        try tmux(args)
        socketPath = try display("#{socket_path}")
    }

    /// The server's socket file, removed at the end (tmux leaves it behind when killed).
    private var socketPath = ""

    /// Ends the pane's processes first: the shell left in the pane would keep the server alive.
    deinit {
        if let pid = try? display("#{pane_pid}"), let number = pid_t(pid) {
            kill(number, SIGKILL)
        }
        _ = try? tmux(["kill-server"])
        if !socketPath.isEmpty { unlink(socketPath) }
    }

    // MARK: Driving

    /// Sends tmux key names: "Enter", "Escape", "Tab", "C-u", "BTab".
    func press(_ keys: String...) throws { try tmux(["send-keys", "-t", target] + keys) }

    /// Types text literally, character by character as a terminal would send it.
    func type(_ text: String) throws { try tmux(["send-keys", "-t", target, "-l", text]) }

    /// Resizes the window, as dragging the terminal's corner would (the app gets SIGWINCH).
    func resize(width: Int, height: Int) throws {
        try tmux(["resize-window", "-t", target, "-x", "\(width)", "-y", "\(height)"])
    }

    /// The visible screen, one string per row (trailing spaces trimmed by tmux).
    func screen() throws -> [String] {
        var rows = try tmux(["capture-pane", "-p", "-t", target]).split(separator: "\n", omittingEmptySubsequences: false)
        if rows.last == "" { rows.removeLast() }  // the newline that ends the last row
        return rows.map(String.init)
    }

    /// A tmux format about the pane, e.g. `#{alternate_on}`, `#{pane_pid}`.
    func display(_ format: String) throws -> String {
        try tmux(["display-message", "-p", "-t", target, format]).trimmingCharacters(in: .whitespacesAndNewlines)
    }

    /// Waits until the screen satisfies `condition`; returns that screen, or fails naming `what`
    /// and showing the last screen.
    @discardableResult
    func wait(for what: String, _ condition: ([String]) -> Bool) throws -> [String] {
        let deadline = Date().addingTimeInterval(timeout)
        var last: [String] = []
        while Date() < deadline {
            last = try screen()
            if condition(last) { return last }
            usleep(30_000)
        }
        throw Failure(description: "timed out after \(Int(timeout))s waiting for \(what); the screen was:\n"
                      + last.joined(separator: "\n"))
    }

    /// Waits until some row contains `text`.
    @discardableResult
    func wait(for text: String) throws -> [String] {
        try wait(for: "\"\(text)\"") { $0.contains { $0.contains(text) } }
    }

    /// Waits until no row contains `text`.
    @discardableResult
    func waitUntilGone(_ text: String) throws -> [String] {
        try wait(for: "\"\(text)\" to disappear") { !$0.contains { $0.contains(text) } }
    }

    // MARK: Running tmux

    @discardableResult
    private func tmux(_ args: [String]) throws -> String {
        let result = try Shell.run("/usr/bin/env", ["tmux", "-u", "-L", socket] + args,
                                   environment: ["LANG": "C.UTF-8", "LC_ALL": "C.UTF-8", "TERM": "xterm-256color"])
        guard result.code == 0 else {
            throw Failure(description: "tmux \(args.joined(separator: " ")) failed (\(result.code)): \(result.stderr)")
        }
        return result.stdout
    }
}

/// Runs a program to completion and captures its output in files (a pipe could fill up).
/// posix_spawn + waitpid rather than Foundation's Process: `Process.waitUntilExit` was seen to
/// hang forever on this machine when the child (a tmux client starting its server) exited at once.
enum Shell {
    struct Result {
        var stdout: String
        var stderr: String
        var code: Int32
    }

    static func run(_ executable: String, _ args: [String], environment: [String: String] = [:]) throws -> Result {
        let io = FileManager.default.temporaryDirectory.appendingPathComponent("funnel-e2e-io-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: io, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: io) }
        let out = io.appendingPathComponent("out").path, err = io.appendingPathComponent("err").path

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
        // WIFEXITED / WEXITSTATUS, spelled out (the C macros are not imported).
        let code = status & 0x7f == 0 ? (status >> 8) & 0xff : 128 + (status & 0x7f)
        return Result(stdout: (try? String(contentsOfFile: out, encoding: .utf8)) ?? "",
                      stderr: (try? String(contentsOfFile: err, encoding: .utf8)) ?? "",
                      code: code)
    }
}
