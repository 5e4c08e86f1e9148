import Foundation
import GRDB

/// What one run of the binary printed and returned.
struct RunResult: CustomStringConvertible {
    var stdout: String
    var stderr: String
    var code: Int32

    var description: String { "exit \(code)\nstdout: \(stdout)\nstderr: \(stderr)" }

    /// stdout parsed as JSON.
    func json() throws -> Any { try JSONSerialization.jsonObject(with: Data(stdout.utf8)) }
}

/// The built `funnel` executable, run as a separate process exactly as a user or script runs it.
enum FunnelBinary {
    /// `.build/<triple>/debug/funnel`, beside the test bundle (`swift test` builds it first
    /// because the test target depends on the `funnel` product).
    static let url: URL = {
        var folders: [URL] = []
        folders.append(URL(fileURLWithPath: "/proc/self/exe").resolvingSymlinksInPath().deletingLastPathComponent())
        if let main = Bundle.main.executableURL { folders.append(main.resolvingSymlinksInPath().deletingLastPathComponent()) }
        for bundle in Bundle.allBundles where bundle.bundlePath.hasSuffix(".xctest") {
            folders.append(bundle.bundleURL.deletingLastPathComponent())
        }
        folders.append(repositoryRoot.appendingPathComponent(".build/debug"))
        for folder in folders {
            let candidate = folder.appendingPathComponent("funnel")
            if FileManager.default.isExecutableFile(atPath: candidate.path) { return candidate }
        }
        fatalError("the funnel binary was not found next to the tests (looked in \(folders.map(\.path)))")
    }()

    /// The checkout these tests belong to (this file is Tests/FunnelCLITests/Support/FunnelBinary.swift).
    static let repositoryRoot = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    static let fixtures = repositoryRoot.appendingPathComponent("Tests/FunnelCLITests/Fixtures")

    /// The instant and zone every run sees unless a test says otherwise: a Sunday, in Lisbon (UTC+0 in November).
    static let now = "2026-11-22T09:30:00Z"
    static let timeZone = "Europe/Lisbon"

    /// Runs `funnel args…` with `home` as its HOME and XDG folders, time pinned with FUNNEL_NOW and
    /// FUNNEL_TZ, FUNNEL_DB unset, stdin from `stdin` (else /dev/null: not a terminal), and
    /// output captured in files (a pipe could fill up and block a large `list --json`).
    static func run(_ args: [String], env: [String: String] = [:], stdin: String? = nil, home: URL,
                    currentDirectory: URL? = nil, executable: URL? = nil, prefix: [String] = []) throws -> RunResult {
        let fm = FileManager.default
        let io = home.appendingPathComponent(".io-\(UUID().uuidString)")
        try fm.createDirectory(at: io, withIntermediateDirectories: true)
        defer { try? fm.removeItem(at: io) }
        let outURL = io.appendingPathComponent("out"), errURL = io.appendingPathComponent("err"), inURL = io.appendingPathComponent("in")
        _ = fm.createFile(atPath: outURL.path, contents: nil)
        _ = fm.createFile(atPath: errURL.path, contents: nil)
        _ = fm.createFile(atPath: inURL.path, contents: Data((stdin ?? "").utf8))

        var environment: [String: String] = [
            "PATH": ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin",
            "HOME": home.appendingPathComponent("home").path,
            "XDG_DATA_HOME": home.appendingPathComponent("data").path,
            "XDG_CONFIG_HOME": home.appendingPathComponent("config").path,
            "FUNNEL_NOW": now,
            "FUNNEL_TZ": timeZone,
            "LANG": "C.UTF-8",
            "SWIFT_BACKTRACE": "enable=no",
        ]
        for (key, value) in env { environment[key] = value }

        let process = Process()
        let binary = executable ?? url
        if prefix.isEmpty {
            process.executableURL = binary
            process.arguments = args
        } else {
            process.executableURL = URL(fileURLWithPath: prefix[0])
            process.arguments = Array(prefix.dropFirst()) + [binary.path] + args
        }
        process.environment = environment
        process.currentDirectoryURL = currentDirectory ?? home
        let outHandle = try FileHandle(forWritingTo: outURL), errHandle = try FileHandle(forWritingTo: errURL)
        let inHandle = stdin == nil ? FileHandle.nullDevice : try FileHandle(forReadingFrom: inURL)
        process.standardOutput = outHandle
        process.standardError = errHandle
        process.standardInput = inHandle
        try process.run()
        process.waitUntilExit()
        try outHandle.close()
        try errHandle.close()
        return RunResult(stdout: try String(contentsOf: outURL, encoding: .utf8),
                         stderr: try String(contentsOf: errURL, encoding: .utf8),
                         code: process.terminationStatus)
    }
}

/// A temporary folder standing in for a user's home, with a store in it; removed at the end.
final class Sandbox: Sendable {
    let root: URL

    init() throws {
        root = FileManager.default.temporaryDirectory.appendingPathComponent("funnel-cli-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: root, withIntermediateDirectories: true)
    }

    deinit { try? FileManager.default.removeItem(at: root) }

    /// The default store of this sandbox ($XDG_DATA_HOME/funnel/funnel.sqlite).
    var store: String { root.appendingPathComponent("data/funnel/funnel.sqlite").path }
    /// The default demo store ($XDG_DATA_HOME/funnel/demo.sqlite).
    var demoStore: String { root.appendingPathComponent("data/funnel/demo.sqlite").path }

    func path(_ relative: String) -> String { root.appendingPathComponent(relative).path }

    @discardableResult
    func run(_ args: String..., env: [String: String] = [:], stdin: String? = nil) throws -> RunResult {
        try FunnelBinary.run(args, env: env, stdin: stdin, home: root)
    }

    func run(_ args: [String], env: [String: String] = [:], stdin: String? = nil) throws -> RunResult {
        try FunnelBinary.run(args, env: env, stdin: stdin, home: root)
    }

    /// Adds a candidate through the binary and returns the new id.
    func add(_ args: String...) throws -> Int64 {
        let result = try run(["add"] + args)
        guard result.code == 0, let id = Int64(result.stdout.trimmingCharacters(in: .whitespacesAndNewlines)) else {
            throw SandboxError.failed("add \(args): \(result)")
        }
        return id
    }
}

enum SandboxError: Error { case failed(String) }

/// The store file read independently of the binary, through GRDB, read-only.
enum StoreFile {
    /// Every table's rows and the schema, as text lines: equal dumps mean equal logical content.
    static func dump(_ path: String) throws -> [String] {
        try withDatabase(path) { db in
            var lines = try String.fetchAll(db, sql: "SELECT type || ' ' || name || ' ' || coalesce(sql, '') FROM sqlite_master ORDER BY type, name")
            lines.append("application_id \(try Int.fetchOne(db, sql: "PRAGMA application_id") ?? 0)")
            for table in try String.fetchAll(db, sql: "SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name") {
                for row in try Row.fetchAll(db, sql: "SELECT * FROM \(table.quotedDatabaseIdentifier)") {
                    lines.append("\(table) \(row)")
                }
            }
            return lines
        }
    }

    /// Reads with a read-only connection. Such a connection on a WAL store creates empty -wal and
    /// -shm files when there were none; they are removed again so that tests can list the folder.
    static func withDatabase<T>(_ path: String, _ body: (Database) throws -> T) throws -> T {
        let fm = FileManager.default
        let sideFiles = ["-wal", "-shm"].map { path + $0 }.filter { !fm.fileExists(atPath: $0) }
        defer { for file in sideFiles { try? fm.removeItem(atPath: file) } }
        var config = Configuration()
        config.readonly = true
        let queue = try DatabaseQueue(path: path, configuration: config)
        defer { try? queue.close() }
        return try queue.read(body)
    }

    static func count(_ path: String, _ sql: String, _ arguments: StatementArguments = []) throws -> Int {
        try withDatabase(path) { db in try Int.fetchOne(db, sql: sql, arguments: arguments) ?? -1 }
    }

    /// POSIX permission bits of a file or folder.
    static func mode(_ path: String) throws -> Int {
        (try FileManager.default.attributesOfItem(atPath: path)[.posixPermissions] as? NSNumber)?.intValue ?? -1
    }
}
