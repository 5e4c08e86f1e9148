import GRDB

extension Store {
    /// A number that changes when another connection (another `funnel` process, sqlite3, a
    /// teammate's CLI) commits to the file, and never for this store's own writes: SQLite's
    /// `data_version` of the one writer connection. The board asks it only when the file's size
    /// or time changed, to tell its own writes (already on screen) from someone else's.
    public func outsideCommitCounter() throws -> Int {
        try writer.writeWithoutTransaction { db in try Int.fetchOne(db, sql: "PRAGMA data_version") ?? 0 }
    }
}
