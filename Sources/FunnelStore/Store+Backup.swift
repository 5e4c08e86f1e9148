import Foundation
import FunnelCore
import GRDB

/// What a backup wrote.
public struct BackupReport: Sendable, Equatable {
    public var path: String
    public var bytes: Int64
    public var candidates: Int
    public var seconds: Double
}

extension Store {
    /// Copies the store to `destination` with SQLite's online backup: one read transaction, so
    /// the copy is the consistent state of one moment even while the app (another connection)
    /// keeps writing. The copy is written to an owner-only temporary file beside the destination
    /// and moved into place only when complete, so a failed backup leaves no half file.
    ///
    /// An existing destination is refused unless `overwrite` (`--force`).
    @discardableResult
    public func backup(to destination: String, overwrite: Bool = false) throws -> BackupReport {
        let clock = ContinuousClock()
        let started = clock.now
        let target = URL(fileURLWithPath: destination)
        if let path, URL(fileURLWithPath: path).standardizedFileURL.path == target.standardizedFileURL.path {
            throw FunnelError.refused("the backup cannot overwrite the store itself")
        }
        var isDirectory: ObjCBool = false
        if FileManager.default.fileExists(atPath: destination, isDirectory: &isDirectory) {
            if isDirectory.boolValue { throw FunnelError.invalid("\(destination) is a folder: name the backup file") }
            if !overwrite { throw FunnelError.refused("\(destination) already exists: choose another name, or --force to replace it") }
        }
        try Store.createOwnerOnly(folder: target.deletingLastPathComponent())
        let temporary = target.deletingLastPathComponent()
            .appendingPathComponent(".\(target.lastPathComponent).\(ProcessInfo.processInfo.processIdentifier).partial").path
        try? FileManager.default.removeItem(atPath: temporary)
        guard try Store.createOwnerOnly(file: temporary) else {
            throw FunnelError.store("cannot create the backup \(temporary): \(String(cString: strerror(EEXIST)))")
        }
        var keep = false
        defer {
            if !keep {
                for suffix in ["", "-wal", "-shm", "-journal"] { try? FileManager.default.removeItem(atPath: temporary + suffix) }
            }
        }
        do {
            var config = Configuration()
            config.prepareDatabase { db in try db.execute(sql: "PRAGMA secure_delete = ON") }
            let copy = try DatabaseQueue(path: temporary, configuration: config)
            try writer.backup(to: copy)
            // The copy is a single self-contained file: no WAL beside it.
            try copy.writeWithoutTransaction { db in try db.execute(sql: "PRAGMA journal_mode = DELETE") }
            try copy.close()
        } catch let error as FunnelError {
            throw error
        } catch {
            throw FunnelError.store("the backup failed: \(Store.describe(error))")
        }
        if overwrite {
            guard rename(temporary, destination) == 0 else {
                throw FunnelError.store("cannot move the backup into place at \(destination): \(String(cString: strerror(errno)))")
            }
        } else {
            // link() fails if the destination appeared meanwhile: never replace a file without --force.
            guard link(temporary, destination) == 0 else {
                if errno == EEXIST { throw FunnelError.refused("\(destination) already exists: choose another name, or --force to replace it") }
                throw FunnelError.store("cannot write the backup to \(destination): \(String(cString: strerror(errno)))")
            }
            unlink(temporary)
        }
        keep = true
        let attributes = try? FileManager.default.attributesOfItem(atPath: destination)
        let bytes = (attributes?[.size] as? NSNumber)?.int64Value ?? 0
        // Read back through a read-only connection (opening it as a store would turn WAL back on).
        var readOnly = Configuration()
        readOnly.readonly = true
        let candidates: Int
        do {
            candidates = try DatabaseQueue(path: destination, configuration: readOnly).read { db in
                try Int.fetchOne(db, sql: "SELECT count(*) FROM candidate") ?? 0
            }
        } catch {
            throw FunnelError.store("the backup at \(destination) cannot be read back: \(Store.describe(error))")
        }
        return BackupReport(path: destination, bytes: bytes, candidates: candidates, seconds: Store.seconds(clock.now - started))
    }
}
