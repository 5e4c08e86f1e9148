import Foundation
import FunnelCore
import GRDB

/// The one SQLite file that holds a desk. Every public write is one transaction that keeps the
/// store's invariants (stage history, last touch, counts, search index) in step.
///
/// Opening a file: the folder is created 0700 and the file 0600 (it holds personal data); the
/// file must be a Funnel store or empty; migrations bring an older store up to date; a store
/// written by a newer Funnel is refused rather than misread.
///
/// Concurrent use (several `funnel` processes and the board on one file, each with one
/// connection in WAL mode): every connection waits up to `busyTimeout` for a lock; every write transaction
/// begins IMMEDIATE (it takes the write lock before it reads, so it never has to upgrade a read
/// snapshot that another writer has made stale, an SQLITE_BUSY no timeout can wait out); opening
/// a current store writes nothing. See docs/data-model.md, "Concurrent use".
public struct Store: Sendable {
    /// The store's one connection: on the file (WAL), or in memory for tests.
    public let writer: any DatabaseWriter
    /// Where the file lives, or nil for an in-memory store.
    public let path: String?
    /// The words the match rule treats as the same; set from config.toml by `matching(with:)`.
    public internal(set) var matchVocabulary: MatchVocabulary = .standard

    init(writer: any DatabaseWriter, path: String?) {
        self.writer = writer
        self.path = path
    }

    /// Opens (creating if needed) the store at `path`.
    ///
    /// One connection (a `DatabaseQueue`), not a pool: every process reads and writes through
    /// one thread anyway, and the pool slowed every start (docs/performance.md, "Start, Esc and
    /// export"): three connections each parsing the schema (~3 ms each), and a transaction GRDB's
    /// pool writes whenever it finds the WAL missing, which it is after the last process closed
    /// the file (a new WAL header, two fsyncs, pages checkpointed back at exit). The file stays in
    /// WAL mode (the mode is kept in the file), so other processes read while this one writes,
    /// as before. Opening a current store writes nothing.
    public static func open(at path: String) throws -> Store {
        let url = URL(fileURLWithPath: path)
        try createOwnerOnly(folder: url.deletingLastPathComponent())
        // A file another process creates between the two calls counts as existing.
        let existed = try FileManager.default.fileExists(atPath: path) || !createOwnerOnly(file: path)
        if existed { try checkExistingStore(path) }
        let queue: DatabaseQueue
        do {
            queue = try DatabaseQueue(path: path, configuration: configuration())
        } catch {
            throw FunnelError.store("cannot open the store \(path): \(describe(error))")
        }
        let store = Store(writer: queue, path: path)
        // Refused before anything is written: another program's database, or a newer Funnel's.
        try store.checkBelongsToFunnel()
        try store.useWriteAheadLog()
        try store.migrate()
        return store
    }

    /// A private store in memory, with the same schema: for tests and dry runs.
    public static func inMemory() throws -> Store {
        let queue = try DatabaseQueue(configuration: configuration())
        let store = Store(writer: queue, path: nil)
        try store.migrate()
        return store
    }

    /// The connection settings every store uses.
    static func configuration() -> Configuration {
        var config = Configuration()
        config.foreignKeysEnabled = true
        // Wait for another process's lock rather than fail at once.
        config.busyMode = .timeout(busyTimeout)
        config.prepareDatabase { db in
            // Deleted content is overwritten, not just unlinked: erasure must leave no bytes.
            try db.execute(sql: "PRAGMA secure_delete = ON")
            // A committed change survives a crash of the process and of the machine.
            try db.execute(sql: "PRAGMA synchronous = FULL")
            // Keep the WAL from growing without bound after a large import.
            try db.execute(sql: "PRAGMA journal_size_limit = 67108864")
        }
        return config
    }

    /// How long a connection waits for another process's lock before the command fails with
    /// "the store is busy".
    public static let busyTimeout: TimeInterval = 10

    /// Applies pending migrations, refusing files that are not Funnel stores.
    ///
    /// The checks are a read: opening a store whose schema is current takes no write lock at
    /// all. Only a store that needs a migration is written, each migration in its own IMMEDIATE
    /// transaction (GRDB's migrator). Two processes may migrate the same file at once: the one
    /// that loses the race finds a migration it planned already applied (its own attempt fails
    /// and rolls back); it then looks again and carries on from what the other one committed.
    func migrate() throws {
        do {
            var applied = try readOnWriter { db -> Int in
                if let problem = try Store.problemOpening(db) {
                    throw FunnelError.store("\(self.path ?? "the store") \(problem)")
                }
                return try Schema.migrator.completedMigrations(db).count
            }
            while applied < Schema.migrationNames.count {
                do {
                    try Schema.migrator.migrate(writer)
                    return
                } catch {
                    let now = try readOnWriter { db in try Schema.migrator.completedMigrations(db).count }
                    // No progress by anybody: the failure is this store's, not a race.
                    if now <= applied { throw error }
                    applied = now
                }
            }
        } catch let error as FunnelError {
            throw error
        } catch {
            throw FunnelError.store("cannot open the store \(path ?? ""): \(Store.describe(error))")
        }
    }

    /// One read, in one snapshot, on the writer's connection: a DEFERRED read-only transaction,
    /// which takes no write lock and is never upgraded.
    func readOnWriter<T>(_ body: (Database) throws -> T) throws -> T {
        try writer.writeWithoutTransaction { db in
            var result: T?
            try db.readOnly {
                try db.inTransaction(.deferred) {
                    result = try body(db)
                    return .commit
                }
            }
            return result!
        }
    }

    /// The schema migrations applied to this store, oldest first.
    public func appliedMigrations() throws -> [String] {
        try writer.read { db in try Schema.migrator.appliedIdentifiers(db) }
            .sorted { Schema.migrationNames.firstIndex(of: $0) ?? 0 < Schema.migrationNames.firstIndex(of: $1) ?? 0 }
    }

    /// Every migration this version of Funnel knows, oldest first.
    public static var knownMigrations: [String] { Schema.migrationNames }

    /// Runs one write transaction, turning SQLite errors into one clear sentence.
    ///
    /// The transaction is IMMEDIATE: it takes the write lock (waiting up to `busyTimeout`)
    /// before its first read, so it can never fail at a read-to-write upgrade.
    /// `commit: false` rolls the transaction back once the body has run: a dry run that saw every
    /// effect of its own writes and keeps none.
    func write<T>(commit: Bool = true, _ body: (Database) throws -> T) throws -> T {
        do {
            return try writer.writeWithoutTransaction { db in
                var result: T?
                try db.inTransaction(.immediate) {
                    result = try body(db)
                    // Whatever the body wrote, answers and openings leave keyed for matching.
                    try Store.keyMatchTerms(db, vocabulary: matchVocabulary)
                    return commit ? .commit : .rollback
                }
                return result!
            }
        } catch let error as FunnelError {
            throw error
        } catch {
            throw FunnelError.store(Store.describe(error))
        }
    }

    /// Runs one read, with the same error translation.
    func read<T>(_ body: (Database) throws -> T) throws -> T {
        do {
            return try writer.read(body)
        } catch let error as FunnelError {
            throw error
        } catch {
            throw FunnelError.store(Store.describe(error))
        }
    }

    static func describe(_ error: Error) -> String {
        if let db = error as? DatabaseError {
            switch db.resultCode {
            case .SQLITE_NOTADB: return "the file is not an SQLite database"
            case .SQLITE_BUSY, .SQLITE_LOCKED:
                return "the store is busy (another process has held it for more than \(Int(busyTimeout)) seconds); try again"
            case .SQLITE_READONLY: return "the store is read-only"
            case .SQLITE_CANTOPEN: return "the file cannot be opened"
            case .SQLITE_FULL: return "the disk is full"
            default: return db.message ?? "\(db.resultCode)"
            }
        }
        return "\(error)"
    }

    // MARK: - Owner-only files

    static func createOwnerOnly(folder: URL) throws {
        let fm = FileManager.default
        var isDir: ObjCBool = false
        if fm.fileExists(atPath: folder.path, isDirectory: &isDir) {
            if !isDir.boolValue { throw FunnelError.store("\(folder.path) is not a folder") }
            return
        }
        do {
            try fm.createDirectory(at: folder, withIntermediateDirectories: true, attributes: [.posixPermissions: 0o700])
        } catch {
            throw FunnelError.store("cannot create the folder \(folder.path): \(error.localizedDescription)")
        }
    }

    /// Creates the empty file, 0600; returns false when it already exists (another process may
    /// have created it a moment ago).
    @discardableResult
    static func createOwnerOnly(file path: String) throws -> Bool {
        let fd = Foundation.open(path, O_CREAT | O_EXCL | O_WRONLY, 0o600)
        if fd < 0 && errno == EEXIST { return false }
        guard fd >= 0 else {
            throw FunnelError.store("cannot create the store \(path): \(String(cString: strerror(errno)))")
        }
        close(fd)
        return true
    }

    /// Refuses a file this Funnel must not open: another program's SQLite database, or a store
    /// written by a newer Funnel. A read, before `useWriteAheadLog` or a migration writes to it.
    /// The connection has the busy timeout like every other: without it, the read failed at once
    /// with SQLITE_BUSY whenever another process was closing the file (its last connection
    /// checkpoints and deletes the WAL under an exclusive lock) or recovering the WAL (issue 9).
    func checkBelongsToFunnel() throws {
        let problem: String?
        do {
            problem = try readOnWriter { db in try Store.problemOpening(db) }
        } catch {
            throw FunnelError.store("cannot open the store \(path ?? ""): \(Store.describe(error))")
        }
        if let problem {
            try? writer.close()
            throw FunnelError.store("\(path ?? "the store") \(problem)")
        }
    }

    /// Puts the file in WAL mode, which it keeps: a new store is switched once, a current one
    /// (already WAL, seen by the read before) is not written. `synchronous = FULL` stays as
    /// `configuration()` set it (GRDB's own WAL set-up, which lowered it to NORMAL, is not used).
    func useWriteAheadLog() throws {
        do {
            try writer.writeWithoutTransaction { db in
                guard try String.fetchOne(db, sql: "PRAGMA journal_mode")?.lowercased() != "wal" else { return }
                let mode = try String.fetchOne(db, sql: "PRAGMA journal_mode = WAL")
                guard mode?.lowercased() == "wal" else {
                    throw FunnelError.store("cannot open the store \(path ?? ""): it cannot be switched to WAL mode")
                }
            }
        } catch let error as FunnelError {
            throw error
        } catch {
            throw FunnelError.store("cannot open the store \(path ?? ""): \(Store.describe(error))")
        }
    }

    /// Why this database cannot be opened as a Funnel store, or nil if it can (empty counts as a store).
    static func problemOpening(_ db: Database) throws -> String? {
        let appID = try Int32.fetchOne(db, sql: "PRAGMA application_id") ?? 0
        // GRDB's migrator creates its (empty) grdb_migrations table before the first migration's
        // transaction, which sets the application id: a store another process is creating right
        // now looks like that for a moment, and is still an empty store, not another program's.
        let tables = try Int.fetchOne(db, sql: "SELECT count(*) FROM sqlite_master WHERE type = 'table' AND name <> 'grdb_migrations'") ?? 0
        let applied = try Schema.migrator.appliedIdentifiers(db)
        if appID != Schema.applicationID && (appID != 0 || tables > 0 || !applied.isEmpty) {
            return "is an SQLite database but not a Funnel store"
        }
        let unknown = applied.subtracting(Schema.migrationNames)
        if !unknown.isEmpty {
            return "was written by a newer version of Funnel (schema \(unknown.sorted().joined(separator: ", "))); upgrade funnel to open it"
        }
        return nil
    }

    /// An empty file is fine (SQLite will initialise it); anything else must start with the
    /// SQLite header, so a stray text file is refused rather than damaged.
    static func checkLooksLikeSQLite(_ path: String) throws {
        guard let handle = FileHandle(forReadingAtPath: path) else {
            throw FunnelError.store("cannot read the store \(path): permission denied or not a file")
        }
        defer { try? handle.close() }
        let header = (try? handle.read(upToCount: 16)) ?? Data()
        if header.isEmpty { return }
        if header != Data("SQLite format 3\0".utf8) {
            throw FunnelError.store("\(path) is not a Funnel store (not an SQLite database)")
        }
    }
}
