import Foundation
import FunnelCore
import GRDB

/// Looking at an existing file before opening it for writing. Opening a file as a pool switches
/// it to WAL mode, which rewrites its header: a file that is not a Funnel store must be refused
/// before that, so that a mistyped `--db` never alters somebody else's database.
extension Store {
    /// What the first page of an SQLite file says, read without changing anything.
    struct Peek: Sendable {
        var applicationID: Int32
        var tableCount: Int
        /// `meta.demo`, when the file is a Funnel store that has it.
        var demoMark: String?
    }

    /// Refuses a folder, an unreadable file, a file that is not SQLite, and an SQLite database
    /// that belongs to another program; an empty file or a Funnel store passes.
    static func checkExistingStore(_ path: String) throws {
        var isFolder: ObjCBool = false
        if FileManager.default.fileExists(atPath: path, isDirectory: &isFolder), isFolder.boolValue {
            throw FunnelError.store("\(path) is a folder, not a store file")
        }
        guard access(path, R_OK) == 0 else {
            throw FunnelError.store("cannot read the store \(path): \(String(cString: strerror(errno)))")
        }
        try checkLooksLikeSQLite(path)
        guard let peek = peek(path) else { return } // damaged: the regular open reports it
        if peek.applicationID != Schema.applicationID && (peek.applicationID != 0 || peek.tableCount > 0) {
            throw FunnelError.store("\(path) is an SQLite database but not a Funnel store")
        }
    }

    /// Reads the application id, the number of tables and the demo mark of an SQLite file,
    /// opened read-only and `immutable` (no lock, no -wal or -shm file created), or nil when
    /// the file cannot be read as SQLite.
    ///
    /// `immutable` ignores a WAL that another process has not checkpointed yet. That is safe for
    /// what is read here: the application id and the first tables are written by the same
    /// migration transaction, and the demo mark is checkpointed before a demo file is published.
    static func peek(_ path: String) -> Peek? {
        var config = Configuration()
        config.readonly = true
        // SQLite's URI syntax: percent-escape the characters it reads specially.
        let escaped = path.replacingOccurrences(of: "%", with: "%25")
            .replacingOccurrences(of: "?", with: "%3f").replacingOccurrences(of: "#", with: "%23")
        guard let queue = try? DatabaseQueue(path: "file:\(escaped)?mode=ro&immutable=1", configuration: config) else {
            return nil
        }
        defer { try? queue.close() }
        return try? queue.read { db in
            let appID = try Int32.fetchOne(db, sql: "PRAGMA application_id") ?? 0
            let tables = try Int.fetchOne(db, sql: "SELECT count(*) FROM sqlite_master WHERE type = 'table'") ?? 0
            var mark: String?
            if try db.tableExists("meta") {
                mark = try String.fetchOne(db, sql: "SELECT value FROM meta WHERE key = 'demo'")
            }
            return Peek(applicationID: appID, tableCount: tables, demoMark: mark)
        }
    }
}
