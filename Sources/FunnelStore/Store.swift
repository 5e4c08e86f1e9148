import Foundation
import FunnelCore
import GRDB

/// The one SQLite file that holds a desk. Every public write is one transaction that keeps the
/// store's invariants (stage history, last touch, counts, search index) in step.
///
/// Opening a file: the folder is created 0700 and the file 0600 (it holds personal data); the
/// file must be a Funnel store or empty; migrations bring an older store up to date; a store
/// written by a newer Funnel is refused rather than misread.
public struct Store: Sendable {
    /// The connection pool (WAL) or a single in-memory queue for tests.
    public let writer: any DatabaseWriter
    /// Where the file lives, or nil for an in-memory store.
    public let path: String?

    init(writer: any DatabaseWriter, path: String?) {
        self.writer = writer
        self.path = path
    }

    /// Opens (creating if needed) the store at `path`.
    public static func open(at path: String) throws -> Store {
        let url = URL(fileURLWithPath: path)
        try createOwnerOnly(folder: url.deletingLastPathComponent())
        let existed = FileManager.default.fileExists(atPath: path)
        if existed {
            try checkExistingStore(path)
        } else {
            try createOwnerOnly(file: path)
        }
        let pool: DatabasePool
        do {
            pool = try DatabasePool(path: path, configuration: configuration())
        } catch {
            throw FunnelError.store("cannot open the store \(path): \(describe(error))")
        }
        let store = Store(writer: pool, path: path)
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
        config.busyMode = .timeout(10)
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

    /// Applies pending migrations, refusing files that are not Funnel stores.
    func migrate() throws {
        do {
            try writer.write { db in
                let appID = try Int32.fetchOne(db, sql: "PRAGMA application_id") ?? 0
                let tables = try Int.fetchOne(db, sql: "SELECT count(*) FROM sqlite_master WHERE type = 'table'") ?? 0
                if appID != Schema.applicationID && (appID != 0 || tables > 0) {
                    throw FunnelError.store("\(self.path ?? "the store") is an SQLite database but not a Funnel store")
                }
                let applied = try Schema.migrator.appliedIdentifiers(db)
                let unknown = applied.subtracting(Schema.migrationNames)
                if !unknown.isEmpty {
                    throw FunnelError.store(
                        "\(self.path ?? "the store") was written by a newer version of Funnel (schema \(unknown.sorted().joined(separator: ", "))); upgrade funnel to open it")
                }
            }
            try Schema.migrator.migrate(writer)
        } catch let error as FunnelError {
            throw error
        } catch {
            throw FunnelError.store("cannot open the store \(path ?? ""): \(Store.describe(error))")
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
    func write<T>(_ body: (Database) throws -> T) throws -> T {
        do {
            return try writer.write(body)
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
            case .SQLITE_BUSY, .SQLITE_LOCKED: return "the store is busy (another process is writing); try again"
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

    static func createOwnerOnly(file path: String) throws {
        let fd = Foundation.open(path, O_CREAT | O_EXCL | O_WRONLY, 0o600)
        guard fd >= 0 else {
            throw FunnelError.store("cannot create the store \(path): \(String(cString: strerror(errno)))")
        }
        close(fd)
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
