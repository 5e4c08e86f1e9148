import Foundation
import Testing

/// A temporary folder with a store, the built `funnel` binary, and the pinned clock every run sees.
struct Workspace {
    /// Sunday 22 November 2026, 09:30 in Lisbon (UTC+0 in November).
    static let now = "2026-11-22T09:30:00Z"
    static let timeZone = "Europe/Lisbon"
    /// Waits in these tests allow for a machine busy building.
    static let patience: Duration = .seconds(30)

    /// The checkout (this file is Tests/EndToEndTests/Support/Workspace.swift).
    static let repositoryRoot = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    /// The line the pane prints before the board takes the terminal.
    static let before = "before funnel: the shell printed this"

    let folder: URL
    let binary: String
    var db: String { folder.appendingPathComponent("desk.sqlite").path }

    init() throws {
        binary = try BuiltProducts.funnel()
        folder = FileManager.default.temporaryDirectory.appendingPathComponent("funnel-e2e-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
    }

    func remove() { try? FileManager.default.removeItem(at: folder) }

    /// What every `funnel` run sees: pinned time, UTF-8, a private HOME, colours on. (`swift test`
    /// can run its tests with NO_COLOR=1 (it does with its output piped), and the tmux server
    /// passes its environment on to the pane: an empty NO_COLOR makes every run the same.)
    var environment: [String: String] {
        [
            "FUNNEL_NOW": Self.now, "FUNNEL_TZ": Self.timeZone, "NO_COLOR": "",
            "HOME": folder.path, "XDG_DATA_HOME": folder.appendingPathComponent("data").path,
            "XDG_CONFIG_HOME": folder.appendingPathComponent("config").path,
            "LANG": "C.UTF-8", "LC_ALL": "C.UTF-8", "SWIFT_BACKTRACE": "interactive=no",
        ]
    }

    /// Runs `funnel args…` as a script would (no terminal).
    func funnel(_ args: [String]) throws -> Spawn.Result {
        try Spawn.run(binary, args, environment: environment)
    }

    /// `funnel show ID --json`, parsed.
    func show(_ id: Int64) throws -> [String: Any] {
        let result = try funnel(["show", "\(id)", "--db", db, "--json"])
        guard result.code == 0, let object = try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [String: Any] else {
            throw Tmux.Failure(description: "funnel show \(id) --json failed: exit \(result.code)\n\(result.stderr)\(result.stdout)")
        }
        return object
    }

    /// sample-data/, the demo desk's source and its mailbox.
    static var sampleData: String { repositoryRoot.appendingPathComponent("sample-data").path }

    /// Builds the demo desk from sample-data/ into this workspace's store (`funnel demo --no-open`).
    func buildDemoDesk(sourceLocation: SourceLocation = #_sourceLocation) throws {
        let built = try funnel(["demo", "--db", db, "--no-open", "--from", Self.sampleData])
        try #require(built.code == 0, "funnel demo failed: \(built.stderr)", sourceLocation: sourceLocation)
    }

    /// The board on this store in a tmux pane: a line printed first (so the test can see the
    /// shell's screen come back), then `funnel` exec'd (so `commandPID()` is the board's pid).
    func board(width: Int = 80, height: Int = 24) throws -> Tmux {
        let tmux = Tmux()
        try tmux.start(command: "printf '%s\\n' \(Self.before.shellQuoted); exec \(binary.shellQuoted) --db \(db.shellQuoted)",
                       width: width, height: height, env: environment, directory: folder.path)
        return tmux
    }
}
