import Foundation
import Testing

/// Drives a command in a real terminal: a tmux pane of fixed size on a private tmux server.
///
/// Each instance owns its server (`tmux -L funnel-test-<uuid> -f /dev/null`), so tests run in
/// parallel and never see the user's tmux or configuration. The command runs inside a small
/// `sh` wrapper that keeps the pane alive after it ends and then prints one marker line with
/// its exit status and whether the tty modes (`stty -g`) are what they were before. A live
/// pane matters: tmux drops the last output of a pane whose process is gone and reports its
/// cursor as hidden, so "is the terminal restored?" can only be asked of a live one. Waiting is
/// done by polling the screen every 50 ms until a condition holds, never by fixed sleeps.
///
///     let tmux = Tmux()
///     try tmux.start(command: "\(try BuiltProducts.funnel().shellQuoted) --db \(db.shellQuoted)")
///     try tmux.waitFor(text: "awareness")
///     try tmux.send("j", .enter)
///     try tmux.send("q")
///     let exit = try tmux.waitForExit()
///     #expect(exit.status == 0)
///     #expect(try tmux.terminalRestored())
final class Tmux {
    /// One step of `send`: literal text (sent with `send-keys -l`, so "Enter" types five
    /// letters) or a tmux key name ("Enter", "Escape", "Up", "C-c", "F5", "BTab", "PPage").
    enum Input: ExpressibleByStringLiteral, Sendable {
        case text(String)
        case named(String)

        init(stringLiteral value: String) { self = .text(value) }

        static let enter = Input.named("Enter")
        static let escape = Input.named("Escape")
        static let tab = Input.named("Tab")
        static let backTab = Input.named("BTab")
        static let backspace = Input.named("BSpace")
        static let up = Input.named("Up")
        static let down = Input.named("Down")
        static let left = Input.named("Left")
        static let right = Input.named("Right")
        static let home = Input.named("Home")
        static let end = Input.named("End")
        static let pageUp = Input.named("PPage")
        static let pageDown = Input.named("NPage")
        static func ctrl(_ letter: Character) -> Input { .named("C-\(letter)") }
    }

    /// How the command ended, as its wrapper shell saw it.
    struct Exit: Equatable, CustomStringConvertible {
        /// The shell's `$?`: the exit status, or 128 + n if signal n killed the command.
        var status: Int32
        /// Whether `stty -g` after the command equals `stty -g` before it (raw mode, echo, ...).
        var ttyModesRestored: Bool

        /// The signal that killed the command, if `status` says so.
        var signal: Int32? { status > 128 ? status - 128 : nil }

        var description: String { "exit status \(status), tty modes \(ttyModesRestored ? "restored" : "NOT restored")" }
    }

    struct Failure: Error, CustomStringConvertible {
        let description: String
    }

    /// The tmux executable, if installed (searched in PATH, then the usual places).
    static let executable: String? = {
        let path = ProcessInfo.processInfo.environment["PATH"] ?? ""
        let folders = path.split(separator: ":").map(String.init) + ["/usr/bin", "/usr/local/bin", "/opt/homebrew/bin"]
        return folders.map { $0 + "/tmux" }.first { FileManager.default.isExecutableFile(atPath: $0) }
    }()

    /// Whether tmux is available; use as `.enabled(if: Tmux.isInstalled, "tmux is not installed")`.
    static var isInstalled: Bool { executable != nil }

    let socketName = "funnel-test-\(UUID().uuidString)"
    let target = "funnel"
    private(set) var isRunning = false
    /// The server's socket file, removed by `kill()` (tmux leaves it behind).
    private var socketPath: String?

    init() {}

    deinit { kill() }

    /// The line the wrapper prints when the command has ended (status, tty modes).
    static let exitMarker = "<<tmux-helper exit="

    /// Starts `command` at `width`×`height`. It is shell text run by `sh -c` under the wrapper:
    /// `exit` works, and a single command is exec'd by that shell, so `commandPID()` is its pid.
    ///
    /// The pane's environment gets LANG and LC_ALL = C.UTF-8 (wide characters must work) and
    /// SWIFT_BACKTRACE=interactive=no (a crash must not wait at a prompt), then `env`, which
    /// wins. tmux sets TERM itself (a screen type that ncurses knows).
    func start(command: String, width: Int = 80, height: Int = 24, env: [String: String] = [:],
               directory: String? = nil) throws {
        precondition(!isRunning, "start() called twice")
        var environment = ["LANG": "C.UTF-8", "LC_ALL": "C.UTF-8", "SWIFT_BACKTRACE": "interactive=no"]
        environment.merge(env) { _, new in new }
        environment["TMUX_HELPER_COMMAND"] = command
        let wrapper = #"before=$(stty -g); sh -c "$TMUX_HELPER_COMMAND"; status=$?; after=$(stty -g); "#
            + #"if [ "$before" = "$after" ]; then tty=same; else tty=changed; fi; "#
            + #"printf '\n\#(Tmux.exitMarker)%s tty=%s>>\n' "$status" "$tty"; exec sleep 2147483647"#
        var arguments = ["start-server", ";",
                         "set-option", "-g", "remain-on-exit", "on", ";",
                         "new-session", "-d", "-s", target, "-x", String(width), "-y", String(height)]
        if let directory { arguments += ["-c", directory] }
        for (name, value) in environment.sorted(by: { $0.key < $1.key }) { arguments += ["-e", "\(name)=\(value)"] }
        arguments.append(wrapper)
        try tmux(arguments)
        isRunning = true
        socketPath = try? paneInfo("#{socket_path}")
    }

    /// Sends keys in order: literal text as typed, named keys as pressed.
    func send(_ inputs: Input...) throws {
        for input in inputs {
            switch input {
            case .text(let text): try tmux(["send-keys", "-t", target, "-l", text])
            case .named(let name): try tmux(["send-keys", "-t", target, name])
            }
        }
    }

    /// The visible pane as text, one line per row (tmux trims trailing spaces).
    func capture() throws -> String {
        try tmux(["capture-pane", "-p", "-t", target])
    }

    /// A tmux format about the pane, e.g. "#{pane_width}" or "#{alternate_on}".
    func paneInfo(_ format: String) throws -> String {
        try tmux(["display-message", "-p", "-t", target, format]).trimmingCharacters(in: .whitespacesAndNewlines)
    }

    /// Polls the screen every 50 ms until `condition` holds; returns that screen. Throws,
    /// with the last screen in the message, after `timeout`.
    @discardableResult
    func waitFor(_ what: String, timeout: Duration = .seconds(10), _ condition: (String) -> Bool) throws -> String {
        let clock = ContinuousClock()
        let deadline = clock.now + timeout
        var screen = ""
        while true {
            screen = try capture()
            if condition(screen) { return screen }
            if clock.now >= deadline { break }
            Thread.sleep(forTimeInterval: 0.05)
        }
        throw Failure(description: "timed out after \(timeout) waiting for \(what); the screen was:\n\(screen)")
    }

    /// Waits until `text` is on the screen.
    @discardableResult
    func waitFor(text: String, timeout: Duration = .seconds(10)) throws -> String {
        try waitFor("\"\(text)\"", timeout: timeout) { $0.contains(text) }
    }

    /// How the command ended, if it has (read from the wrapper's marker line).
    func exitIfEnded() throws -> Exit? {
        Tmux.parseExit(try capture())
    }

    /// Waits until the command has ended and returns how.
    func waitForExit(timeout: Duration = .seconds(10)) throws -> Exit {
        let screen = try waitFor("the command to exit", timeout: timeout) { Tmux.parseExit($0) != nil }
        return Tmux.parseExit(screen)!
    }

    static func parseExit(_ screen: String) -> Exit? {
        guard let line = screen.split(separator: "\n").last(where: { $0.hasPrefix(exitMarker) }) else { return nil }
        let fields = line.dropFirst(exitMarker.count).dropLast(2).split(separator: " ")
        guard fields.count == 2, let status = Int32(fields[0]) else { return nil }
        return Exit(status: status, ttyModesRestored: fields[1] == "tty=same")
    }

    /// Whether the pane shows the alternate screen (a full-screen app is running).
    func isAlternateScreen() throws -> Bool { try paneInfo("#{alternate_on}") == "1" }

    /// Whether the cursor is visible.
    func isCursorVisible() throws -> Bool { try paneInfo("#{cursor_flag}") == "1" }

    /// After the command ended: the terminal is back to normal (main screen, cursor shown, tty
    /// modes as before). False while the command is still running.
    func terminalRestored() throws -> Bool {
        guard let exit = try exitIfEnded() else { return false }
        return try exit.ttyModesRestored && !isAlternateScreen() && isCursorVisible()
    }

    /// The pid of the command (the wrapper shell's child), e.g. to send it SIGTERM. For a
    /// compound command that is the `sh -c` running it: end it with `exec` to get the program.
    func commandPID() throws -> Int32 {
        guard let shell = Int32(try paneInfo("#{pane_pid}")) else { throw Failure(description: "no pane pid") }
        let children = (try? String(contentsOfFile: "/proc/\(shell)/task/\(shell)/children", encoding: .utf8)) ?? ""
        guard let pid = children.split(separator: " ").compactMap({ Int32($0) }).first else {
            throw Failure(description: "the command is not running (no child of the pane's shell \(shell))")
        }
        return pid
    }

    /// Stops the server and everything in it. Safe to call more than once.
    func kill() {
        guard isRunning else { return }
        isRunning = false
        _ = try? tmux(["kill-server"])
        // kill-server returns before the server is gone; wait (briefly) until it is.
        for _ in 0..<40 {
            if (try? tmux(["has-session"])) == nil { break }
            Thread.sleep(forTimeInterval: 0.05)
        }
        if let socketPath, !socketPath.isEmpty { unlink(socketPath) }
    }

    /// Runs tmux on this instance's server and returns its standard output.
    ///
    /// posix_spawn + waitpid rather than Foundation's Process: the server that `start-server`
    /// forks inherits the client's descriptors and outlives it, and Process (on Linux) then
    /// never reports the client's exit. Output goes to files for the same reason (a pipe held
    /// open by the server would never reach end-of-file).
    @discardableResult
    private func tmux(_ arguments: [String]) throws -> String {
        guard let executable = Tmux.executable else { throw Failure(description: "tmux is not installed") }
        let base = NSTemporaryDirectory() + "\(socketName)-\(UUID().uuidString)"
        let outputPath = base + ".out", errorPath = base + ".err"
        defer {
            unlink(outputPath)
            unlink(errorPath)
        }
        var environment = ProcessInfo.processInfo.environment
        environment["LC_ALL"] = "C.UTF-8"  // the server decides UTF-8 support from its own locale
        environment.removeValue(forKey: "TMUX")  // allow running inside the developer's tmux
        let status = try Tmux.spawnAndWait(
            executable, arguments: ["tmux", "-u", "-L", socketName, "-f", "/dev/null"] + arguments,
            environment: environment, outputPath: outputPath, errorPath: errorPath)
        let output = FileManager.default.contents(atPath: outputPath) ?? Data()
        guard status == 0 else {
            let errors = FileManager.default.contents(atPath: errorPath) ?? Data()
            let message = String(decoding: errors, as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)
            throw Failure(description: "tmux \(arguments.prefix(3).joined(separator: " ")) failed (\(status)): \(message)")
        }
        return String(decoding: output, as: UTF8.self)
    }

    /// Runs `executable` with stdin from /dev/null and stdout/stderr into files; returns its
    /// exit status (128 + signal if it was killed).
    private static func spawnAndWait(_ executable: String, arguments: [String], environment: [String: String],
                                     outputPath: String, errorPath: String) throws -> Int32 {
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0)
        posix_spawn_file_actions_addopen(&actions, 1, outputPath, O_WRONLY | O_CREAT | O_TRUNC, 0o600)
        posix_spawn_file_actions_addopen(&actions, 2, errorPath, O_WRONLY | O_CREAT | O_TRUNC, 0o600)
        var argv = arguments.map { strdup($0) } + [nil]
        var envp = environment.map { strdup("\($0.key)=\($0.value)") } + [nil]
        defer {
            argv.forEach { free($0) }
            envp.forEach { free($0) }
        }
        // Test threads block signals; without a reset the tmux server would inherit a blocked
        // SIGCHLD and never learn that the pane's command ended.
        var attributes = posix_spawnattr_t()
        posix_spawnattr_init(&attributes)
        defer { posix_spawnattr_destroy(&attributes) }
        var emptyMask = sigset_t(), defaults = sigset_t()
        sigemptyset(&emptyMask)
        sigfillset(&defaults)
        posix_spawnattr_setsigmask(&attributes, &emptyMask)
        posix_spawnattr_setsigdefault(&attributes, &defaults)
        posix_spawnattr_setflags(&attributes, Int16(POSIX_SPAWN_SETSIGMASK | POSIX_SPAWN_SETSIGDEF))
        var pid = pid_t()
        let spawned = posix_spawn(&pid, executable, &actions, &attributes, &argv, &envp)
        guard spawned == 0 else { throw Failure(description: "cannot run \(executable): errno \(spawned)") }
        var status: Int32 = 0
        while waitpid(pid, &status, 0) < 0 {
            guard errno == EINTR else { throw Failure(description: "waitpid failed: errno \(errno)") }
        }
        let signal = status & 0x7F
        return signal != 0 ? 128 + signal : (status >> 8) & 0xFF
    }
}

/// Finds binaries built by `swift build` for end-to-end tests.
enum BuiltProducts {
    /// The folder holding the test bundle, which is where SwiftPM puts the products
    /// (.build/<triple>/debug/ next to FunnelPackageTests.xctest).
    static func productsFolder() -> URL? {
        // Linux: the test runner is the .xctest executable itself.
        let executable = URL(fileURLWithPath: "/proc/self/exe").resolvingSymlinksInPath()
        if executable.path.hasSuffix(".xctest") { return executable.deletingLastPathComponent() }
        // macOS: a .xctest bundle loaded by xctest or swiftpm-testing-helper.
        if let bundle = Bundle.allBundles.first(where: { $0.bundlePath.hasSuffix(".xctest") }) {
            return bundle.bundleURL.deletingLastPathComponent()
        }
        return nil
    }

    /// The path of the built product `name` (e.g. "funnel"); throws, naming where it looked,
    /// if it is not there.
    static func path(of name: String) throws -> String {
        guard let folder = productsFolder() else {
            throw Tmux.Failure(description: "cannot tell where the test bundle is, so cannot find \(name)")
        }
        let path = folder.appendingPathComponent(name).path
        guard FileManager.default.isExecutableFile(atPath: path) else {
            throw Tmux.Failure(description: "\(name) is not built at \(path) (run swift build first)")
        }
        return path
    }

    /// The `funnel` binary under test.
    static func funnel() throws -> String { try path(of: "funnel") }
}

extension String {
    /// Quoted for `sh`, for building `Tmux.start(command:)` strings from paths.
    var shellQuoted: String { "'" + replacingOccurrences(of: "'", with: "'\\''") + "'" }
}
