import Foundation
import FunnelCore
import GRDB

/// What an erasure removed and what it cost; the person's name is reported to the caller once
/// and stored nowhere.
public struct ErasureReport: Sendable, Equatable {
    public var candidateID: Int64
    /// "Jane Doe": for the confirmation line, never written to the store.
    public var name: String
    public var touches: Int
    public var stageChanges: Int
    public var futureRoles: Int
    public var tags: Int
    /// Candidates whose `referred_by` pointed at the erased one (now empty).
    public var referralsCleared: Int
    /// Seconds spent in the erase transaction, the rewrite ('optimize') of the person's partition
    /// of the search index and the WAL checkpoint: docs/import-export.md records them.
    public var deleteSeconds: Double
    public var optimizeSeconds: Double
    public var checkpointSeconds: Double
    /// Whether the WAL was checkpointed into the database file and truncated to zero bytes. False
    /// when another connection held a read transaction open throughout the wait (its old page
    /// images stay in the WAL until the next checkpoint).
    public var walTruncated: Bool
    /// Free pages left in the file (zeroed by secure_delete).
    public var freePages: Int
}

extension Store {
    /// Erases a candidate (the right to be forgotten): their row, touches, stage history, future
    /// roles, tags and search document in ONE transaction, referrals to them emptied, and an
    /// audit row that keeps only "candidate #ID erased at TIME".
    ///
    /// Then it makes sure no bytes of them remain in the files:
    /// - every connection runs with `secure_delete` on, so deleted cells and freed pages are
    ///   overwritten with zeros rather than unlinked;
    /// - FTS5 leaves a deleted document's terms in its old index segments (only a delete marker
    ///   is added) until those segments are merged: the 'optimize' command merges them all into
    ///   one, which frees (and so zeroes) the old pages. The index is partitioned by id
    ///   (`SearchIndex`), so this rewrites only the person's partition, at most 32,768 documents
    ///   whatever the size of the desk (docs/import-export.md);
    /// - the WAL keeps the old page images until a checkpoint: `checkpoint(.truncate)` copies the
    ///   clean pages into the database file and empties the WAL.
    @discardableResult
    public func erase(_ id: Int64, at now: Date) throws -> ErasureReport {
        let clock = ContinuousClock()
        let started = clock.now
        var report = try write { db -> ErasureReport in
            let candidate = try Store.fetchCandidate(db, id)
            func delete(_ sql: String) throws -> Int {
                try db.execute(sql: sql, arguments: [id])
                return db.changesCount
            }
            let touches = try delete("DELETE FROM touchpoint WHERE candidate_id = ?")
            let stageChanges = try delete("DELETE FROM stage_change WHERE candidate_id = ?")
            let futureRoles = try delete("DELETE FROM future_role WHERE candidate_id = ?")
            let tags = try delete("DELETE FROM candidate_tag WHERE candidate_id = ?")
            let referrals = try delete("UPDATE candidate SET referred_by = NULL WHERE referred_by = ?")
            try SearchIndex.delete(db, id: id)
            _ = try delete("DELETE FROM candidate WHERE id = ?")
            try db.execute(sql: "INSERT INTO audit (at, event) VALUES (?, ?)",
                           arguments: [Rows.seconds(now), "candidate #\(id) erased at \(Instant.format(now))"])
            let deleted = clock.now
            // In the same transaction: the erasure and the scrubbing of the index commit together.
            try SearchIndex.scrub(db, id: id)
            let optimized = clock.now
            return ErasureReport(candidateID: id, name: candidate.fullName, touches: touches, stageChanges: stageChanges,
                                 futureRoles: futureRoles, tags: tags, referralsCleared: referrals,
                                 deleteSeconds: Store.seconds(deleted - started),
                                 optimizeSeconds: Store.seconds(optimized - deleted), checkpointSeconds: 0,
                                 walTruncated: false, freePages: 0)
        }
        let optimized = clock.now
        report.walTruncated = try truncateWAL()
        report.checkpointSeconds = Store.seconds(clock.now - optimized)
        report.freePages = try read { db in try Int.fetchOne(db, sql: "PRAGMA freelist_count") ?? 0 }
        return report
    }

    /// Checkpoints the whole WAL into the database file and truncates it to zero bytes, so no old
    /// page image survives in it. Waits (busy timeout) for readers of older snapshots to finish;
    /// returns false if the WAL could not be fully emptied. A no-op for an in-memory store.
    @discardableResult
    public func truncateWAL() throws -> Bool {
        guard path != nil else { return true }
        return try writer.writeWithoutTransaction { db in
            do {
                let result = try db.checkpoint(.truncate)
                return result.walFrameCount == 0 || result.walFrameCount == result.checkpointedFrameCount
            } catch let error as DatabaseError where error.resultCode == .SQLITE_BUSY {
                return false
            }
        }
    }

    static func seconds(_ duration: Duration) -> Double {
        let (s, atto) = duration.components
        return Double(s) + Double(atto) / 1e18
    }

    /// The audit log, oldest first: what erasures leave behind.
    public func auditLog() throws -> [(at: Date, event: String)] {
        try read { db in
            try Row.fetchAll(db, sql: "SELECT at, event FROM audit ORDER BY id").map { (Rows.date($0["at"]), $0["event"]) }
        }
    }
}
