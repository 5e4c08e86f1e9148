import Foundation
import GRDB
import Testing

/// The store file itself: where it is created, with what permissions, and what happens when
/// `--db` names something that is not a usable store.
@Suite struct StoreFileTests {
    let sandbox: Sandbox

    init() throws { sandbox = try Sandbox() }

    @Test func aNewStoreAndItsFolderAreOwnerOnly() throws {
        let path = sandbox.path("new/folder/desk.sqlite")
        let result = try sandbox.run("add", "--db", path, "--first", "Zoë")
        #expect(result.code == 0, "\(result)")
        #expect(try StoreFile.mode(path) == 0o600)
        #expect(try StoreFile.mode(sandbox.path("new/folder")) == 0o700)
        for suffix in ["-wal", "-shm"] where FileManager.default.fileExists(atPath: path + suffix) {
            #expect(try StoreFile.mode(path + suffix) & 0o077 == 0)
        }
    }

    @Test func theDefaultStoreIsUnderXDGDataHome() throws {
        _ = try sandbox.add("--first", "Zoë")
        #expect(FileManager.default.fileExists(atPath: sandbox.store))
        #expect(try StoreFile.mode(sandbox.store) == 0o600)
        #expect(try StoreFile.mode(sandbox.path("data/funnel")) == 0o700)
    }

    @Test func dbOptionBeatsFunnelDBWhichBeatsXDG() throws {
        let fromEnv = sandbox.path("env/desk.sqlite"), fromOption = sandbox.path("option/desk.sqlite")
        #expect(try sandbox.run("add", "--first", "Env", env: ["FUNNEL_DB": fromEnv]).code == 0)
        #expect(try sandbox.run("add", "--db", fromOption, "--first", "Option", env: ["FUNNEL_DB": fromEnv]).code == 0)
        #expect(try sandbox.run("--db", fromOption, "add", "--first", "Before", env: ["FUNNEL_DB": fromEnv]).code == 0)
        #expect(try StoreFile.count(fromEnv, "SELECT count(*) FROM candidate") == 1)
        #expect(try StoreFile.count(fromOption, "SELECT count(*) FROM candidate") == 2)
        #expect(!FileManager.default.fileExists(atPath: sandbox.store))
    }

    @Test func aFolderIsNotAStore() throws {
        let folder = sandbox.path("a-folder")
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        let result = try sandbox.run("list", "--db", folder)
        #expect(result.code == 4)
        #expect(result.stderr == "funnel: \(folder) is a folder, not a store file\n")
        #expect(try FileManager.default.contentsOfDirectory(atPath: folder).isEmpty)
    }

    @Test func aTextFileIsRefusedAndLeftAlone() throws {
        let file = sandbox.path("notes.txt")
        let content = Data("Call Zoë on Monday\n".utf8)
        try content.write(to: URL(fileURLWithPath: file))
        for args in [["list"], ["add", "--first", "Ana"], ["show", "1"]] {
            let result = try sandbox.run(args + ["--db", file])
            #expect(result.code == 4)
            #expect(result.stderr == "funnel: \(file) is not a Funnel store (not an SQLite database)\n")
        }
        #expect(try Data(contentsOf: URL(fileURLWithPath: file)) == content)
    }

    /// Another program's SQLite database is refused before it is opened for writing: not even its
    /// journal mode changes (the bytes are identical).
    @Test func anotherProgramsDatabaseIsRefusedByteForByte() throws {
        let file = sandbox.path("other.db")
        do { // a plain SQLite database in rollback-journal mode, as most programs leave theirs
            let other = try DatabaseQueue(path: file)
            try other.write { db in try db.execute(sql: "CREATE TABLE x(y); INSERT INTO x VALUES (1)") }
            try other.close()
        }
        let bytes = try Data(contentsOf: URL(fileURLWithPath: file))
        let result = try sandbox.run("add", "--db", file, "--first", "Ana")
        #expect(result.code == 4)
        #expect(result.stderr == "funnel: \(file) is an SQLite database but not a Funnel store\n")
        #expect(try Data(contentsOf: URL(fileURLWithPath: file)) == bytes)
        #expect(!FileManager.default.fileExists(atPath: file + "-wal"))
    }

    /// A store the user cannot read. Root reads any file, so as root the binary runs as `nobody`
    /// (setpriv), from a copy of the binary in a folder nobody can reach.
    @Test func anUnreadableStoreIsRefusedAndUnchanged() throws {
        let folder = sandbox.path("shared")
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        try FileManager.default.setAttributes([.posixPermissions: 0o755], ofItemAtPath: sandbox.root.path)
        try FileManager.default.setAttributes([.posixPermissions: 0o755], ofItemAtPath: folder)
        let store = folder + "/desk.sqlite"
        #expect(try sandbox.run("add", "--db", store, "--first", "Zoë").code == 0)
        let before = try StoreFile.dump(store)
        try FileManager.default.setAttributes([.posixPermissions: 0o000], ofItemAtPath: store)
        defer { try? FileManager.default.setAttributes([.posixPermissions: 0o600], ofItemAtPath: store) }

        var prefix: [String] = []
        var executable: URL? = nil
        if getuid() == 0 {
            let copy = sandbox.root.appendingPathComponent("bin/funnel")
            try FileManager.default.createDirectory(at: copy.deletingLastPathComponent(), withIntermediateDirectories: true)
            try FileManager.default.copyItem(at: FunnelBinary.url, to: copy)
            try FileManager.default.setAttributes([.posixPermissions: 0o755], ofItemAtPath: copy.deletingLastPathComponent().path)
            executable = copy
            prefix = ["/usr/bin/setpriv", "--reuid=65534", "--regid=65534", "--clear-groups", "--"]
        }
        for args in [["list", "--db", store], ["add", "--db", store, "--first", "Ana"]] {
            let result = try FunnelBinary.run(args, home: sandbox.root, executable: executable, prefix: prefix)
            #expect(result.code == 4, "\(result)")
            #expect(result.stderr == "funnel: cannot read the store \(store): Permission denied\n")
        }
        try FileManager.default.setAttributes([.posixPermissions: 0o600], ofItemAtPath: store)
        #expect(try StoreFile.dump(store) == before)
    }
}
