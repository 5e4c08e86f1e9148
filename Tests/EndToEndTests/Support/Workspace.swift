import Foundation

/// A temporary folder with a store, the built `funnel` binary, and the pinned clock every run sees.
struct Workspace {
    /// Sunday 22 November 2026, 09:30 in Lisbon (UTC+0 in November).
    static let now = "2026-11-22T09:30:00Z"
    static let timeZone = "Europe/Lisbon"

    /// The checkout (this file is Tests/EndToEndTests/Support/Workspace.swift).
    static let repositoryRoot = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    /// `.build/<triple>/debug/funnel`, beside the test bundle (`swift test` builds it because the
    /// test target depends on it).
    static let binary: String = {
        var folders = [URL(fileURLWithPath: "/proc/self/exe").resolvingSymlinksInPath().deletingLastPathComponent()]
        for bundle in Bundle.allBundles where bundle.bundlePath.hasSuffix(".xctest") {
            folders.append(bundle.bundleURL.deletingLastPathComponent())
        }
        folders.append(repositoryRoot.appendingPathComponent(".build/debug"))
        for folder in folders where FileManager.default.isExecutableFile(atPath: folder.appendingPathComponent("funnel").path) {
            return folder.appendingPathComponent("funnel").path
        }
        fatalError("the funnel binary was not found next to the tests (looked in \(folders.map(\.path)))")
    }()

    let folder: URL
    var db: String { folder.appendingPathComponent("desk.sqlite").path }
    var pidFile: String { folder.appendingPathComponent("funnel.pid").path }

    init() throws {
        folder = FileManager.default.temporaryDirectory.appendingPathComponent("funnel-e2e-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
    }

    /// Removes the folder; a board still running on this store (a test that failed midway) is killed
    /// first, after checking the pid is still that board and not a reused number.
    func remove() {
        if let pid = try? boardPID(),
           let command = try? String(contentsOfFile: "/proc/\(pid)/cmdline", encoding: .utf8), command.contains(db) {
            kill(pid, SIGKILL)
        }
        try? FileManager.default.removeItem(at: folder)
    }

    /// What every `funnel` run sees: pinned time, UTF-8, a private HOME, no crash prompt.
    var environment: [String: String] {
        [
            "FUNNEL_NOW": Self.now, "FUNNEL_TZ": Self.timeZone,
            "LANG": "C.UTF-8", "LC_ALL": "C.UTF-8",
            "HOME": folder.path, "XDG_DATA_HOME": folder.appendingPathComponent("data").path,
            "XDG_CONFIG_HOME": folder.appendingPathComponent("config").path,
            "SWIFT_BACKTRACE": "interactive=no",
        ]
    }

    /// Runs `funnel args…` as a script would (no terminal) and returns what it printed.
    func funnel(_ args: [String]) throws -> Shell.Result {
        try Shell.run(Self.binary, args, environment: environment)
    }

    /// `funnel show ID --json`, parsed.
    func show(_ id: Int64) throws -> [String: Any] {
        let result = try funnel(["show", "\(id)", "--db", db, "--json"])
        guard result.code == 0, let object = try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [String: Any] else {
            throw Tmux.Failure(description: "funnel show \(id) --json failed: exit \(result.code)\n\(result.stderr)\(result.stdout)")
        }
        return object
    }

    /// A tmux pane at `width × height` that prints a line, runs the board on the store (writing
    /// its pid first), prints its exit status, then leaves an interactive shell to prove the
    /// terminal still works.
    func board(width: Int = 80, height: Int = 24) throws -> Tmux {
        let script = folder.appendingPathComponent("board.sh")
        try """
            printf 'before funnel: the shell printed this\\n'
            sh -c 'echo $$ > "$PID_FILE"; exec "$FUNNEL" --db "$DB"'
            printf 'funnel exited %s\\n' "$?"
            PS1='$ ' exec /bin/sh -i
            """.write(to: script, atomically: true, encoding: .utf8)
        var env = environment
        env["FUNNEL"] = Self.binary
        env["DB"] = db
        env["PID_FILE"] = pidFile
        return try Tmux(width: width, height: height, command: "/bin/sh \(script.path)", environment: env, folder: folder)
    }

    /// The pid of the running board, once it has written it.
    func boardPID() throws -> pid_t {
        guard let text = try? String(contentsOfFile: pidFile, encoding: .utf8),
              let pid = pid_t(text.trimmingCharacters(in: .whitespacesAndNewlines)) else {
            throw Tmux.Failure(description: "the board did not write its pid to \(pidFile)")
        }
        return pid
    }
}
